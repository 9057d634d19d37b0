import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** Requests from the people whose data it is (開示等の請求). */
export const subjectRequestPages = new Hono<WebEnv>();
