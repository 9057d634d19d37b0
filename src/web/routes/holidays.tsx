import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The organisation's extra closed days (settings). */
export const holidayPages = new Hono<WebEnv>();
