import type { CertificateMitigationView } from '../../modules/settings/certificate-mitigation';
import { Layout, type PageContext } from '../layout';

/** Whether valid Privacy Mark and ISMS certificates are shown as mitigating a contractor's risk. */
export function CertificateSettingsPage(props: {
  page: PageContext;
  setting: CertificateMitigationView;
  canEdit: boolean;
  notice: string | null;
  conflict: boolean;
}) {
  const { page, setting } = props;
  const { t } = page.i18n;
  return (
    <Layout page={page} title={t('set.cert.title')}>
      <p>
        <a href="/settings">{t('set.idx.title')}</a>
      </p>
      <h1>{t('set.cert.title')}</h1>
      <p>{t('set.cert.intro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.conflict ? (
        <p class="notice warn" role="alert">
          {t('set.cert.conflict')}
        </p>
      ) : null}
      {props.canEdit ? (
        <form method="post" action="/settings/certificates">
          <input type="hidden" name="_csrf" value={page.csrf} />
          <input type="hidden" name="version" value={String(setting.version)} />
          <label class="check" for="showAsMitigating">
            <input type="checkbox" id="showAsMitigating" name="showAsMitigating" checked={setting.showAsMitigating} />{' '}
            {t('set.cert.show')}
          </label>
          <button type="submit">{t('set.cert.save')}</button>
        </form>
      ) : (
        <p>{setting.showAsMitigating ? t('set.cert.on') : t('set.cert.off')}</p>
      )}
    </Layout>
  );
}
