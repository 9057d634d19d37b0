import type { Context } from 'hono';
import type { RequestContext } from '../platform/app-env';
import { i18n, pickLang } from './i18n';
import type { PageContext } from './layout';
import type { WebEnv } from './session';

/** The context of a web request: the app's variables and the session (null when signed out). */
export type WebContext = Context<WebEnv>;

/** What every page needs: the reader's language, who is signed in, the form token, the path. */
export function pageOf(c: WebContext): PageContext {
  const session = c.get('session');
  return {
    i18n: i18n(pickLang(c), c.var.deps.config.timeZone),
    user: session ? { name: session.actor.name, role: session.actor.role } : null,
    csrf: session?.csrf ?? '',
    path: c.req.path,
  };
}

/** The signed-in user's service context: the pages call the services the API calls, as this user. */
export const ctxOf = (c: WebContext): RequestContext => ({
  ...c.var.deps,
  actor: c.var.actor,
  requestId: c.var.requestId,
});
