import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** What the law asks of contractors abroad and of re-consignment, on the contractor's pages. */
export const contractorLawPages = new Hono<WebEnv>();
