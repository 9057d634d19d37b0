import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** Questionnaires sent to contractors and their templates, as compliance sees them. */
export const questionnairePages = new Hono<WebEnv>();
