import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The webhooks pages. */
export const webhookPages = new Hono<WebEnv>();
