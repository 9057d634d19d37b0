import { Hono } from 'hono';
import type { WebEnv } from '../session';

/** The oidc pages. */
export const oidcRoutes = new Hono<WebEnv>();
