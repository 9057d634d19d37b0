import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The audit pages. */
export const auditPages = new Hono<WebEnv>();
