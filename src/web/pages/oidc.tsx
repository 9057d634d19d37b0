import type { RefusalReason } from '../../modules/sso/sso.refusal';
import type { MessageKey } from '../i18n';
import { Layout, type PageContext } from '../layout';

const reasonText: Record<RefusalReason, MessageKey> = {
  'provider-refused': 'sso.providerRefused',
  'flow-invalid': 'sso.flowInvalid',
  'exchange-failed': 'sso.exchangeFailed',
  'provider-unavailable': 'sso.providerUnavailable',
  'email-unverified': 'sso.emailUnverified',
  'unknown-user': 'sso.unknownUser',
  'user-inactive': 'sso.userInactive',
};

/** Where a new attempt starts: the same `next`, so the person still lands where they meant to go. */
const restart = (next: string) => (next === '/' ? '/login/oidc' : `/login/oidc?next=${encodeURIComponent(next)}`);
const login = (next: string) => (next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);

/** Why single sign-on did not sign the person in, and the ways on from here. */
export function OidcRefusedPage(props: {
  page: PageContext;
  reason: RefusalReason;
  email?: string;
  providerError?: string;
  next: string;
}) {
  const { t } = props.page.i18n;
  const title = props.reason === 'unknown-user' ? t('sso.unknownUserTitle') : t('sso.failedTitle');
  const email = props.email ?? '';
  return (
    <Layout page={props.page} title={title}>
      <h1>{title}</h1>
      <div class="notice error" role="alert">
        <p>{t(reasonText[props.reason], { email })}</p>
        {props.providerError ? <p>{t('sso.providerCode', { code: props.providerError })}</p> : null}
        {props.reason === 'email-unverified' && email ? <p>{t('sso.emailShown', { email })}</p> : null}
      </div>
      <p class="actions">
        <a class="button" href={restart(props.next)}>
          {t('sso.tryAgain')}
        </a>
        <a class="button secondary" href={login(props.next)}>
          {t('sso.otherWays')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * Signed in: the browser goes on to `next` by itself (the response's Refresh header) or
 * through the link. This page is what makes the session cookie arrive: it is SameSite=Strict,
 * and a redirect answering the provider's redirect would still belong to a navigation the
 * provider's site started, which a browser sends no Strict cookie with. The navigation
 * this page starts is our own site's.
 */
export function OidcSignedInPage(props: { page: PageContext; name: string; next: string }) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('sso.signedInTitle')}>
      <h1>{t('sso.signedInTitle')}</h1>
      <p class="notice" role="status">
        {t('sso.signedIn', { name: props.name })}
      </p>
      <p class="actions">
        <a class="button" href={props.next}>
          {t('sso.continue')}
        </a>
      </p>
    </Layout>
  );
}
