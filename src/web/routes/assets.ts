import { Hono } from 'hono';
import type { WebEnv } from '../session';
import { stylesheet } from '../styles';

/** The stylesheet, open to everyone: the sign-in page needs it before any session exists. */
export const assetRoutes = new Hono<WebEnv>();

assetRoutes.get('/assets/itaku.css', (c) =>
  c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }),
);
