import { findingSeverities } from '../../../db/schema';
import { labels, overdueLabel } from '../../i18n/labels';
import type { FindingView } from '../../modules/reviews/reviews.present';
import { Badge, Layout, type PageContext } from '../layout';
import { ContractorFilter, FilterActions } from '../list-filters';
import { Pager, type PagerState } from '../pager';

export interface FindingListQuery {
  status: 'open' | 'resolved' | 'all';
  severity?: (typeof findingSeverities)[number];
  overdue?: 'true';
  contractorId?: string;
}

export interface ListedFinding extends FindingView {
  contractorName: string;
}

/** A description's first line, short enough for a list cell. */
export function firstLine(text: string, max = 90): string {
  const first = text.split('\n')[0]?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** The corrective actions across contractors, filtered, with the way to each one's resolution. */
export function FindingListPage(props: {
  page: PageContext;
  query: FindingListQuery;
  contractors: { id: string; name: string }[];
  items: ListedFinding[];
  pager: { state: PagerState; nextCursor: string | null; total: number; pageSize: number };
  /** This list's address, carried to a finding's page so resolving it comes back here. */
  here: string;
  canResolve: boolean;
  notice: string | null;
}) {
  const { page, query } = props;
  const { i18n } = page;
  const { t, label, text, date } = i18n;
  const back = encodeURIComponent(props.here);
  return (
    <Layout page={page} title={t('fnd.title')}>
      <h1>{t('fnd.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form class="filters" method="get" action="/findings" aria-label={t('list.filter')}>
        <div>
          <label for="f-status">{t('fnd.status')}</label>
          <select id="f-status" name="status">
            {(['open', 'resolved'] as const).map((s) => (
              <option value={s} selected={query.status === s}>
                {label(labels.findingStatus, s)}
              </option>
            ))}
            <option value="all" selected={query.status === 'all'}>
              {t('fnd.allStatuses')}
            </option>
          </select>
        </div>
        <div>
          <label for="f-severity">{t('r.severity')}</label>
          <select id="f-severity" name="severity">
            <option value="">{t('list.any')}</option>
            {[...findingSeverities].reverse().map((s) => (
              <option value={s} selected={query.severity === s}>
                {label(labels.findingSeverity, s)}
              </option>
            ))}
          </select>
        </div>
        <ContractorFilter
          i18n={props.page.i18n}
          label={t('fnd.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
        <FilterActions
          i18n={props.page.i18n}
          overdueLabel={t('fnd.overdueOnly')}
          overdue={query.overdue === 'true'}
          clearHref="/findings"
        />
      </form>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <div class="scroll">
          <table class="fnd-list">
            <tr>
              <th scope="col">{t('r.findingDue')}</th>
              <th scope="col">{t('r.severity')}</th>
              <th scope="col">{t('r.description')}</th>
              <th scope="col">{t('fnd.contractor')}</th>
              <th scope="col">{t('fnd.review')}</th>
              <th scope="col">{t('fnd.status')}</th>
              {props.canResolve ? (
                <th scope="col">
                  <span class="visually-hidden">{t('fnd.resolve')}</span>
                </th>
              ) : null}
            </tr>
            {props.items.map((f) => (
              <tr data-finding={f.id}>
                <td class="date">{date(f.dueDate)}</td>
                <td>
                  <Badge value={f.severity} label={label(labels.findingSeverity, f.severity)} />
                  <div class="muted">{label(labels.findingCategory, f.category)}</div>
                </td>
                <td>
                  <a href={`/findings/${f.id}?back=${back}`}>{firstLine(f.description)}</a>
                </td>
                <td>
                  <a href={`/contractors/${f.contractorId}`}>{f.contractorName}</a>
                </td>
                <td>
                  {f.reviewId ? (
                    <a href={`/reviews/${f.reviewId}`}>{t('fnd.openReview')}</a>
                  ) : (
                    <span class="muted">{t('fnd.noReview')}</span>
                  )}
                </td>
                <td>
                  <Badge
                    value={f.overdue ? 'overdue' : f.status}
                    label={f.overdue ? text(overdueLabel) : label(labels.findingStatus, f.status)}
                  />
                  {f.resolvedOn ? <div class="muted date">{date(f.resolvedOn)}</div> : null}
                </td>
                {props.canResolve ? (
                  <td>
                    {f.status === 'open' ? (
                      <a class="button secondary" href={`/findings/${f.id}?back=${back}#resolve`}>
                        {t('fnd.resolve')}
                        <span class="visually-hidden">: {firstLine(f.description, 40)}</span>
                      </a>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </table>
        </div>
      )}
      <Pager
        i18n={i18n}
        state={props.pager.state}
        nextCursor={props.pager.nextCursor}
        shown={props.items.length}
        total={props.pager.total}
        pageSize={props.pager.pageSize}
      />
    </Layout>
  );
}
