import type { MessageKey } from '../i18n';
import { Layout, type PageContext } from '../layout';

/** The organisation's settings, one link each, with what they decide. */
const SETTINGS: [href: string, title: MessageKey, what: MessageKey][] = [
  ['/settings/selection', 'set.sel.title', 'set.idx.selection'],
  ['/settings/holidays', 'hol.title', 'set.idx.holidays'],
  ['/settings/subject-requests', 'sr.set.title', 'set.idx.subjectRequests'],
  ['/settings/certificates', 'set.cert.title', 'set.idx.certificates'],
];

/** The settings page: the organisation's settings, then the signed-in person's own. */
export function SettingsIndexPage(props: { page: PageContext }) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('set.idx.title')}>
      <h1>{t('set.idx.title')}</h1>
      <h2>{t('set.idx.organisation')}</h2>
      <ul class="settings-index">
        {SETTINGS.map(([href, title, what]) => (
          <li>
            <a href={href}>{t(title)}</a>
            <p class="hint">{t(what)}</p>
          </li>
        ))}
      </ul>
      <h2>{t('set.idx.yours')}</h2>
      <ul class="settings-index">
        <li>
          <a href="/settings/password">{t('people.changePasswordLink')}</a>
        </li>
        <li>
          <a href="/settings/calendar">{t('nav.calendar')}</a>
        </li>
      </ul>
    </Layout>
  );
}
