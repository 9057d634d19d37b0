import { SUPERVISION_STATUSES } from '../../domain/supervision-status';
import { labels } from '../../i18n/labels';
import type { SupervisionReport } from '../../modules/exports/report.service';
import { FieldError, Layout, type PageContext } from '../layout';
import {
  AgreementGaps,
  AgreementsEnding,
  CompletedReviews,
  OpenIncidents,
  OverdueFindings,
  OverdueReviews,
  ReportSection,
} from './report-sections';

/** The period and company name as typed, and what was wrong with them. */
export interface ReportForm {
  from: string;
  to: string;
  org: string;
  errors: Partial<Record<'from' | 'to' | 'org', string>>;
}

function PeriodForm(props: { page: PageContext; form: ReportForm }) {
  const { t } = props.page.i18n;
  const { form } = props;
  const field = (name: 'from' | 'to' | 'org', type: 'date' | 'text', label: string) => (
    <div>
      <label for={`rep-${name}`}>{label}</label>
      <input
        type={type}
        id={`rep-${name}`}
        name={name}
        value={form[name]}
        maxlength={name === 'org' ? 100 : undefined}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={form.errors[name] ? `rep-${name}-error` : undefined}
      />
      <FieldError id={`rep-${name}`} error={form.errors[name]} />
    </div>
  );
  return (
    <form class="filters no-print" method="get" action="/reports/supervision" aria-label={t('rep.show')}>
      {field('org', 'text', t('rep.org'))}
      {field('from', 'date', t('rep.from'))}
      {field('to', 'date', t('rep.to'))}
      <div>
        <button type="submit">{t('rep.show')}</button>
      </div>
    </form>
  );
}

function Downloads(props: { page: PageContext; report: SupervisionReport }) {
  const { t, lang } = props.page.i18n;
  const { from, to } = props.report.period;
  const period = `status=completed&completedFrom=${from}&completedTo=${to}`;
  const links: [string, string][] = [
    [`/api/v1/exports/supervision-status.csv?lang=${lang}`, t('rep.dlSupervision')],
    [`/api/v1/exports/reviews.csv?lang=${lang}`, t('rep.dlReviews')],
    [`/api/v1/exports/reviews.csv?lang=${lang}&${period}`, t('rep.dlPeriod')],
  ];
  return (
    <section class="no-print downloads" aria-labelledby="rep-downloads">
      <h2 id="rep-downloads">{t('rep.downloads')}</h2>
      <ul>
        {links.map(([href, text]) => (
          <li>
            <a href={href} download>
              {text}
            </a>{' '}
            <span class="muted">(CSV)</span>
          </li>
        ))}
      </ul>
      <p class="muted">
        {t('rep.dlCodes')} <a href="/api/v1/exports/supervision-status.csv?codes=true">supervision-status.csv</a> ·{' '}
        <a href="/api/v1/exports/reviews.csv?codes=true">reviews.csv</a>
      </p>
    </section>
  );
}

/** The tier × supervision matrix of the dashboard, with totals, and contractors by status. */
function StatusByTier(props: { page: PageContext; report: SupervisionReport }) {
  const { t, label } = props.page.i18n;
  const s = props.report.summary;
  const tiers = ['high', 'medium', 'low'] as const;
  const sups = SUPERVISION_STATUSES.filter((sup) => sup in s.supervision.high);
  const cell = (tier: (typeof tiers)[number], sup: string) => (s.supervision[tier] as Record<string, number>)[sup] ?? 0;
  const rowTotal = (tier: (typeof tiers)[number]) => sups.reduce((n, sup) => n + cell(tier, sup), 0);
  const statuses = ['proposed', 'approved', 'active', 'suspended', 'terminated'] as const;
  return (
    <ReportSection id="rep-status" page={props.page} title={t('rep.status')} empty={false}>
      <table class="matrix">
        <thead>
          <tr>
            <th scope="col">{t('c.riskTier')}</th>
            {sups.map((sup) => (
              <th scope="col" class="num">
                {label(labels.supervisionStatus, sup as 'overdue')}
              </th>
            ))}
            <th scope="col" class="num">
              {t('rep.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr data-tier={tier}>
              <th scope="row">{label(labels.riskTier, tier)}</th>
              {sups.map((sup) => (
                <td class={`num${cell(tier, sup) && (sup === 'overdue' || sup === 'due_soon') ? ` ${sup}` : ''}`}>
                  {cell(tier, sup)}
                </td>
              ))}
              <td class="num">{rowTotal(tier)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('rep.statusNote')}</p>
      <h3>{t('rep.byStatus')}</h3>
      <table class="by-status">
        <thead>
          <tr>
            {statuses.map((st) => (
              <th scope="col" class="num">
                {label(labels.contractorStatus, st)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('rep.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {statuses.map((st) => (
              <td class="num">{s.contractors.byStatus[st]}</td>
            ))}
            <td class="num">{s.contractors.total}</td>
          </tr>
        </tbody>
      </table>
    </ReportSection>
  );
}

/** The supervision report for the board or an auditor, printable on A4 (styles/reports.ts). */
export function ReportPage(props: {
  page: PageContext;
  form: ReportForm;
  report: SupervisionReport | null;
  generatedAt: string;
}) {
  const { page, report } = props;
  const { t, date, dateTime } = page.i18n;
  return (
    <Layout page={page} title={t('rep.title')}>
      <article class="report">
        <div class="report-head">
          {props.form.org ? <p class="report-org">{props.form.org}</p> : null}
          <h1>{t('rep.title')}</h1>
          <p class="report-subtitle">{t('rep.subtitle')}</p>
          {report ? (
            <p class="report-meta">
              {t('rep.asOf', { date: date(report.today) })}
              {page.user ? ` · ${t('rep.preparedBy', { name: page.user.name })}` : ''}
            </p>
          ) : null}
        </div>
        <PeriodForm page={page} form={props.form} />
        <p class="muted no-print">{t('rep.printHint')}</p>
        {report ? (
          <>
            <Downloads page={page} report={report} />
            <StatusByTier page={page} report={report} />
            <OverdueReviews page={page} report={report} />
            <OverdueFindings page={page} report={report} />
            <OpenIncidents page={page} report={report} />
            <AgreementGaps page={page} report={report} />
            <AgreementsEnding page={page} report={report} />
            <CompletedReviews page={page} report={report} />
            <footer class="report-foot muted">{t('rep.generated', { at: dateTime(props.generatedAt) })}</footer>
          </>
        ) : null}
      </article>
    </Layout>
  );
}
