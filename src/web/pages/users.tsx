import { roles } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { UserView } from '../../modules/users/users.service';
import { Badge, Layout, type PageContext } from '../layout';
import type { PagerState } from '../pager';
import { type ListPage, PagedList, ScrollTable } from './parts-list';
import { PasswordField } from './password';
import { type FormProps, Input, Problems, Select } from './supervision';

/** Active or deactivated, as a badge. */
export const StatusBadge = (props: { page: PageContext; active: boolean }) => (
  <Badge
    value={props.active ? 'active' : 'deactivated'}
    label={props.page.i18n.t(props.active ? 'people.active' : 'people.inactive')}
  />
);

/** `/users`: everyone who may sign in, with their role and status (admin). */
export function UsersPage(
  props: ListPage<UserView> & {
    page: PageContext;
    pager: PagerState;
    meId: string;
  },
) {
  const { page } = props;
  const { t, label, dateTime } = page.i18n;
  return (
    <Layout page={page} title={t('people.usersTitle')}>
      <h1>{t('people.usersTitle')}</h1>
      <p class="actions">
        <a class="button" href="/users/new">
          {t('people.addUser')}
        </a>
      </p>
      <PagedList i18n={page.i18n} state={props.pager} list={props}>
        {/* On a phone each user is a card: the header row gives way to a label before each value. */}
        <ScrollTable
          class="users"
          columns={[
            t('people.name'),
            t('people.email'),
            t('people.role'),
            t('people.status'),
            t('people.signInWith'),
            t('people.added'),
          ]}
        >
          {props.items.map((u) => (
            <tr data-user={u.id}>
              <td>
                <a href={`/users/${u.id}`}>{u.name}</a>
                {u.id === props.meId ? <span class="muted"> {t('people.you')}</span> : null}
              </td>
              <td class="email" data-label={t('people.email')}>
                {u.email ?? '—'}
              </td>
              <td data-label={t('people.role')}>{label(labels.role, u.role)}</td>
              <td data-label={t('people.status')}>
                <StatusBadge page={page} active={u.active} />
              </td>
              <td data-label={t('people.signInWith')}>
                {t(u.hasPassword ? 'people.hasPassword' : 'people.noPassword')}
              </td>
              <td data-label={t('people.added')}>{dateTime(u.createdAt)}</td>
            </tr>
          ))}
        </ScrollTable>
      </PagedList>
    </Layout>
  );
}

/** `/users/new`: name, e-mail address, role and, optionally, a first password. */
export function NewUserPage(props: FormProps) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('people.addUser')}>
      <p>
        <a href="/users">{t('people.back')}</a>
      </p>
      <h1>{t('people.addUser')}</h1>
      <Problems {...props} />
      <form method="post" action="/users" novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        <Input {...props} name="name" label={t('people.name')} required />
        <Input {...props} name="email" label={t('people.email')} type="email" />
        <Select {...props} name="role" label={t('people.role')} options={roles} table={labels.role} required />
        <PasswordField
          errors={props.errors}
          name="password"
          label={t('people.initialPassword')}
          autocomplete="new-password"
          hint={t('people.initialHint')}
          optional
        />
        <p class="actions">
          <button type="submit">{t('people.create')}</button>
        </p>
      </form>
    </Layout>
  );
}
