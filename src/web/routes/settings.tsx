import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The settings pages. */
export const settingsPages = new Hono<WebEnv>();
