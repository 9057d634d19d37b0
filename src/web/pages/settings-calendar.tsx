import { FieldError, Layout, type PageContext } from '../layout';

export interface CalendarSettingsProps {
  page: PageContext;
  status: { active: boolean; issuedAt: string | null };
  /** The address just issued: shown this once. */
  issued?: string;
  notice?: string;
  errors?: Partial<Record<'issue' | 'revoke', string>>;
}

/** A required confirmation: a checkbox whose error sits next to it. */
function Confirm(props: { id: string; label: string; error: string | undefined }) {
  return (
    <div>
      <label class="check" for={props.id}>
        <input
          type="checkbox"
          id={props.id}
          name="confirm"
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? `${props.id}-error` : undefined}
        />
        {props.label}
      </label>
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

function Issued(props: { page: PageContext; url: string }) {
  const { t } = props.page.i18n;
  return (
    <section class="notice feed-issued" aria-labelledby="feed-issued">
      <h2 id="feed-issued">{t('set.issued')}</h2>
      <p>
        <strong>{t('set.once')}</strong>
      </p>
      <label for="feed-url">{t('set.url')}</label>
      <input type="text" id="feed-url" class="feed-url" readonly value={props.url} />
      <ul>
        <li>{t('set.outlook')}</li>
        <li>{t('set.google')}</li>
      </ul>
      <p>
        <a href="/settings/calendar">{t('set.back')}</a>
      </p>
    </section>
  );
}

/** /settings/calendar: whether a feed address is live; issue (shown once), reissue, revoke. */
export function CalendarSettingsPage(props: CalendarSettingsProps) {
  const { page, status } = props;
  const { t, dateTime } = page.i18n;
  const errors = props.errors ?? {};
  return (
    <Layout page={page} title={t('set.title')}>
      <h1>{t('set.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.issued ? <Issued page={page} url={props.issued} /> : null}
      <p>{t('set.intro')}</p>
      <p class="muted">{t('set.secret')}</p>
      <p class="feed-status" data-active={String(status.active)}>
        <strong>{status.active ? t('set.active', { at: dateTime(status.issuedAt) }) : t('set.inactive')}</strong>
      </p>
      <form method="post" action="/settings/calendar/token">
        <input type="hidden" name="_csrf" value={page.csrf} />
        {status.active ? <Confirm id="confirm-issue" label={t('set.confirmReissue')} error={errors.issue} /> : null}
        <p class="actions">
          <button type="submit">{status.active ? t('set.reissue') : t('set.issue')}</button>
        </p>
      </form>
      {status.active ? (
        <form method="post" action="/settings/calendar/revoke">
          <input type="hidden" name="_csrf" value={page.csrf} />
          <Confirm id="confirm-revoke" label={t('set.confirmRevoke')} error={errors.revoke} />
          <p class="actions">
            <button type="submit" class="secondary">
              {t('set.revoke')}
            </button>
          </p>
        </form>
      ) : null}
      <p>
        <a href="/settings/selection">{t('set.sel.title')}</a>
      </p>
    </Layout>
  );
}
