import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The reports pages. */
export const reportPages = new Hono<WebEnv>();
