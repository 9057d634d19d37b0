import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** A contractor answering a questionnaire by its link: no itaku account. */
export const respondPages = new Hono<WebEnv>();
