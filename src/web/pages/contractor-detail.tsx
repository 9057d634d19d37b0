import type { ContractorStatus } from '../../domain/supervision';
import { labels, overdueLabel } from '../../i18n/labels';
import type { AgreementView } from '../../modules/agreements/agreements.service';
import type { AlertView } from '../../modules/alerts/alerts.service';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import type { DocumentView } from '../../modules/documents/documents.service';
import type { IncidentView } from '../../modules/incidents/incidents.service';
import type { FindingView, ReviewView } from '../../modules/reviews/reviews.present';
import { Badge, Layout, type PageContext } from '../layout';
import { countryName } from './contractor-country';
import { ContractorDocuments, type ContractorQuestionnaire, ContractorQuestionnaires } from './contractor-documents';
import { ContractorHistory, type HistoryEntry } from './contractor-history';
import { AbroadSection, ChainSection } from './contractor-law-detail';
import { NextStep, type SelectionState } from './contractor-next-step';
import { SupervisionBadge } from './contractor-status';

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
  history: HistoryEntry[];
  transitions: ContractorStatus[];
  selection: SelectionState;
  /** Certificates and other documents, and the questionnaires sent to the contractor. */
  evidence: {
    documents: DocumentView[];
    questionnaires: ContractorQuestionnaire[] | null;
    /** Valid certificates shown as mitigating the risk (a setting, off by default). */
    mitigations: { kind: 'privacy_mark' | 'isms_certificate'; documentId: string; validUntil: string }[];
    today: string;
    canUpload: boolean;
  };
}

export function ContractorDetailPage(props: {
  page: PageContext;
  data: DetailData;
  can: { edit: boolean; supervise: boolean };
  notice: string | null;
}) {
  const { page, data, can } = props;
  const { t, label, text, date, lang } = page.i18n;
  const c = data.contractor;
  const sep = lang === 'ja' ? '、' : ', ';
  const row = (label: string, value: unknown) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{value === null || value === undefined || value === '' ? '—' : (value as string)}</td>
    </tr>
  );
  return (
    <Layout page={page} title={c.name}>
      <h1>
        {c.name} <SupervisionBadge i18n={page.i18n} status={c.supervisionStatus} />
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
      <NextStep
        page={page}
        contractor={c}
        selection={data.selection}
        reviews={data.reviews}
        canSupervise={can.supervise}
      />
      {can.supervise && data.transitions.length ? (
        <nav class="actions" aria-label={t('c.transition')}>
          {data.transitions.map((to) => (
            <a
              class={`button secondary${to === 'terminated' ? ' danger' : ''}`}
              href={`/contractors/${c.id}/transition?to=${to}`}
            >
              {t(`ctr.to.${to}` as 'ctr.to.approved')}
            </a>
          ))}
        </nav>
      ) : null}

      <h2>{t('c.profile')}</h2>
      <table class="profile">
        {row(t('c.status'), label(labels.contractorStatus, c.status))}
        {row(t('c.nameKana'), c.nameKana)}
        {row(t('c.corporateNumber'), c.corporateNumber)}
        {row(t('ctr.country'), countryName(lang, c.country))}
        {row(t('c.dataCategories'), c.dataCategories.map((d) => label(labels.dataCategory, d)).join(sep))}
        {row(t('c.subjectCount'), c.subjectCount.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB'))}
        {row(t('c.crossBorderBasis'), label(labels.crossBorderBasis, c.crossBorderBasis))}
        {c.processingCountries.length
          ? row(t('cl.processing.short'), c.processingCountries.map((x) => countryName(lang, x)).join(sep))
          : null}
        <tr>
          <th scope="row">{t('c.riskTier')}</th>
          <td>
            <Badge value={c.riskTier} label={label(labels.riskTier, c.riskTier)} />{' '}
            {c.riskTierOverride ? `(${t('c.riskTierOverride')}: ${c.riskOverrideReason ?? ''})` : ''}
          </td>
        </tr>
        {row(t('c.riskFactors'), c.riskFactors.map((f) => label(labels.riskFactor, f)).join(sep))}
        {data.evidence.mitigations.length ? (
          <tr>
            <th scope="row">{t('set.cert.mitigating')}</th>
            <td>
              {data.evidence.mitigations.map((m, i) => (
                <>
                  {i ? sep : ''}
                  <a href={`/documents/${m.documentId}`}>{label(labels.documentKind, m.kind)}</a> ({t('doc.validUntil')}{' '}
                  {date(m.validUntil)})
                </>
              ))}
            </td>
          </tr>
        ) : null}
        {row(t('c.reviewInterval'), t('c.months', { n: c.reviewIntervalMonths }))}
        {row(t('c.nextReviewDue'), date(c.nextReviewDue))}
        {row(t('c.contactName'), c.contactName)}
        {row(t('c.contactEmail'), c.contactEmail)}
        {row(t('c.services'), c.services)}
      </table>

      <AbroadSection page={page} contractor={c} canRecord={props.can.supervise} />

      <h2 id="agreements">{t('c.agreements')}</h2>
      {data.agreements.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <table class="stack" aria-labelledby="agreements">
          <thead>
            <tr>
              <th scope="col">{t('a.title')}</th>
              <th scope="col">{t('a.status')}</th>
              <th scope="col">{t('a.currentEnd')}</th>
              <th scope="col">{t('a.noticeDeadline')}</th>
              <th scope="col">{t('a.reconsignment')}</th>
              <th scope="col">{t('ctr.disposition')}</th>
              <th scope="col">{t('a.missing')}</th>
            </tr>
          </thead>
          <tbody>
            {data.agreements.map((a) => (
              <tr data-agreement={a.id}>
                <td data-label={t('a.title')}>
                  <a href={`/agreements/${a.id}/edit`}>{a.title}</a>
                </td>
                <td data-label={t('a.status')}>{label(labels.agreementStatus, a.status)}</td>
                <td data-label={t('a.currentEnd')}>{a.currentEndDate ? date(a.currentEndDate) : '—'}</td>
                <td data-label={t('a.noticeDeadline')}>{a.noticeDeadline ? date(a.noticeDeadline) : '—'}</td>
                <td data-label={t('a.reconsignment')}>{label(labels.reconsignment, a.reconsignment)}</td>
                <td data-label={t('ctr.disposition')}>
                  {a.dataDisposition
                    ? `${label(labels.dispositionMethod, a.dataDisposition.method)} (${date(a.dataDisposition.confirmedOn)})`
                    : '—'}
                </td>
                <td data-label={t('a.missing')}>
                  {a.missingClauses.length ? (
                    <span class="missing">{a.missingClauses.map((m) => label(labels.clause, m)).join(sep)}</span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <ContractorDocuments
        i18n={page.i18n}
        contractorId={c.id}
        documents={data.evidence.documents}
        today={data.evidence.today}
        canUpload={data.evidence.canUpload}
      />

      <h2 id="reviews">{t('c.reviews')}</h2>
      {data.reviews.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <ol class="reviews">
          {data.reviews.map((r) => (
            <li data-review={r.id}>
              <a href={`/reviews/${r.id}`}>
                {date(r.dueDate)} · {label(labels.reviewKind, r.kind)}
              </a>{' '}
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

      {data.evidence.questionnaires ? (
        <ContractorQuestionnaires i18n={page.i18n} questionnaires={data.evidence.questionnaires} />
      ) : null}

      <h2 id="findings">{t('c.findings')}</h2>
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

      <h2 id="alerts">{t('c.alerts')}</h2>
      {data.alerts.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <ul>
          {data.alerts.map((a) => (
            <li>
              <Badge value={a.severity} label={label(labels.severity, a.severity)} /> {label(labels.alertKind, a.kind)}
              {a.dueDate ? ` · ${date(a.dueDate)}` : ''} · {label(labels.alertStatus, a.status)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/alerts?status=all&contractorId=${c.id}`}>{t('ctr.allAlerts')}</a>
      </p>

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

      <ChainSection page={page} contractor={c} chain={data.chain} reviews={data.reviews} canSupervise={can.supervise} />

      <ContractorHistory i18n={page.i18n} history={data.history} />
    </Layout>
  );
}
