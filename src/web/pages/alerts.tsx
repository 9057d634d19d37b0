import { labels } from '../../i18n/labels';
import { Badge, FieldError, Layout, type PageContext } from '../layout';
import type { PagerState } from '../pager';
import { AlertFilters, AlertTabs, type InboxQuery } from './alert-filters';
import { AlertTable } from './alert-table';
import { Handling, type InboxAlert, subjectLink, subjectText } from './alert-words';
import { type ListPage, PagedList } from './parts-list';
import { Notice } from './parts-record';

export type { InboxAlert, InboxQuery };

/** The alert inbox: tabs by status, filters, sort, and for compliance acknowledge and resolve. */
export function AlertsPage(
  props: ListPage<InboxAlert> & {
    page: PageContext;
    query: InboxQuery;
    contractors: { id: string; name: string }[];
    pager: PagerState;
    canAct: boolean;
    notice: string | null;
    /** This list's own address, to come back to after acknowledging. */
    here: string;
  },
) {
  const { page, query } = props;
  const { t } = page.i18n;
  return (
    <Layout page={page} title={t('al.title')}>
      <h1>{t('al.title')}</h1>
      <Notice text={props.notice} />
      <AlertTabs i18n={page.i18n} query={query} />
      <AlertFilters i18n={page.i18n} query={query} contractors={props.contractors} />
      <PagedList i18n={page.i18n} state={props.pager} list={props}>
        <AlertTable page={page} items={props.items} canAct={props.canAct} here={props.here} />
      </PagedList>
    </Layout>
  );
}

/** Resolving one alert: what it is about, whether it will come back, and the note. */
export function ResolveAlertPage(props: {
  page: PageContext;
  alert: InboxAlert;
  note: string;
  error: string | undefined;
  summary: string | null;
}) {
  const { page, alert: a } = props;
  const { t, label, date, dateTime } = page.i18n;
  const title = t('alr.resolveTitle');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {props.summary ? (
        <div class="notice error" role="alert">
          <p>{props.summary}</p>
        </div>
      ) : null}
      <table class="profile">
        <tr>
          <th scope="row">{t('al.kind')}</th>
          <td>
            <Badge value={a.severity} label={label(labels.severity, a.severity)} /> {label(labels.alertKind, a.kind)}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('al.contractor')}</th>
          <td>
            <a href={`/contractors/${a.contractorId}`}>{a.contractorName}</a>
          </td>
        </tr>
        <tr>
          <th scope="row">{t('alr.subject')}</th>
          <td>
            <a href={subjectLink(a)}>{subjectText(page.i18n, a.subjectType)}</a>
          </td>
        </tr>
        <tr>
          <th scope="row">{t('al.due')}</th>
          <td>{a.dueDate ? date(a.dueDate) : '—'}</td>
        </tr>
        <tr>
          <th scope="row">{t('al.raised')}</th>
          <td>{dateTime(a.raisedAt)}</td>
        </tr>
        <tr>
          <th scope="row">{t('al.status')}</th>
          <td>
            <Handling i18n={page.i18n} a={a} />
          </td>
        </tr>
      </table>
      {a.status === 'resolved' ? null : (
        <>
          <p class={`notice${a.recurs ? ' warn' : ''}`} id="recurs">
            {t(a.recurs ? 'alr.recurs' : 'alr.cleared.now')}
          </p>
          <form method="post" action={`/alerts/${a.id}/resolve`} novalidate>
            <input type="hidden" name="_csrf" value={page.csrf} />
            <div>
              <label for="note">{t('alr.note')}</label>
              <p class="hint" id="note-hint">
                {t('alr.noteHint')}
              </p>
              <textarea
                id="note"
                name="note"
                maxlength={2000}
                aria-invalid={props.error ? 'true' : undefined}
                aria-describedby={props.error ? 'note-error note-hint' : 'note-hint'}
              >
                {props.note}
              </textarea>
              <FieldError id="note" error={props.error} />
            </div>
            <p class="actions">
              <button type="submit" aria-describedby="recurs">
                {t('alr.resolveSubmit')}
              </button>
              <a class="button secondary" href="/alerts">
                {t('alr.back')}
              </a>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}
