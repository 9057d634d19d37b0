import { roles } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { UserView } from '../../modules/users/users.service';
import type { MessageKey } from '../i18n';
import { Layout, type PageContext } from '../layout';
import { Confirm, type FormProps, Input, Problems, Select } from './supervision';
import { StatusBadge } from './users';

/** Which of the page's forms was sent, so that only its problems are shown at it. */
export type UserForm = 'edit' | 'deactivate' | 'revoke' | null;

/** What the page says after a redirect. */
export const userNotices = {
  created: 'people.created',
  saved: 'people.saved',
  deactivated: 'people.deactivated',
  reactivated: 'people.reactivated',
  revoked: 'people.revoked',
} as const satisfies Record<string, MessageKey>;
export type UserNotice = keyof typeof userNotices;

/** A form posting to one of the user's actions, with the page's CSRF token. */
function ActionForm(props: { page: PageContext; action: string; children: unknown }) {
  return (
    <form method="post" action={props.action}>
      <input type="hidden" name="_csrf" value={props.page.csrf} />
      {props.children}
    </form>
  );
}

/**
 * `/users/{id}` (admin): the user, the form to change name, e-mail and role, a sign-in
 * link, API tokens, and deactivating or reactivating, each with its own form.
 */
export function UserDetailPage(
  props: FormProps & { user: UserView; form: UserForm; notice: UserNotice | null; isMe: boolean },
) {
  const { page, user } = props;
  const { t } = page.i18n;
  const base = `/users/${user.id}`;
  // The problems of the form that was sent show at it alone; `values` are the edit form's.
  const own = (form: UserForm) => (props.form === form ? props : { ...props, errors: {}, summary: null });
  return (
    <Layout page={page} title={user.name}>
      <p>
        <a href="/users">{t('people.back')}</a>
      </p>
      <h1>
        {user.name} {props.isMe ? <span class="muted">{t('people.you')}</span> : null}
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {t(userNotices[props.notice])}
        </p>
      ) : null}
      <p>
        <StatusBadge page={page} active={user.active} /> {page.i18n.label(labels.role, user.role)} ·{' '}
        {t('people.signInWith')}: {t(user.hasPassword ? 'people.hasPassword' : 'people.noPassword')}
      </p>

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t('people.editTitle')}</h2>
        <Problems {...own('edit')} />
        <ActionForm page={page} action={base}>
          <input type="hidden" name="version" value={String(user.version)} />
          <Input {...own('edit')} name="name" label={t('people.name')} required />
          <Input {...own('edit')} name="email" label={t('people.email')} type="email" />
          <Select {...own('edit')} name="role" label={t('people.role')} options={roles} table={labels.role} />
          <p class="actions">
            <button type="submit">{t('people.save')}</button>
          </p>
        </ActionForm>
      </section>

      {user.active ? (
        <section aria-labelledby="link-title">
          <h2 id="link-title">{t('people.linkTitle')}</h2>
          <p class="muted">{t('people.linkHint')}</p>
          <ActionForm page={page} action={`${base}/sign-in-link`}>
            <button type="submit" class="secondary">
              {t('people.issueLink')}
            </button>
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('people.tokensTitle')}</h2>
        <p class="muted">{t('people.tokensHint')}</p>
        {user.active ? (
          <ActionForm page={page} action={`${base}/tokens`}>
            <button type="submit" class="secondary">
              {t('people.rotate')}
            </button>
          </ActionForm>
        ) : null}
        <Problems {...own('revoke')} />
        <ActionForm page={page} action={`${base}/tokens/revoke`}>
          <Confirm
            {...own('revoke')}
            values={{}}
            name="confirmRevoke"
            label={t('people.revokeConfirm', { name: user.name })}
          />
          <button type="submit" class="secondary danger">
            {t('people.revoke')}
          </button>
        </ActionForm>
      </section>

      <section aria-labelledby="status-title">
        <h2 id="status-title">{t('people.statusTitle')}</h2>
        <Problems {...own('deactivate')} />
        {user.active ? (
          <ActionForm page={page} action={`${base}/deactivate`}>
            <input type="hidden" name="version" value={String(user.version)} />
            <Confirm
              {...own('deactivate')}
              values={{}}
              name="confirmDeactivate"
              label={t('people.deactivateConfirm', { name: user.name })}
            />
            <button type="submit" class="danger">
              {t('people.deactivate')}
            </button>
          </ActionForm>
        ) : (
          <ActionForm page={page} action={`${base}/reactivate`}>
            <input type="hidden" name="version" value={String(user.version)} />
            <p class="muted">{t('people.reactivateHint')}</p>
            <button type="submit">{t('people.reactivate')}</button>
          </ActionForm>
        )}
      </section>
    </Layout>
  );
}

/** A secret shown once, right after it was made: a sign-in link or an API token. */
export function SecretShownOncePage(props: {
  page: PageContext;
  user: UserView;
  title: string;
  message: string;
  secret: string;
}) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={props.title}>
      <p>
        <a href={`/users/${props.user.id}`}>{props.user.name}</a>
      </p>
      <h1>{props.title}</h1>
      <p class="notice" role="status" id="secret-note">
        {props.message}
      </p>
      <label for="secret">{props.title}</label>
      <input type="text" id="secret" class="secret" readonly value={props.secret} aria-describedby="secret-note" />
      <p class="actions">
        <a class="button secondary" href="/users">
          {t('people.back')}
        </a>
      </p>
    </Layout>
  );
}
