import { alertKinds, alertSeverities, alertStatuses } from '../../../db/schema';
import { type LabelTable, labels } from '../../i18n/labels';
import type { AlertSort } from '../../modules/alerts/alerts.schemas';
import type { AlertView } from '../../modules/alerts/alerts.service';
import type { I18n } from '../i18n';
import { Badge, FieldError, Layout, type PageContext } from '../layout';
import { Pager, type PagerState } from '../pager';

/** An alert as the inbox shows it: names instead of ids, and whether its condition still holds. */
export type InboxAlert = AlertView & {
  contractorName: string;
  acknowledgedByName: string | null;
  resolvedByName: string | null;
  /** The condition still holds: resolving it now, the next sweep raises it again. */
  recurs: boolean;
};

export interface InboxQuery {
  status: 'open' | 'acknowledged' | 'resolved' | 'all';
  kind?: string;
  severity?: string;
  contractorId?: string;
  sort: AlertSort;
}

const SUBJECT_KEYS = {
  review: 'alr.subject.review',
  agreement: 'alr.subject.agreement',
  finding: 'alr.subject.finding',
  contractor: 'alr.subject.contractor',
  incident: 'alr.subject.incident',
  document: 'alr.subject.document',
  questionnaire: 'alr.subject.questionnaire',
  subject_request: 'alr.subject.subjectRequest',
} as const;

/** Where the record an alert is about is seen and put right. */
export function subjectLink(a: Pick<AlertView, 'subjectType' | 'subjectId' | 'contractorId'>): string {
  switch (a.subjectType) {
    case 'review':
      return `/reviews/${a.subjectId}`;
    case 'agreement':
      return `/agreements/${a.subjectId}/edit`;
    case 'incident':
      return `/incidents/${a.subjectId}`;
    case 'finding':
      return `/contractors/${a.contractorId}#findings`;
    case 'document':
      return `/documents/${a.subjectId}`;
    case 'questionnaire':
      return `/questionnaires/${a.subjectId}`;
    case 'subject_request':
      return `/subject-requests/${a.subjectId}`;
    default:
      return `/contractors/${a.contractorId}`;
  }
}

export const subjectText = (i18n: I18n, type: string) =>
  i18n.t(SUBJECT_KEYS[type as keyof typeof SUBJECT_KEYS] ?? 'alr.subject.contractor');

/** What the sweep writes when a condition clears, in the reader's words. */
export function noteText(i18n: I18n, a: Pick<AlertView, 'resolvedBy' | 'resolutionNote'>): string | null {
  if (a.resolvedBy === 'system' && a.resolutionNote === 'condition cleared') return i18n.t('alr.cleared');
  return a.resolutionNote;
}

/** Who handled the alert and when, in words: acknowledged, resolved (with the note). */
function Handling(props: { i18n: I18n; a: InboxAlert }) {
  const { t, label, dateTime } = props.i18n;
  const { a } = props;
  const note = noteText(props.i18n, a);
  return (
    <>
      <Badge value={a.status} label={label(labels.alertStatus, a.status)} />
      {a.escalatedAt ? <div class="critical">{t('al.escalated')}</div> : null}
      {a.acknowledgedAt ? (
        <div class="muted">
          {t('alr.acknowledgedBy', { who: a.acknowledgedByName ?? '', at: dateTime(a.acknowledgedAt) })}
        </div>
      ) : null}
      {a.resolvedAt ? (
        <div>{t('alr.resolvedBy', { who: a.resolvedByName ?? '', at: dateTime(a.resolvedAt) })}</div>
      ) : null}
      {note ? (
        <blockquote class="note">
          <span class="visually-hidden">{t('al.note')}: </span>
          {note}
        </blockquote>
      ) : null}
    </>
  );
}

/** The alert inbox: tabs by status, filters, sort, and for compliance acknowledge and resolve. */
export function AlertsPage(props: {
  page: PageContext;
  query: InboxQuery;
  items: InboxAlert[];
  contractors: { id: string; name: string }[];
  nextCursor: string | null;
  total: number;
  pageSize: number;
  pager: PagerState;
  canAct: boolean;
  notice: string | null;
  /** This list's own address, to come back to after acknowledging. */
  here: string;
}) {
  const { page, query } = props;
  const { t, label, date, dateTime } = page.i18n;
  const tab = (s: InboxQuery['status']) => {
    const p = new URLSearchParams();
    p.set('status', s);
    for (const k of ['kind', 'severity', 'contractorId'] as const) if (query[k]) p.set(k, query[k] ?? '');
    if (query.sort !== 'raised') p.set('sort', query.sort);
    return `/alerts?${p.toString()}`;
  };
  const select = <V extends string>(
    name: 'kind' | 'severity',
    options: readonly V[],
    table: LabelTable<V>,
    title: string,
  ) => (
    <div>
      <label for={`f-${name}`}>{title}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t('list.any')}</option>
        {options.map((o) => (
          <option value={o} selected={query[name] === o}>
            {label(table, o)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Layout page={page} title={t('al.title')}>
      <h1>{t('al.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <nav class="actions" aria-label="status">
        {(['all', ...alertStatuses] as const).map((s) => (
          <a
            class={`button${query.status === s ? '' : ' secondary'}`}
            href={tab(s)}
            aria-current={query.status === s ? 'page' : undefined}
          >
            {s === 'all' ? t('alr.all') : label(labels.alertStatus, s)}
          </a>
        ))}
      </nav>
      <form class="filters" method="get" action="/alerts" aria-label={t('list.filter')}>
        <input type="hidden" name="status" value={query.status} />
        {select('kind', alertKinds, labels.alertKind, t('al.kind'))}
        {select('severity', alertSeverities, labels.severity, t('al.severity'))}
        <div>
          <label for="f-contractorId">{t('al.contractor')}</label>
          <select id="f-contractorId" name="contractorId">
            <option value="">{t('list.any')}</option>
            {props.contractors.map((c) => (
              <option value={c.id} selected={query.contractorId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-sort">{t('alr.sort')}</label>
          <select id="f-sort" name="sort">
            {(['raised', 'due', 'severity'] as const).map((s) => (
              <option value={s} selected={query.sort === s}>
                {t(`alr.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('list.filter')}</button>
        <a class="button secondary" href={`/alerts?status=${query.status}`}>
          {t('list.clear')}
        </a>
      </form>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <table class="stack alerts">
          <caption class="visually-hidden">{t('al.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('al.severity')}</th>
              <th scope="col">{t('al.kind')}</th>
              <th scope="col">{t('al.contractor')}</th>
              <th scope="col">{t('al.due')}</th>
              <th scope="col">{t('al.raised')}</th>
              <th scope="col">{t('al.status')}</th>
              {props.canAct ? <th scope="col">{t('alr.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.items.map((a) => (
              <tr data-alert={a.id}>
                <td data-label={t('al.severity')}>
                  <Badge value={a.severity} label={label(labels.severity, a.severity)} />
                </td>
                <td data-label={t('al.kind')}>
                  <span class="kind">{label(labels.alertKind, a.kind)}</span>
                  <div>
                    <a class="subject" href={subjectLink(a)}>
                      {subjectText(page.i18n, a.subjectType)}
                    </a>
                  </div>
                </td>
                <td data-label={t('al.contractor')}>
                  <a href={`/contractors/${a.contractorId}`}>{a.contractorName}</a>
                </td>
                <td data-label={t('al.due')}>{a.dueDate ? date(a.dueDate) : '—'}</td>
                <td data-label={t('al.raised')}>
                  <time datetime={a.raisedAt}>{dateTime(a.raisedAt)}</time>
                </td>
                <td data-label={t('al.status')}>
                  <Handling i18n={page.i18n} a={a} />
                </td>
                {props.canAct ? (
                  <td data-label={t('alr.actions')}>
                    {a.status === 'open' ? (
                      <form class="inline" method="post" action={`/alerts/${a.id}/acknowledge`}>
                        <input type="hidden" name="_csrf" value={page.csrf} />
                        <input type="hidden" name="back" value={props.here} />
                        <button type="submit" class="secondary">
                          {t('al.acknowledge')}
                        </button>
                      </form>
                    ) : null}{' '}
                    {a.status !== 'resolved' ? (
                      <a class="button" href={`/alerts/${a.id}/resolve`}>
                        {t('al.resolve')}
                      </a>
                    ) : null}
                    {a.status !== 'resolved' && a.recurs ? <p class="hint">{t('alr.recursHint')}</p> : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        i18n={page.i18n}
        state={props.pager}
        nextCursor={props.nextCursor}
        shown={props.items.length}
        total={props.total}
        pageSize={props.pageSize}
      />
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
