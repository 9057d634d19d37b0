import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { FLOW_SECONDS, openFlow, sealFlow } from '../../modules/sso/sso.flow';
import { beginSignIn, finishSignIn } from '../../modules/sso/sso.provider';
import { SsoRefusal } from '../../modules/sso/sso.refusal';
import { userForIdentity } from '../../modules/sso/sso.service';
import { recordSignIn } from '../../modules/users/sign-in.service';
import { SYSTEM_ACTOR } from '../../platform/app-env';
import type { OidcConfig } from '../../platform/config';
import { ProblemError } from '../../platform/problem';
import { safeNext } from '../guards';
import { OidcRefusedPage, OidcSignedInPage } from '../pages/oidc';
import { pageQuery } from '../query';
import { secureCookies, startSession, type WebEnv } from '../session';
import { pageOf, type WebContext } from '../web-context';

/** Single sign-on with the one configured OpenID provider (ITAKU_OIDC_*): leave, come back signed in. */
export const oidcRoutes = new Hono<WebEnv>();

const FLOW_COOKIE = 'itaku_oidc';
/** The cookie goes only to the sign-in and its callback. */
const FLOW_PATH = '/login/oidc';
const CALLBACK_PATH = '/login/oidc/callback';

/** The configured provider; without one these paths do not exist. */
function configured(c: WebContext): OidcConfig {
  const settings = c.var.deps.config.oidc;
  if (!settings) throw new ProblemError(404, 'not-found', 'Single sign-on is not configured.');
  return settings;
}

/**
 * The redirect URI registered at the provider: under ITAKU_PUBLIC_URL when set (behind a
 * proxy the request's own address is not what the browser sees), else this request's
 * origin, in the scheme a TLS-terminating proxy reports.
 */
function redirectUri(c: WebContext): string {
  const publicUrl = c.var.deps.config.publicUrl;
  if (publicUrl) return new URL(CALLBACK_PATH, publicUrl).href;
  const url = new URL(c.req.url);
  if (c.req.header('x-forwarded-proto') === 'https') url.protocol = 'https:';
  return new URL(CALLBACK_PATH, url.origin).href;
}

function refused(c: WebContext, err: SsoRefusal, next: string) {
  // For the operator setting up the provider: the reason, never the person's address.
  c.var.deps.logger.info('single sign-on refused', {
    requestId: c.var.requestId,
    reason: err.reason,
    providerError: err.providerError,
  });
  return c.html(
    <OidcRefusedPage
      page={pageOf(c)}
      reason={err.reason}
      email={err.email}
      providerError={err.providerError}
      next={next}
    />,
    err.status as 400,
  );
}

// `next` is not refused: whatever is not a path of ours becomes `/` (safeNext).
const StartQuery = z.object({ next: z.string().optional() });

/**
 * Leaves for the provider. The flow's secrets go into a sealed cookie (src/modules/sso/sso.flow.ts
 * says why a cookie); SameSite=Lax, because the provider's redirect back is a cross-site
 * navigation, which a Strict cookie would not accompany.
 */
oidcRoutes.get(FLOW_PATH, async (c) => {
  const settings = configured(c);
  const next = safeNext(pageQuery(c, StartQuery).next);
  const { deps } = c.var;
  try {
    const { url, flow } = await beginSignIn(settings, deps.logger, {
      redirectUri: redirectUri(c),
      next,
      nowMs: deps.clock.now().getTime(),
    });
    setCookie(c, FLOW_COOKIE, await sealFlow(deps.audit.keys, flow), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies(c),
      path: FLOW_PATH,
      maxAge: FLOW_SECONDS,
    });
    return c.redirect(url, 302);
  } catch (err) {
    if (err instanceof SsoRefusal) return refused(c, err, next);
    throw err;
  }
});

/**
 * Back from the provider. The flow cookie is cleared before anything is checked, so this
 * browser completes each sign-in at most once; then the state, the code (exchanged with
 * the PKCE verifier), the ID token and its nonce, and the e-mail address are verified,
 * and the person is found (or created) and signed in.
 */
oidcRoutes.get(CALLBACK_PATH, async (c) => {
  const settings = configured(c);
  const params = new URL(c.req.url).searchParams;
  // Nothing to complete (the address opened by hand, or the language switch of a result page).
  if (!params.has('state') && !params.has('code') && !params.has('error')) {
    const lang = c.req.query('lang');
    return c.redirect(lang ? `/login?lang=${lang}` : '/login', 303);
  }
  const { deps } = c.var;
  const sealed = getCookie(c, FLOW_COOKIE);
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH, secure: secureCookies(c) });
  const nowMs = deps.clock.now().getTime();
  const flow = await openFlow(deps.audit.keys, sealed, nowMs);
  const next = flow?.next ?? '/';
  try {
    if (!flow) throw new SsoRefusal('flow-invalid');
    const identity = await finishSignIn(settings, deps.logger, flow, params, nowMs);
    const ctx = { ...deps, actor: SYSTEM_ACTOR, requestId: c.var.requestId };
    const actor = await userForIdentity(ctx, identity, settings.createRole);
    await recordSignIn(deps, actor, 'oidc');
    await startSession(c, deps, actor);
    // `next` passed safeNext: a path of ours, without spaces or control characters.
    c.header('Refresh', `0; url=${flow.next}`);
    return c.html(<OidcSignedInPage page={pageOf(c)} name={actor.name} next={flow.next} />);
  } catch (err) {
    if (err instanceof SsoRefusal) return refused(c, err, next);
    throw err;
  }
});
