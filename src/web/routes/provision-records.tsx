import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** Records of provision abroad on consent (第三者提供記録). */
export const provisionRecordPages = new Hono<WebEnv>();
