import { clauseNames } from '../../domain/agreement-terms';
import { labels } from '../../i18n/labels';
import type { AgreementView } from '../../modules/agreements/agreements.service';
import { Badge, Layout, type PageContext } from '../layout';
import { type HistoryEntry, HistoryTable, Notice, RecordActions, recordRow as row } from './parts-record';

export interface AgreementData {
  agreement: AgreementView;
  contractor: { id: string; name: string };
  history: HistoryEntry[];
}

/** Every term of an agreement in words: on its page, and beside the edit form after a conflict. */
export function AgreementSummary(props: {
  page: PageContext;
  agreement: AgreementView;
  contractor: { id: string; name: string };
}) {
  const { page, agreement: a } = props;
  const { t, label, date, dateTime } = page.i18n;
  const sep = page.i18n.lang === 'ja' ? '、' : ', ';
  return (
    <table class="record">
      <tr>
        <th scope="row">{t('agr.contractor')}</th>
        <td>
          <a href={`/contractors/${props.contractor.id}`}>{props.contractor.name}</a>
        </td>
      </tr>
      {row(t('a.title'), a.title)}
      {row(t('agr.reference'), a.reference)}
      {row(t('a.purpose'), a.purpose, 'prewrap')}
      {row(t('c.dataCategories'), a.dataCategories.map((d) => label(labels.dataCategory, d)).join(sep))}
      <tr>
        <th scope="row">{t('a.status')}</th>
        <td>
          <Badge value={a.status} label={label(labels.agreementStatus, a.status)} />
        </td>
      </tr>
      {row(t('a.startDate'), date(a.startDate))}
      {row(t('a.endDate'), a.endDate ? date(a.endDate) : t('agr.noEnd'))}
      {row(t('a.autoRenew'), a.autoRenew ? t('yes') : t('no'))}
      {row(t('a.renewalTermMonths'), a.renewalTermMonths === null ? null : t('c.months', { n: a.renewalTermMonths }))}
      {row(t('a.noticePeriodDays'), a.noticePeriodDays === null ? null : t('agr.days', { n: a.noticePeriodDays }))}
      {row(t('a.currentEnd'), date(a.currentEndDate))}
      {row(t('a.noticeDeadline'), date(a.noticeDeadline))}
      {row(t('a.reconsignment'), label(labels.reconsignment, a.reconsignment))}
      <tr>
        <th scope="row">{t('a.clauses')}</th>
        <td>
          <ul class="clauses">
            {clauseNames.map((n) => (
              <li class={a.clauses[n] ? 'present' : 'missing'}>
                {label(labels.clause, n)}: {a.clauses[n] ? t('agr.present') : t('a.missing')}
              </li>
            ))}
          </ul>
        </td>
      </tr>
      {row(t('agr.terminatedOn'), date(a.terminatedOn))}
      <tr>
        <th scope="row">{t('agr.disposition')}</th>
        <td>
          {a.dataDisposition ? (
            <>
              {label(labels.dispositionMethod, a.dataDisposition.method)} · {t('agr.confirmedOn')}{' '}
              {date(a.dataDisposition.confirmedOn)}
              <br />
              <span class="prewrap">{a.dataDisposition.evidence}</span>
            </>
          ) : (
            <span class="missing">{t('agr.dispositionMissing')}</span>
          )}
        </td>
      </tr>
      {row(t('rev.createdAt'), dateTime(a.createdAt))}
      {row(t('rev.updatedAt'), dateTime(a.updatedAt))}
    </table>
  );
}

/** An agreement's page: what it says, whether the data came back, and what changed lately. */
export function AgreementDetailPage(props: {
  page: PageContext;
  data: AgreementData;
  canEdit: boolean;
  notice: string | null;
}) {
  const { page, data } = props;
  const { t, date } = page.i18n;
  const a = data.agreement;
  return (
    <Layout page={page} title={a.title}>
      <h1>
        {t('agr.title')}: {a.title}
      </h1>
      <Notice text={props.notice} />
      {a.warnings.includes('selection-pending') ? (
        <div class="notice warn" id="selection-pending">
          <p>{t('agr.selectionPending')}</p>
          <p>
            <a href={`/contractors/${data.contractor.id}#next-step`}>{t('agr.selectionPendingLink')}</a>
          </p>
        </div>
      ) : null}
      {a.terminatedOn ? (
        <p class="notice">
          {a.status === 'terminated'
            ? t('agr.terminated', { date: date(a.terminatedOn) })
            : t('agr.terminatesOn', { date: date(a.terminatedOn) })}
        </p>
      ) : null}
      <RecordActions
        action={props.canEdit ? { href: `/agreements/${a.id}/edit`, text: t('agr.edit') } : null}
        back={{ href: `/contractors/${data.contractor.id}`, text: t('agr.back', { name: data.contractor.name }) }}
      />
      <h2>{t('agr.terms')}</h2>
      <AgreementSummary page={page} agreement={a} contractor={data.contractor} />
      <h2 id="history">{t('agr.history')}</h2>
      <HistoryTable
        page={page}
        labelledBy="history"
        entries={data.history}
        trail={`/audit?entityType=agreement&entityId=${encodeURIComponent(a.id)}`}
        trailText={t('agr.fullHistory')}
      />
    </Layout>
  );
}
