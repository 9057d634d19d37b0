import type { MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { formBodyLimit } from './guards';
import { LANG_COOKIE } from './i18n';
import { checkLang } from './query';
import { loadSession, type WebEnv } from './session';
import type { WebContext } from './web-context';

/** The paths the web UI owns; everything else (the API, docs, health) passes untouched. */
const WEB_AREAS = [
  'login',
  'logout',
  'password',
  'contractors',
  'agreements',
  'reviews',
  'findings',
  'alerts',
  'incidents',
  'imports',
  'reports',
  'users',
  'webhooks',
  'audit',
  'jobs',
  'settings',
  'documents',
  'questionnaires',
  'questionnaire-templates',
  'respond',
  'provision-records',
  'subject-requests',
];
const WEB_PATH = new RegExp(`^/($|(${WEB_AREAS.join('|')})(/|$))`);

const ownsPath = (c: WebContext) => WEB_PATH.test(c.req.path);

// Pages name the signed-in user and show personal data: no cache, shared or the browser's, may keep them.
const noStore: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (!ownsPath(c)) return next();
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

// The contractor import takes CSV files up to the API's import limit: its two POST
// routes check their own, larger limit before reading the body (routes/imports.tsx).
// Documents and a respondent's evidence are uploads up to ITAKU_MAX_UPLOAD_MB, checked by
// their routes the same way.
const OWN_LIMIT = /^\/(imports\/contractors(\/import)?|documents|respond\/[^/]+\/files)$/;

// Before anything reads the request: an oversized form is refused unread.
const formLimit: MiddlewareHandler<WebEnv> = (c, next) =>
  ownsPath(c) && !OWN_LIMIT.test(c.req.path) && c.req.method !== 'GET' && c.req.method !== 'HEAD'
    ? formBodyLimit(c, next)
    : next();

const session: MiddlewareHandler<WebEnv> = async (c, next) => (ownsPath(c) ? loadSession(c, next) : next());

/** Checks `?lang=` and remembers it; sends whoever is not signed in to the sign-in page. */
const signedIn: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (!ownsPath(c)) return next();
  // A respondent's page speaks the questionnaire's language whatever the address says.
  if (c.req.path.startsWith('/respond/')) return next();
  checkLang(c);
  const lang = c.req.query('lang');
  if (lang === 'ja' || lang === 'en')
    setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 31_536_000 });
  // Sign-in (password, token, SSO and its callback), setting a password from a one-time
  // link, and a contractor answering a questionnaire: its link is the key.
  const open = /^\/(login|password|respond)(\/|$)/.test(c.req.path) || c.req.path.startsWith('/assets/');
  if (!open && !c.get('session')) {
    if (c.req.method !== 'GET') return c.redirect('/login', 303);
    return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);
  }
  await next();
};

/** In this order, before every page of the web UI. */
export const webMiddleware: MiddlewareHandler<WebEnv>[] = [noStore, formLimit, session, signedIn];
