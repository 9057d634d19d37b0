import { alertKinds, alertSeverities, alertStatuses } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { AlertSort } from '../../modules/alerts/alerts.schemas';
import type { I18n } from '../i18n';
import { filterSelect } from './parts-list';

export interface InboxQuery {
  status: 'open' | 'acknowledged' | 'resolved' | 'all';
  kind?: string;
  severity?: string;
  contractorId?: string;
  sort: AlertSort;
}

/** The inbox's tabs by status; each keeps the filters and the sort chosen. */
export function AlertTabs(props: { i18n: I18n; query: InboxQuery }) {
  const { query } = props;
  const { t, label } = props.i18n;
  const tab = (s: InboxQuery['status']) => {
    const p = new URLSearchParams();
    p.set('status', s);
    for (const k of ['kind', 'severity', 'contractorId'] as const) if (query[k]) p.set(k, query[k] ?? '');
    if (query.sort !== 'raised') p.set('sort', query.sort);
    return `/alerts?${p.toString()}`;
  };
  return (
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
  );
}

/** Kind, severity, contractor and sort within the status tab shown; Clear keeps the tab. */
export function AlertFilters(props: { i18n: I18n; query: InboxQuery; contractors: { id: string; name: string }[] }) {
  const { query } = props;
  const { t, label } = props.i18n;
  const select = filterSelect(props.i18n, query);
  return (
    <form class="filters" method="get" action="/alerts" aria-label={t('list.filter')}>
      <input type="hidden" name="status" value={query.status} />
      {select('kind', t('al.kind'), alertKinds, (v) => label(labels.alertKind, v))}
      {select('severity', t('al.severity'), alertSeverities, (v) => label(labels.severity, v))}
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
  );
}
