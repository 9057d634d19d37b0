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
  status: string;
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
  transitions: string[];
}

export function ContractorDetailPage(props: {
  page: PageContext;
  data: DetailData;
  can: { edit: boolean; supervise: boolean };
  notice: string | null;
}) {
  const { page, data, can } = props;
  const { t, v, date } = page.i18n;
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
        {c.name} <Badge value={c.supervisionStatus} i18n={page.i18n} />
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
                <option value={s}>{v(s)}</option>
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
        {row(t('c.status'), v(c.status))}
        {row(t('c.nameKana'), c.nameKana)}
        {row(t('c.corporateNumber'), c.corporateNumber)}
        {row(t('c.country'), c.country)}
        {row(t('c.dataCategories'), c.dataCategories.map(v).join(sep))}
        {row(t('c.subjectCount'), c.subjectCount.toLocaleString(page.i18n.lang === 'ja' ? 'ja-JP' : 'en-GB'))}
        {row(t('c.crossBorderBasis'), v(c.crossBorderBasis))}
        <tr>
          <th scope="row">{t('c.riskTier')}</th>
          <td>
            <Badge value={c.riskTier} i18n={page.i18n} />{' '}
            {c.riskTierOverride ? `(${t('c.riskTierOverride')}: ${c.riskOverrideReason ?? ''})` : ''}
          </td>
        </tr>
        {row(t('c.riskFactors'), c.riskFactors.map(v).join(sep))}
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
                <td>{v(a.status)}</td>
                <td>{date(a.currentEndDate)}</td>
                <td>{date(a.noticeDeadline)}</td>
                <td>{v(a.reconsignment)}</td>
                <td>
                  {a.missingClauses.length ? <span class="missing">{a.missingClauses.map(v).join(sep)}</span> : '—'}
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
              {date(r.dueDate)} · {v(r.kind)} · <Badge value={r.overdue ? 'overdue' : r.status} i18n={page.i18n} />
              {r.outcome ? (
                <>
                  {' '}
                  · <Badge value={r.outcome} i18n={page.i18n} /> ({date(r.completedOn)})
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
              <Badge value={f.severity} i18n={page.i18n} /> {v(f.category)} · {f.description} · {t('r.findingDue')}{' '}
              {date(f.dueDate)} · <Badge value={f.overdue ? 'overdue' : f.status} i18n={page.i18n} />
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
              <Badge value={a.severity} i18n={page.i18n} /> {v(a.kind)} · {date(a.dueDate)} · {v(a.status)}
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
                {date(i.discoveredOn)} · {i.summary} · {v(i.status)}
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
            <a href={`/contractors/${m.id}`}>{m.name}</a> ({v(m.status)})
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
