import type { ErrorHandler } from 'hono';
import { ProblemError } from '../platform/problem';
import { fieldText, problemText } from './i18n/problems';
import { Layout } from './layout';
import { BadQuery } from './query';
import type { WebEnv } from './session';
import { pageOf } from './web-context';

/** HTML error pages for the web UI (the API answers problem+json). */
export const webErrorPage: ErrorHandler<WebEnv> = (err, c) => {
  const page = pageOf(c);
  if (err instanceof BadQuery) {
    const errors = err.errors ?? [];
    return c.html(
      <Layout page={page} title="400">
        <h1>400</h1>
        <p class="notice error" role="alert">
          {page.i18n.t('err.badQuery', { names: [...new Set(errors.map((e) => e.path))].join(', ') })}
        </p>
        <ul>
          {errors.map((e) => (
            <li>
              <code>{e.path}</code>: {fieldText(e, page.i18n.lang)}
            </li>
          ))}
        </ul>
      </Layout>,
      400,
    );
  }
  if (err instanceof ProblemError) {
    return c.html(
      <Layout page={page} title={String(err.status)}>
        <h1>{err.status === 404 ? page.i18n.t('err.notFound') : err.status}</h1>
        <p class="notice error" role="alert">
          {problemText(err, page.i18n.lang)}
        </p>
      </Layout>,
      err.status as 400,
    );
  }
  c.var.deps.logger.error('web page failed', {
    requestId: c.var.requestId,
    path: c.req.path,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return c.html(
    <Layout page={page} title="500">
      <h1>500</h1>
      <p class="notice error">Request id: {c.var.requestId}</p>
    </Layout>,
    500,
  );
};
