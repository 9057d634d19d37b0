import { FieldError, Layout, type PageContext } from '../layout';

/** Why the previous sign-in was refused. */
export type LoginRefusal =
  | { kind: 'token' }
  | { kind: 'password' }
  | { kind: 'throttled'; minutes: number }
  | { kind: 'missing'; fields: Record<string, string> }
  /** The post came without a valid form token or from another site. */
  | { kind: 'csrf' };

/**
 * The sign-in page: e-mail and password for people first, single sign-on when it is
 * configured, and the API token form below (the first admin's way in, and machines').
 */
export function LoginPage(props: {
  page: PageContext;
  /** The sign-in form's own CSRF token (login-csrf.ts). */
  token: string;
  refusal?: LoginRefusal;
  signedOut?: boolean;
  passwordSet?: boolean;
  next?: string;
  /** What was typed in the e-mail field, kept after a refusal. */
  email?: string;
  /** `/login/oidc` when single sign-on is configured. */
  ssoHref?: string | null;
  /** Whether "forgot password" can e-mail a link (an SMTP transport exists). */
  canResetByMail?: boolean;
}) {
  const { t } = props.page.i18n;
  const r = props.refusal;
  const fields = r?.kind === 'missing' ? r.fields : {};
  const passwordWrong = r?.kind === 'password';
  // A wrong password marks both fields: which of the two was wrong is not said.
  const invalid = (name: string) => ({
    'aria-invalid': fields[name] || passwordWrong ? ('true' as const) : undefined,
    'aria-describedby': fields[name] ? `${name}-error` : undefined,
  });
  return (
    <Layout page={props.page} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {props.signedOut ? <p class="notice">{t('login.signedOut')}</p> : null}
      {props.passwordSet ? <p class="notice">{t('people.passwordSet')}</p> : null}
      {r ? (
        <p class="notice error" role="alert">
          {r.kind === 'token'
            ? t('login.invalid')
            : r.kind === 'password'
              ? t('people.invalid')
              : r.kind === 'throttled'
                ? t('people.throttled', { minutes: r.minutes })
                : r.kind === 'csrf'
                  ? t('err.csrf')
                  : t('err.title')}
        </p>
      ) : null}
      <section class="signin" aria-labelledby="signin-password">
        <h2 id="signin-password">{t('people.passwordHeading')}</h2>
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={props.token} />
          <input type="hidden" name="next" value={props.next ?? '/'} />
          <label for="email">{t('people.email')}</label>
          <input
            type="email"
            id="email"
            name="email"
            value={props.email ?? ''}
            autocomplete="username"
            required
            {...invalid('email')}
          />
          <FieldError id="email" error={fields.email} />
          <label for="password">{t('people.password')}</label>
          <input
            type="password"
            id="password"
            name="password"
            autocomplete="current-password"
            required
            {...invalid('password')}
          />
          <FieldError id="password" error={fields.password} />
          <p class="actions">
            <button type="submit">{t('people.signIn')}</button>
            {props.canResetByMail ? <a href="/password/forgot">{t('people.forgot')}</a> : null}
          </p>
        </form>
        {props.ssoHref ? (
          <p>
            <a class="button secondary" href={props.ssoHref}>
              {t('people.sso')}
            </a>
          </p>
        ) : null}
      </section>
      <section class="signin" aria-labelledby="signin-token">
        <h2 id="signin-token">{t('people.tokenHeading')}</h2>
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={props.token} />
          <input type="hidden" name="next" value={props.next ?? '/'} />
          <label for="token">{t('login.token')}</label>
          <input
            type="password"
            id="token"
            name="token"
            required
            autocomplete="off"
            aria-describedby="token-hint"
            aria-invalid={r?.kind === 'token' ? 'true' : undefined}
          />
          <p id="token-hint" class="muted">
            {t('login.tokenHint')}
          </p>
          <button type="submit">{t('login.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}
