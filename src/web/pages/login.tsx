import { Layout, type PageContext } from '../layout';

export function LoginPage(props: {
  page: PageContext;
  /** The sign-in form's own CSRF token (login-csrf.ts). */
  token: string;
  error?: boolean;
  /** The previous post came without a valid token or from another site. */
  refused?: boolean;
  signedOut?: boolean;
  next?: string;
}) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {props.signedOut ? <p class="notice">{t('login.signedOut')}</p> : null}
      {props.error ? (
        <p class="notice error" role="alert">
          {t('login.invalid')}
        </p>
      ) : null}
      {props.refused ? (
        <p class="notice error" role="alert">
          {t('err.csrf')}
        </p>
      ) : null}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value={props.token} />
        <input type="hidden" name="next" value={props.next ?? '/'} />
        <label for="token">{t('login.token')}</label>
        <input
          type="password"
          id="token"
          name="token"
          required
          autocomplete="current-password"
          aria-describedby="token-hint"
          aria-invalid={props.error ? 'true' : undefined}
        />
        <p id="token-hint" class="muted">
          {t('login.tokenHint')}
        </p>
        <button type="submit">{t('login.submit')}</button>
      </form>
    </Layout>
  );
}
