import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The users pages. */
export const userPages = new Hono<WebEnv>();
