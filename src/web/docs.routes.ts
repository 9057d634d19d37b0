import { Hono } from 'hono';
import type { AppEnv, DocsAssets } from '../platform/app-env';
import { type ProblemSlug, problemTypes } from '../platform/problem';

/**
 * The API reference: Swagger UI, its files served by itaku itself so the page works
 * offline and behind strict firewalls. No inline script, so the CSP can forbid them.
 */
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>itaku API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  validatorUrl: null
});`;

const types: Record<keyof DocsAssets, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

export const docsRoutes = new Hono<AppEnv>()
  // Browsers ask for it on every page; answering keeps 404s out of the logs.
  .get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }))
  .get('/api/docs', (c) => c.html(page))
  .get('/api/docs/init.js', (c) => c.body(init, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  .get('/api/docs/:file{swagger-ui-bundle\\.js|swagger-ui\\.css}', async (c) => {
    const load = c.var.deps.docsAssets;
    if (!load) return c.notFound();
    const file = c.req.param('file') as keyof DocsAssets;
    const assets = await load();
    return c.body(assets[file], 200, {
      'Content-Type': types[file],
      'Cache-Control': 'public, max-age=86400',
    });
  })
  .get('/problems/:slug', (c) => {
    const slug = c.req.param('slug');
    if (!Object.hasOwn(problemTypes, slug)) return c.notFound();
    const title = problemTypes[slug as ProblemSlug];
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>Problem type <code>/problems/${slug}</code> of the itaku API. See <a href="/api/docs">the API reference</a> for where it is returned.</p></body></html>`,
    );
  });
