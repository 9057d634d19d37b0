import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The imports pages. */
export const importPages = new Hono<WebEnv>();
