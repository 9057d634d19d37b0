import { labels } from '../i18n/labels';
import { Layout } from './layout';
import { pageOf, type WebContext } from './web-context';

/** A page the user's role may not open or a form it may not send: 403, nothing done. */
export function forbidden(c: WebContext) {
  const page = pageOf(c);
  return c.html(
    <Layout page={page} title="403">
      <h1>403</h1>
      <p class="notice error" role="alert">
        {page.i18n.t('err.forbidden', { role: page.i18n.label(labels.role, page.user?.role) })}
      </p>
    </Layout>,
    403,
  );
}

/** A post without the page's CSRF token, or from another site: refused, nothing done. */
export function csrfRefused(c: WebContext) {
  const page = pageOf(c);
  return c.html(
    <Layout page={page} title="403">
      <p class="notice error" role="alert">
        {page.i18n.t('err.csrf')}
      </p>
    </Layout>,
    403,
  );
}
