import { SUPERVISION_STATUSES } from '../../domain/supervision-status';
import { labels, overdueLabel } from '../../i18n/labels';
import type {
  agreementWatchlist,
  DueReview,
  dashboardSummary,
  reviewsPerMonth,
} from '../../modules/dashboard/dashboard.service';
import { Badge, Layout, type PageContext } from '../layout';
import { supervisionLabel } from './contractor-status';

type Summary = Awaited<ReturnType<typeof dashboardSummary>>;
type History = Awaited<ReturnType<typeof reviewsPerMonth>>;
type Watch = Awaited<ReturnType<typeof agreementWatchlist>>;

/** Bars of due vs completed reviews per month, drawn on the server: no script needed. */
function ReviewChart(props: { history: History; page: PageContext }) {
  const { t, lang } = props.page.i18n;
  const max = Math.max(1, ...props.history.flatMap((m) => [m.due, m.completed]));
  const w = 640;
  const h = 200;
  const slot = (w - 40) / props.history.length;
  const bar = (n: number) => ((h - 40) * n) / max;
  // The year is written where it starts (and on the first bar), so twelve bars never read ambiguously.
  const label = (month: string, i: number) => {
    const m = Number(month.slice(5));
    const year = i === 0 || m === 1 ? (lang === 'ja' ? `${month.slice(2, 4)}年` : ` ’${month.slice(2, 4)}`) : '';
    if (lang === 'ja') return `${year}${m}月`;
    return `${new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}${year}`;
  };
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-labelledby="chart-title">
        <title id="chart-title">{t('dash.chart')}</title>
        {props.history.map((m, i) => {
          const x = 30 + i * slot;
          return (
            <g>
              <rect x={x} y={h - 20 - bar(m.due)} width={slot / 2 - 3} height={bar(m.due)} fill="#7d8793">
                <title>{`${m.month} ${t('dash.due')}: ${m.due}`}</title>
              </rect>
              <rect
                x={x + slot / 2 - 2}
                y={h - 20 - bar(m.completed)}
                width={slot / 2 - 3}
                height={bar(m.completed)}
                fill="#1d7a3e"
              >
                <title>{`${m.month} ${t('dash.completed')}: ${m.completed}`}</title>
              </rect>
              <text x={x + slot / 2 - 4} y={h - 5} text-anchor="middle">
                {label(m.month, i)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span style="color:#7d8793">■</span> {t('dash.due')} <span style="color:#1d7a3e">■</span> {t('dash.completed')}
      </figcaption>
      <div class="visually-hidden">
        <table>
          <caption>{t('dash.chart')}</caption>
          <tr>
            <th scope="col">{t('dsh.month')}</th>
            <th scope="col">{t('dash.due')}</th>
            <th scope="col">{t('dash.completed')}</th>
          </tr>
          {props.history.map((m) => (
            <tr>
              <td>{m.month}</td>
              <td>{m.due}</td>
              <td>{m.completed}</td>
            </tr>
          ))}
        </table>
      </div>
    </figure>
  );
}

function ReviewList(props: { title: string; rows: DueReview[]; page: PageContext; id: string }) {
  const { i18n } = props.page;
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.rows.length === 0 ? (
        <p class="muted">{i18n.t('list.empty')}</p>
      ) : (
        <ul>
          {props.rows.map((r) => (
            <li>
              <a href={`/contractors/${r.contractor_id}`}>{r.contractor_name}</a> ·{' '}
              <a href={`/reviews/${r.id}`}>{i18n.label(labels.reviewKind, r.kind)}</a> · {i18n.date(r.due_date)}
              {r.assignee ? ` · ${r.assignee}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DashboardPage(props: {
  page: PageContext;
  summary: Summary;
  history: History;
  overdue: DueReview[];
  thisMonth: DueReview[];
  nextMonth: DueReview[];
  watch: Watch;
}) {
  const { page, summary: s } = props;
  const { t, label, text, date } = page.i18n;
  const tiers = ['high', 'medium', 'low'] as const;
  const sups = SUPERVISION_STATUSES;
  return (
    <Layout page={page} title={t('nav.dashboard')}>
      <h1>{t('dash.title')}</h1>
      <section class="cards" aria-label={t('dash.title')}>
        <div class="card" data-testid="contractors-total">
          <span class="n">{s.contractors.total}</span>
          {t('dash.contractors')}
          <span class="sub">
            {(['proposed', 'approved', 'active', 'suspended', 'terminated'] as const)
              .map((k) => `${label(labels.contractorStatus, k)} ${s.contractors.byStatus[k]}`)
              .join(' · ')}
          </span>
        </div>
        <a class="card" href="/alerts" data-testid="open-alerts">
          <span class="n">{s.openAlerts.total}</span>
          {t('dash.openAlerts')}
          <span class="sub">
            {(['critical', 'warning', 'info'] as const)
              .map((k) => `${label(labels.severity, k)} ${s.openAlerts[k]}`)
              .join(' · ')}
          </span>
        </a>
        <a class="card" href="/contractors?supervisionStatus=overdue" data-testid="overdue-reviews">
          <span class={`n${s.reviews.overdue ? ' overdue' : ''}`}>{s.reviews.overdue}</span>
          {t('dash.overdueReviews')}
          <span class="sub">
            {t('dash.overdueFindings')}: {s.findings.overdue}
          </span>
        </a>
        {s.incidents.open > 0 ? (
          <div class="card" data-testid="open-incidents">
            <span class="n critical">{s.incidents.open}</span>
            {t('dash.openIncidents')}
            <span class="sub">
              {t('dash.nextDeadline')}: {date(s.incidents.nextDeadline)}
            </span>
          </div>
        ) : null}
      </section>

      <h2 id="matrix">{t('dash.matrix')}</h2>
      <p class="hint" id="matrix-note">
        {t('dsh.matrixNote', { pending: supervisionLabel(page.i18n, 'selection_pending') })}
      </p>
      {/* A scrolling region takes focus, so it can be scrolled by keyboard (WCAG 2.1.1). */}
      <section class="scroll" aria-labelledby="matrix" tabindex={0}>
        <table class="matrix" aria-labelledby="matrix" aria-describedby="matrix-note">
          <tr>
            <th scope="col">{t('c.riskTier')}</th>
            {sups.map((sup) => (
              <th scope="col" class="num">
                {supervisionLabel(page.i18n, sup)}
              </th>
            ))}
          </tr>
          {tiers.map((tier) => (
            <tr>
              <th scope="row">
                <Badge value={tier} label={label(labels.riskTier, tier)} />
              </th>
              {sups.map((sup) => (
                <td class="num">
                  <a
                    href={`/contractors?riskTier=${tier}&supervisionStatus=${sup}`}
                    data-testid={`cell-${tier}-${sup}`}
                    aria-label={`${label(labels.riskTier, tier)} × ${supervisionLabel(page.i18n, sup)}: ${s.supervision[tier][sup]}`}
                    class={s.supervision[tier][sup] && (sup === 'overdue' || sup === 'due_soon') ? sup : undefined}
                  >
                    {s.supervision[tier][sup]}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </table>
      </section>

      <h2>{t('dash.reviews')}</h2>
      <div class="cards">
        <ReviewList
          id="rv-overdue"
          title={`${text(overdueLabel)} (${s.reviews.overdue})`}
          rows={props.overdue}
          page={page}
        />
        <ReviewList
          id="rv-this"
          title={`${t('dash.thisMonth')} (${s.reviews.thisMonth})`}
          rows={props.thisMonth}
          page={page}
        />
        <ReviewList
          id="rv-next"
          title={`${t('dash.nextMonth')} (${s.reviews.nextMonth})`}
          rows={props.nextMonth}
          page={page}
        />
      </div>
      <ReviewChart history={props.history} page={page} />

      <h2>{t('dash.agreements')}</h2>
      <div class="cards">
        <section>
          <h3>
            {t('dash.expiring')} ({s.agreements.expiringWithin60Days})
          </h3>
          <ul>
            {props.watch.expiring.map((a) => (
              <li>
                <a href={`/contractors/${a.contractor_id}`}>{a.contractor_name}</a> ·{' '}
                <a href={`/agreements/${a.id}/edit`}>{a.title}</a> · {date(a.end_date)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>
            {t('dash.gaps')} ({s.agreements.withGaps})
          </h3>
          <ul>
            {props.watch.gaps.map((a) => (
              <li>
                <a href={`/contractors/${a.contractor_id}`}>{a.contractor_name}</a> ·{' '}
                <a href={`/agreements/${a.id}/edit`}>{a.title}</a> ·{' '}
                <span class="missing">
                  {t('a.missing')} {a.missing}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Layout>
  );
}
