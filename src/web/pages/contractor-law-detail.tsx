import { keepsProvisionRecords } from '../../domain/provision-records';
import type { ContractorStatus } from '../../domain/supervision';
import { labels, overdueLabel } from '../../i18n/labels';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import type { ReviewView } from '../../modules/reviews/reviews.present';
import { Badge, type PageContext } from '../layout';
import { countryName } from './contractor-country';

interface ChainMember {
  id: string;
  name: string;
  depth: number;
  status: ContractorStatus;
}

/** Handling abroad: where the data is processed, what the person was told for consent, the 10-7 notes. */
export function AbroadSection(props: { page: PageContext; contractor: ContractorView; canRecord: boolean }) {
  const { t, date, lang } = props.page.i18n;
  const c = props.contractor;
  const foreign = [c.country, ...c.processingCountries].filter((x, i, all) => x !== 'JP' && all.indexOf(x) === i);
  if (!foreign.length && !c.crossBorderConsent && !c.countryNotes.length) return null;
  const sep = lang === 'ja' ? '、' : ', ';
  const unnoted = foreign.filter((x) => !c.countryNotes.some((n) => n.country === x));
  const consent = c.crossBorderConsent;
  return (
    <section class="law" aria-labelledby="abroad">
      <h2 id="abroad">{t('cl.abroad')}</h2>
      <table class="law-facts">
        <tr>
          <th scope="row">{t('cl.processing.short')}</th>
          <td>
            {c.processingCountries.length ? c.processingCountries.map((x) => countryName(lang, x)).join(sep) : '—'}
          </td>
        </tr>
        {c.crossBorderBasis === 'consent' || consent ? (
          <tr>
            <th scope="row">{t('cl.consent.short')}</th>
            <td>
              {consent ? (
                <dl class="law-record">
                  <dt>{t('cl.consent.informedOn')}</dt>
                  <dd>{date(consent.informedOn)}</dd>
                  <dt>{t('cl.consent.countryName')}</dt>
                  <dd>{consent.countryName}</dd>
                  <dt>{t('cl.consent.systemInfo')}</dt>
                  <dd class="prewrap">{consent.systemInfo}</dd>
                  <dt>{t('cl.consent.measuresInfo')}</dt>
                  <dd class="prewrap">{consent.measuresInfo}</dd>
                </dl>
              ) : (
                <span class="missing">{t('cl.consent.missing')}</span>
              )}
            </td>
          </tr>
        ) : null}
        <tr>
          <th scope="row">{t('cl.notes.short')}</th>
          <td>
            {c.countryNotes.map((n) => (
              <p>
                <strong>{countryName(lang, n.country)}</strong>
                {n.checkedOn ? ` (${date(n.checkedOn)})` : ''}: <span class="prewrap">{n.notes}</span>
              </p>
            ))}
            {unnoted.length ? (
              <p class="missing">
                {t('cl.notes.missing', { countries: unnoted.map((x) => countryName(lang, x)).join(sep) })}
              </p>
            ) : null}
          </td>
        </tr>
      </table>
      {keepsProvisionRecords(c) ? (
        <p class="actions">
          <a href={`/provision-records?contractorId=${c.id}`}>{t('prov.title')}</a>
          {props.canRecord && c.status !== 'terminated' ? (
            <a class="button" href={`/provision-records/new?contractorId=${c.id}`}>
              {t('cl.recordProvision')}
            </a>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The re-consignment chain: ancestors, the contractor, every sub-contractor below; for a
 * sub-contractor its approval, My Number permission and the parent's reports on it
 * (supervision through the contractor, 通則編 3-4-4); the chain's termination for compliance.
 */
export function ChainSection(props: {
  page: PageContext;
  contractor: ContractorView;
  chain: { ancestors: ChainMember[]; descendants: ChainMember[] };
  reviews: ReviewView[];
  canSupervise: boolean;
}) {
  const { page, contractor: c, chain } = props;
  const { t, label, text, date } = page.i18n;
  const indent = (depth: number) => `margin-left:${(depth + chain.ancestors.length) * 1.2}rem`;
  const reports = props.reviews.filter((r) => r.kind === 'parent_report');
  const running = chain.descendants.filter((m) => m.status !== 'terminated');
  const approval = c.reconsignmentApproval;
  const permission = c.myNumberPermission;
  return (
    <section aria-labelledby="chain">
      <h2 id="chain">{t('c.chain')}</h2>
      <ul class="chain">
        {chain.ancestors.map((m) => (
          <li style={indent(m.depth)}>
            <a href={`/contractors/${m.id}`}>{m.name}</a>
          </li>
        ))}
        <li style={indent(0)}>
          <strong>{c.name}</strong>
        </li>
        {chain.descendants.map((m) => (
          <li style={indent(m.depth)}>
            <a href={`/contractors/${m.id}`}>{m.name}</a> ({label(labels.contractorStatus, m.status)})
          </li>
        ))}
      </ul>
      {c.parentId ? (
        <>
          <table class="law-facts">
            <tr>
              <th scope="row">{t('cl.approval.short')}</th>
              <td>
                {approval
                  ? t('cl.approval.value', {
                      date: date(approval.approvedOn),
                      by: approval.approvedBy,
                      work: approval.work,
                      handling: approval.handling,
                    })
                  : '—'}
              </td>
            </tr>
            {permission || c.dataCategories.includes('my_number') ? (
              <tr>
                <th scope="row">{t('cl.myNumber.short')}</th>
                <td>
                  {permission
                    ? t('cl.myNumber.value', { date: date(permission.permittedOn), by: permission.permittedBy })
                    : '—'}
                </td>
              </tr>
            ) : null}
          </table>
          <h3 id="parent-reports">{t('cl.reports')}</h3>
          <p class="hint">{t('cl.reports.hint')}</p>
          {reports.length === 0 ? (
            <p class="muted">{t('list.empty')}</p>
          ) : (
            <ul aria-labelledby="parent-reports">
              {reports.map((r) => (
                <li data-review={r.id}>
                  <a href={`/reviews/${r.id}`}>{date(r.completedOn ?? r.dueDate)}</a>{' '}
                  <Badge
                    value={r.overdue ? 'overdue' : r.status}
                    label={r.overdue ? text(overdueLabel) : label(labels.reviewStatus, r.status)}
                  />
                  {r.outcome ? (
                    <>
                      {' '}
                      <Badge value={r.outcome} label={label(labels.reviewOutcome, r.outcome)} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {props.canSupervise && c.status !== 'terminated' ? (
            <p>
              <a href={`/reviews/new?contractorId=${c.id}&kind=parent_report`}>{t('cl.reports.schedule')}</a>
            </p>
          ) : null}
        </>
      ) : null}
      {props.canSupervise && running.length && c.status !== 'terminated' ? (
        <p class="actions">
          <a class="button secondary danger" href={`/contractors/${c.id}/terminate-chain`}>
            {t('cl.terminateChain')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
