import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The jobs pages. */
export const jobPages = new Hono<WebEnv>();
