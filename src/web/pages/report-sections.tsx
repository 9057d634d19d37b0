import type { Child } from 'hono/jsx';
import { daysBetween } from '../../domain/calendar';
import { labels } from '../../i18n/labels';
import { REPORT_ROWS, type SupervisionReport } from '../../modules/exports/report.service';
import type { MessageKey } from '../i18n';
import { Badge, type PageContext } from '../layout';

type Props = { page: PageContext; report: SupervisionReport };

/** One section of the report: a heading, its count, its table (or "none"), and a note when cut short. */
export function ReportSection(props: {
  id: string;
  page: PageContext;
  title: string;
  total?: number;
  empty: boolean;
  more?: boolean;
  children: Child;
}) {
  const { t } = props.page.i18n;
  return (
    <section class="report-section" aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title}
        {props.total !== undefined ? <span class="count"> ({t('rep.count', { n: props.total })})</span> : null}
      </h2>
      {props.empty ? <p class="muted">{t('rep.none')}</p> : <div class="scroll">{props.children}</div>}
      {props.more ? <p class="muted">{t('rep.more', { n: REPORT_ROWS })}</p> : null}
    </section>
  );
}

/** Column headers, repeated on every printed page (thead). */
const Head = (props: { page: PageContext; keys: MessageKey[] }) => (
  <thead>
    <tr>
      {props.keys.map((k) => (
        <th scope="col">{props.page.i18n.t(k)}</th>
      ))}
    </tr>
  </thead>
);

const ContractorLink = (props: { id: string; name: string }) => <a href={`/contractors/${props.id}`}>{props.name}</a>;

/** A section that lists rows: its table, a row a line, under the column headers `keys`. */
function ReportList<R>(props: {
  id: string;
  page: PageContext;
  title: string;
  total?: number;
  list: { rows: R[]; more: boolean };
  keys: MessageKey[];
  row: (r: R) => Child;
  /** What stands above the table, inside the section's box. */
  lead?: Child;
}) {
  const { list } = props;
  return (
    <ReportSection
      id={props.id}
      page={props.page}
      title={props.title}
      total={props.total}
      empty={list.rows.length === 0}
      more={list.more}
    >
      {props.lead}
      <table>
        <Head page={props.page} keys={props.keys} />
        <tbody>{list.rows.map((r) => props.row(r))}</tbody>
      </table>
    </ReportSection>
  );
}

export function OverdueReviews({ page, report }: Props) {
  const { label, date } = page.i18n;
  return (
    <ReportList
      id="rep-overdue-reviews"
      page={page}
      title={page.i18n.t('rep.overdueReviews')}
      total={report.summary.reviews.overdue}
      list={report.overdueReviews}
      keys={['rep.contractor', 'rep.kind', 'rep.due', 'rep.daysOver', 'rep.assignee']}
      row={(r) => (
        <tr>
          <td>
            <ContractorLink id={r.contractor_id} name={r.contractor_name} />
          </td>
          <td>{label(labels.reviewKind, r.kind as 'periodic')}</td>
          <td>{date(r.due_date)}</td>
          <td class="num overdue">{daysBetween(r.due_date, report.today)}</td>
          <td>{r.assignee ?? '—'}</td>
        </tr>
      )}
    />
  );
}

export function OverdueFindings({ page, report }: Props) {
  const { label, date } = page.i18n;
  return (
    <ReportList
      id="rep-overdue-findings"
      page={page}
      title={page.i18n.t('rep.overdueFindings')}
      total={report.summary.findings.overdue}
      list={report.overdueFindings}
      keys={['rep.contractor', 'rep.severity', 'rep.category', 'rep.finding', 'rep.correctBy', 'rep.daysOver']}
      row={(f) => (
        <tr>
          <td>
            <ContractorLink id={f.contractorId} name={f.contractorName} />
          </td>
          <td>
            <Badge value={f.severity} label={label(labels.findingSeverity, f.severity)} />
          </td>
          <td>{label(labels.findingCategory, f.category)}</td>
          <td class="wrap">{f.description}</td>
          <td>{date(f.dueDate)}</td>
          <td class="num overdue">{daysBetween(f.dueDate, report.today)}</td>
        </tr>
      )}
    />
  );
}

type Incident = SupervisionReport['incidents']['rows'][number];

/** A report to the PPC: done on a date, or due on one (overdue marked), or not owed. */
function ReportState(props: {
  page: PageContext;
  today: string;
  reportable: boolean;
  done: string | null;
  due: string | null;
}) {
  const { t, date } = props.page.i18n;
  if (props.done) return <span class="ok">{t('rep.reportedOn', { date: date(props.done) })}</span>;
  if (!props.reportable || !props.due) return <span class="muted">{t('rep.notReportable')}</span>;
  const overdue = props.due < props.today;
  return (
    <span class={overdue ? 'overdue' : undefined}>
      {t('rep.dueOn', { date: date(props.due) })}
      {overdue ? ` (${props.page.i18n.text(labels.supervisionStatus.overdue)})` : ''}
    </span>
  );
}

export function OpenIncidents({ page, report }: Props) {
  const { t, date } = page.i18n;
  const state = (i: Incident, done: string | null, due: string | null) => (
    <ReportState page={page} today={report.today} reportable={i.reportable} done={done} due={due} />
  );
  return (
    <ReportList
      id="rep-incidents"
      page={page}
      title={t('rep.incidents')}
      total={report.summary.incidents.open}
      list={report.incidents}
      keys={['rep.contractor', 'rep.discovered', 'rep.affected', 'rep.preliminary', 'rep.final', 'rep.notice']}
      row={(i) => (
        <tr>
          <td>
            <ContractorLink id={i.contractorId} name={i.contractorName} />
            <div class="muted wrap">{i.summary}</div>
          </td>
          <td>{date(i.discoveredOn)}</td>
          <td class="num">{i.affectedCount.toLocaleString(page.i18n.lang === 'ja' ? 'ja-JP' : 'en-GB')}</td>
          <td>{state(i, i.preliminaryReportedOn ?? i.finalReportedOn, i.preliminaryDueOn)}</td>
          <td>{state(i, i.finalReportedOn, i.finalDueOn)}</td>
          <td>{i.subjectsNotifiedOn ? t('rep.notifiedOn', { date: date(i.subjectsNotifiedOn) }) : t('rep.notYet')}</td>
        </tr>
      )}
    />
  );
}

export function AgreementGaps({ page, report }: Props) {
  const { t, label } = page.i18n;
  return (
    <ReportList
      id="rep-gaps"
      page={page}
      title={t('rep.gaps')}
      total={report.summary.agreements.withGaps}
      list={report.agreementsWithGaps}
      keys={['rep.contractor', 'rep.agreement', 'rep.missing']}
      row={(a) => (
        <tr>
          <td>
            <ContractorLink id={a.contractorId} name={a.contractorName} />
          </td>
          <td class="wrap">{a.title}</td>
          <td class="missing">
            {a.missingClauses.map((c) => label(labels.clause, c)).join(page.i18n.lang === 'ja' ? '、' : ', ')}
          </td>
        </tr>
      )}
    />
  );
}

export function AgreementsEnding({ page, report }: Props) {
  const { t, date } = page.i18n;
  const list = report.agreementsEnding;
  return (
    <ReportList
      id="rep-ending"
      page={page}
      title={t('rep.ending', { days: list.days })}
      list={list}
      keys={['rep.contractor', 'rep.agreement', 'rep.endsOn']}
      row={(a) => (
        <tr>
          <td>
            <ContractorLink id={a.contractorId} name={a.contractorName} />
          </td>
          <td class="wrap">{a.title}</td>
          <td>
            {a.autoRenew ? t('rep.noticeBy', { date: date(a.endsOn) }) : t('rep.endsFixed', { date: date(a.endsOn) })}
            {a.withinSoon ? (
              <>
                {' '}
                <span class="badge warning">{t('rep.withinSoon', { days: list.soonDays })}</span>
              </>
            ) : null}
          </td>
        </tr>
      )}
    />
  );
}

export function CompletedReviews({ page, report }: Props) {
  const { t, label, date } = page.i18n;
  const c = report.completed;
  const outcomes = ['satisfactory', 'minor_findings', 'major_findings', 'unsatisfactory'] as const;
  return (
    <ReportList
      id="rep-completed"
      page={page}
      title={t('rep.completed', { from: date(report.period.from), to: date(report.period.to) })}
      total={c.total}
      list={c}
      keys={['rep.completedOn', 'rep.contractor', 'rep.kind', 'rep.outcome', 'rep.assignee']}
      lead={
        <p class="outcomes">
          {t('rep.byOutcome')}:{' '}
          {outcomes.map((o) => `${label(labels.reviewOutcome, o)} ${c.byOutcome[o] ?? 0}`).join(' · ')}
        </p>
      }
      row={(r) => (
        <tr>
          <td>{date(r.completedOn)}</td>
          <td>
            <ContractorLink id={r.contractorId} name={r.contractorName} />
          </td>
          <td>{label(labels.reviewKind, r.kind)}</td>
          <td>{r.outcome ? <Badge value={r.outcome} label={label(labels.reviewOutcome, r.outcome)} /> : '—'}</td>
          <td>{r.assignee ?? '—'}</td>
        </tr>
      )}
    />
  );
}
