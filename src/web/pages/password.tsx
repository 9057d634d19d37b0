import type { LinkState } from '../../modules/users/password-links.service';
import type { MessageKey } from '../i18n';
import { FieldError, Layout, type PageContext } from '../layout';

export interface PasswordFormProps {
  page: PageContext;
  /** Field → message; passwords themselves are never sent back to the browser. */
  errors: Record<string, string>;
  /** A message for the whole form, or null. */
  summary: string | null;
}

/** A password input with its hint and error; never pre-filled. */
export function PasswordField(props: {
  errors: Record<string, string>;
  name: string;
  label: string;
  autocomplete: 'new-password' | 'current-password';
  hint?: string;
  optional?: boolean;
}) {
  const error = props.errors[props.name];
  const described = [props.hint ? `${props.name}-hint` : '', error ? `${props.name}-error` : ''].filter(Boolean);
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <input
        type="password"
        id={props.name}
        name={props.name}
        autocomplete={props.autocomplete}
        required={!props.optional}
        maxlength={1024}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described.length ? described.join(' ') : undefined}
      />
      {props.hint ? (
        <p class="muted hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={props.name} error={error} />
    </div>
  );
}

/** A new password (under `name`, with the rules as its hint) and the same typed again (`confirm`). */
function NewPasswordFields(props: { page: PageContext; errors: Record<string, string>; name: string }) {
  const { t } = props.page.i18n;
  return (
    <>
      <PasswordField
        errors={props.errors}
        name={props.name}
        label={t('people.newPassword')}
        autocomplete="new-password"
        hint={t('people.passwordHint')}
      />
      <PasswordField
        errors={props.errors}
        name="confirm"
        label={t('people.confirmPassword')}
        autocomplete="new-password"
      />
    </>
  );
}

function Summary(props: { summary: string | null; errors: Record<string, string>; page: PageContext }) {
  if (props.summary === null && Object.keys(props.errors).length === 0) return null;
  return (
    <p class="notice error" role="alert">
      {props.summary ?? props.page.i18n.t('err.title')}
    </p>
  );
}

const linkMessage: Record<Exclude<LinkState, 'valid'>, MessageKey> = {
  expired: 'people.linkExpired',
  used: 'people.linkUsed',
  unknown: 'people.linkUnknown',
};

/** `/password/set?token=…`: a new password from a one-time link, or why the link no longer works. */
export function SetPasswordPage(
  props: PasswordFormProps & {
    /** The sign-in forms' CSRF token (login-csrf.ts): no session exists yet. */
    formToken: string;
    linkToken: string;
    state: LinkState;
    name?: string;
  },
) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('people.setTitle')}>
      <h1>{t('people.setTitle')}</h1>
      {props.state !== 'valid' ? (
        <>
          <p class="notice error" role="alert">
            {t(linkMessage[props.state])}
          </p>
          <p>
            <a href="/login">{t('people.toLogin')}</a>
          </p>
        </>
      ) : (
        <>
          {props.name ? <p>{t('people.setFor', { name: props.name })}</p> : null}
          <Summary {...props} />
          <form method="post" action="/password/set">
            <input type="hidden" name="_csrf" value={props.formToken} />
            <input type="hidden" name="token" value={props.linkToken} />
            <NewPasswordFields page={props.page} errors={props.errors} name="password" />
            <p class="actions">
              <button type="submit">{t('people.setSubmit')}</button>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}

/** `/password/forgot`: asks for a link by e-mail (only where itaku can send e-mail). */
export function ForgotPasswordPage(props: PasswordFormProps & { formToken: string; email: string; sent: boolean }) {
  const { t } = props.page.i18n;
  const error = props.errors.email;
  return (
    <Layout page={props.page} title={t('people.forgotTitle')}>
      <h1>{t('people.forgotTitle')}</h1>
      {props.sent ? (
        <p class="notice" role="status">
          {t('people.forgotSent')}
        </p>
      ) : null}
      <Summary {...props} />
      <p id="forgot-intro">{t('people.forgotIntro')}</p>
      <form method="post" action="/password/forgot">
        <input type="hidden" name="_csrf" value={props.formToken} />
        <label for="email">{t('people.email')}</label>
        <input
          type="email"
          id="email"
          name="email"
          value={props.email}
          autocomplete="username"
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'forgot-intro email-error' : 'forgot-intro'}
        />
        <FieldError id="email" error={error} />
        <p class="actions">
          <button type="submit">{t('people.forgotSend')}</button>
          <a href="/login">{t('people.toLogin')}</a>
        </p>
      </form>
    </Layout>
  );
}

/** `/settings/password`: the signed-in user changes (or first sets) their own password. */
export function ChangePasswordPage(
  props: PasswordFormProps & { hasPassword: boolean; hasEmail: boolean; changed: boolean },
) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('people.changeTitle')}>
      <h1>{t('people.changeTitle')}</h1>
      {props.changed ? (
        <p class="notice" role="status">
          {t('people.changed')}
        </p>
      ) : null}
      {!props.hasPassword ? <p>{t('people.noPasswordYet')}</p> : null}
      {!props.hasEmail ? <p class="notice">{t('people.noEmail')}</p> : null}
      <Summary {...props} />
      <form method="post" action="/settings/password">
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        {props.hasPassword ? (
          <PasswordField
            errors={props.errors}
            name="currentPassword"
            label={t('people.currentPassword')}
            autocomplete="current-password"
          />
        ) : null}
        <NewPasswordFields page={props.page} errors={props.errors} name="newPassword" />
        <p class="actions">
          <button type="submit">{t('people.changeSubmit')}</button>
        </p>
      </form>
    </Layout>
  );
}
