import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The incidents pages. */
export const incidentPages = new Hono<WebEnv>();
