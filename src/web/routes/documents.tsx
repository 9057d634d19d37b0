import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** Contractors' documents and certificates: upload, validity, download, delete. */
export const documentPages = new Hono<WebEnv>();
