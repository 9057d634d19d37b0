import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** What the law asks of a leak beyond its deadlines, on the incident's pages. */
export const incidentLawPages = new Hono<WebEnv>();
