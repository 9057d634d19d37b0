import type { ContractorStatus } from '../../domain/supervision';
import { labels, overdueLabel } from '../../i18n/labels';
import type { AgreementView } from '../../modules/agreements/agreements.service';
import type { AlertView } from '../../modules/alerts/alerts.service';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import type { IncidentView } from '../../modules/incidents/incidents.service';
import type { FindingView, ReviewView } from '../../modules/reviews/reviews.present';
import { Badge, Layout, type PageContext } from '../layout';

interface ChainMember {
  id: string;
  name: string;
  depth: number;
  status: ContractorStatus;
}

export interface DetailData {
  contractor: ContractorView;
  agreements: AgreementView[];
  reviews: ReviewView[];
  findings: FindingView[];
  alerts: AlertView[];
  incidents: IncidentView[];
  chain: { ancestors: ChainMember[]; descendants: ChainMember[] };
  history: { seq: number; at: string; actor: string; action: string; actorName?: string }[];
  transitions: ContractorStatus[];
}

export function ContractorDetailPage(props: {
  page: PageContext;
  data: DetailData;
  can: { edit: boolean; supervise: boolean };
  notice: string | null;
}) {
  const { page, data, can } = props;
  const { t, label, text, date } = page.i18n;
  const c = data.contractor;
  const sep = page.i18n.lang === 'ja' ? '、' : ', ';
  const row = (label: string, value: unknown) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{value === null || value === undefined || value === '' ? '—' : (value as string)}</td>
    </tr>
  );
  return (
    <Layout page={page} title={c.name}>
      <h1>
        {c.name} <Badge value={c.supervisionStatus} label={label(labels.supervisionStatus, c.supervisionStatus)} />
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="actions">
        {can.edit ? (
          <>
            <a class="button" href={`/contractors/${c.id}/edit`}>
              {t('c.edit')}
            </a>
            <a class="button secondary" href={`/contractors/${c.id}/agreements/new`}>
              {t('a.new')}
            </a>
          </>
        ) : null}
        {can.supervise && c.status !== 'terminated' ? (
          <a class="button secondary" href={`/reviews/new?contractorId=${c.id}`}>
            {t('r.schedule')}
          </a>
        ) : null}
      </p>
      {can.supervise && data.transitions.length ? (
        <form method="post" action={`/contractors/${c.id}/transition`} class="filters">
          <input type="hidden" name="_csrf" value={page.csrf} />
          <input type="hidden" name="version" value={String(c.version)} />
          <div>
            <label for="to">{t('c.transition')}</label>
            <select id="to" name="to">
              {data.transitions.map((s) => (
                <option value={s}>{label(labels.contractorStatus, s)}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            {t('c.transition')}
          </button>
        </form>
      ) : null}

      <h2>{t('c.profile')}</h2>
      <table>
        {row(t('c.status'), label(labels.contractorStatus, c.status))}
        {row(t('c.nameKana'), c.nameKana)}
        {row(t('c.corporateNumber'), c.corporateNumber)}
        {row(t('c.country'), c.country)}
        {row(t('c.dataCategories'), c.dataCategories.map((d) => label(labels.dataCategory, d)).join(sep))}
        {row(t('c.subjectCount'), c.subjectCount.toLocaleString(page.i18n.lang === 'ja' ? 'ja-JP' : 'en-GB'))}
        {row(t('c.crossBorderBasis'), label(labels.crossBorderBasis, c.crossBorderBasis))}
        <tr>
          <th scope="row">{t('c.riskTier')}</th>
          <td>
            <Badge value={c.riskTier} label={label(labels.riskTier, c.riskTier)} />{' '}
            {c.riskTierOverride ? `(${t('c.riskTierOverride')}: ${c.riskOverrideReason ?? ''})` : ''}
          </td>
        </tr>
        {row(t('c.riskFactors'), c.riskFactors.map((f) => label(labels.riskFactor, f)).join(sep))}
        {row(t('c.reviewInterval'), t('c.months', { n: c.reviewIntervalMonths }))}
        {row(t('c.nextReviewDue'), date(c.nextReviewDue))}
        {row(t('c.contactName'), c.contactName)}
        {row(t('c.contactEmail'), c.contactEmail)}
        {row(t('c.services'), c.services)}
      </table>

      <h2>{t('c.agreements')}</h2>
      {data.agreements.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <div class="scroll">
          <table>
            <tr>
              <th scope="col">{t('a.title')}</th>
              <th scope="col">{t('a.status')}</th>
              <th scope="col">{t('a.currentEnd')}</th>
              <th scope="col">{t('a.noticeDeadline')}</th>
              <th scope="col">{t('a.reconsignment')}</th>
              <th scope="col">{t('a.missing')}</th>
            </tr>
            {data.agreements.map((a) => (
              <tr>
                <td>{a.title}</td>
                <td>{label(labels.agreementStatus, a.status)}</td>
                <td>{date(a.currentEndDate)}</td>
                <td>{date(a.noticeDeadline)}</td>
                <td>{label(labels.reconsignment, a.reconsignment)}</td>
                <td>
                  {a.missingClauses.length ? (
                    <span class="missing">{a.missingClauses.map((m) => label(labels.clause, m)).join(sep)}</span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </table>
        </div>
      )}

      <h2>{t('c.reviews')}</h2>
      {data.reviews.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <ol>
          {data.reviews.map((r) => (
            <li>
              {date(r.dueDate)} · {label(labels.reviewKind, r.kind)} ·{' '}
              <Badge
                value={r.overdue ? 'overdue' : r.status}
                label={r.overdue ? text(overdueLabel) : label(labels.reviewStatus, r.status)}
              />
              {r.outcome ? (
                <>
                  {' '}
                  · <Badge value={r.outcome} label={label(labels.reviewOutcome, r.outcome)} /> ({date(r.completedOn)})
                </>
              ) : null}
              {r.assignee ? ` · ${r.assignee}` : ''}
              {can.supervise && (r.status === 'scheduled' || r.status === 'in_progress') ? (
                <>
                  {' '}
                  <a href={`/reviews/${r.id}/complete`}>{t('r.complete')}</a>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      <h2>{t('c.findings')}</h2>
      {data.findings.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <ul>
          {data.findings.map((f) => (
            <li>
              <Badge value={f.severity} label={label(labels.findingSeverity, f.severity)} />{' '}
              {label(labels.findingCategory, f.category)} · {f.description} · {t('r.findingDue')} {date(f.dueDate)} ·{' '}
              <Badge
                value={f.overdue ? 'overdue' : f.status}
                label={f.overdue ? text(overdueLabel) : label(labels.findingStatus, f.status)}
              />
            </li>
          ))}
        </ul>
      )}

      <h2>{t('c.alerts')}</h2>
      {data.alerts.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <ul>
          {data.alerts.map((a) => (
            <li>
              <Badge value={a.severity} label={label(labels.severity, a.severity)} /> {label(labels.alertKind, a.kind)}{' '}
              · {date(a.dueDate)} · {label(labels.alertStatus, a.status)}
            </li>
          ))}
        </ul>
      )}

      {data.incidents.length ? (
        <>
          <h2>{t('c.incidents')}</h2>
          <ul>
            {data.incidents.map((i) => (
              <li>
                {date(i.discoveredOn)} · {i.summary} · {label(labels.incidentStatus, i.status)}
                {i.nextDeadline ? ` · ${t('dash.nextDeadline')}: ${date(i.nextDeadline.dueOn)}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('c.chain')}</h2>
      <ul>
        {data.chain.ancestors.map((m) => (
          <li style={`margin-left:${(m.depth + data.chain.ancestors.length) * 1.2}rem`}>
            <a href={`/contractors/${m.id}`}>{m.name}</a>
          </li>
        ))}
        <li style={`margin-left:${data.chain.ancestors.length * 1.2}rem`}>
          <strong>{c.name}</strong>
        </li>
        {data.chain.descendants.map((m) => (
          <li style={`margin-left:${(m.depth + data.chain.ancestors.length) * 1.2}rem`}>
            <a href={`/contractors/${m.id}`}>{m.name}</a> ({label(labels.contractorStatus, m.status)})
          </li>
        ))}
      </ul>

      <h2>{t('c.history')}</h2>
      <div class="scroll">
        <table>
          <tr>
            <th scope="col">{t('h.at')}</th>
            <th scope="col">{t('h.what')}</th>
            <th scope="col">{t('h.who')}</th>
          </tr>
          {data.history.map((h) => (
            <tr>
              <td>{h.at.slice(0, 16).replace('T', ' ')} UTC</td>
              <td>{h.action}</td>
              <td>{h.actorName ?? h.actor}</td>
            </tr>
          ))}
        </table>
      </div>
    </Layout>
  );
}
