import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The findings pages. */
export const findingPages = new Hono<WebEnv>();
