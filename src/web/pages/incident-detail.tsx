import type { Child } from 'hono/jsx';
import { labels } from '../../i18n/labels';
import type { IncidentView } from '../../modules/incidents/incidents.service';
import { one } from '../forms';
import type { MessageKey } from '../i18n';
import { Badge, Layout, type PageContext } from '../layout';
import { type Step, StepStateText, stepState } from './incident-deadlines';
import { Facts, Field, type FormState, FormSummary, FormTokens } from './incident-fields';
import { AlternativeNoticeFields, excludedText, lawFactRows } from './incident-law';
import { ppcReportText } from './incident-ppc-text';
import { reasonsText } from './incidents';

/** The fields of the reports form, in the order the steps come. */
export const REPORT_FIELDS = ['preliminaryReportedOn', 'finalReportedOn', 'subjectsNotifiedOn'] as const;

const STEP_NAMES: Record<Step, MessageKey> = {
  preliminary: 'inc.preliminary',
  final: 'inc.final',
  notice: 'inc.notice',
};

/**
 * One incident: the facts, each step owed to the PPC and to the individuals with its
 * deadline and where it stands, and for compliance the form that records them.
 */
export function IncidentDetailPage(props: {
  page: PageContext;
  today: string;
  incident: IncidentView;
  contractorName: string;
  canWrite: boolean;
  reports: FormState;
  notice: string | null;
}) {
  const { page, incident: i, reports } = props;
  const { i18n } = page;
  const { t, label, date } = i18n;
  const title = t('inc.detail', { name: props.contractorName });
  const due: Record<Step, string | null> = {
    preliminary: i.preliminaryDueOn,
    final: i.finalDueOn,
    notice: null,
  };
  const rule: Record<Step, string> = {
    preliminary: i.reportable ? t('il.preliminaryRule') : '',
    final: i.reportable ? t(i.factors.wrongfulAct ? 'inc.finalRule60' : 'inc.finalRule30') : '',
    notice: i.reportable ? t('inc.noticeRule') : '',
  };
  const open = i.status === 'open';
  return (
    <Layout page={page} title={title}>
      <h1>
        {title} <Badge value={open ? 'open' : 'resolved'} label={label(labels.incidentStatus, i.status)} />
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.canWrite && open ? (
        <p class="actions">
          <a class="button secondary" href={`/incidents/${i.id}/edit`}>
            {t('inc.edit')}
          </a>
          <a class="button secondary" href={`/incidents/${i.id}/close`}>
            {t('inc.close')}
          </a>
        </p>
      ) : null}

      <h2>{t('inc.facts')}</h2>
      <Facts
        rows={[
          [t('inc.contractor'), <a href={`/contractors/${i.contractorId}`}>{props.contractorName}</a>],
          [t('inc.discoveredOn'), date(i.discoveredOn)],
          [t('inc.affectedCount'), t('inc.affected', { n: i.affectedCount.toLocaleString(i18n.lang) })],
          [t('inc.summary'), <span class="text-block">{i.summary}</span>],
          [
            t('inc.reportable'),
            i.reportable
              ? t('inc.reportableBecause', { reasons: reasonsText(i18n, i.reportableReasons) })
              : i.excludedReasons.length
                ? excludedText(i18n, i)
                : t('inc.reportableNo'),
          ],
          ...lawFactRows(i18n, i),
          ...(open
            ? []
            : ([
                [t('inc.closedOn'), date(i.closedOn)],
                [t('inc.closingSummary'), <span class="text-block">{i.closingSummary}</span>],
              ] as [string, Child][])),
        ]}
      />

      <h2 id="deadlines">{t('inc.deadlines')}</h2>
      {/* Focusable, so a keyboard can scroll it sideways on a phone. */}
      <section class="scroll" tabindex={0} aria-labelledby="deadlines">
        <table class="inc-steps" aria-labelledby="deadlines">
          <tr>
            <th scope="col">{t('inc.step')}</th>
            <th scope="col">{t('inc.dueOn')}</th>
            <th scope="col">{t('inc.state')}</th>
            <th scope="col">{t('inc.rule')}</th>
          </tr>
          {(['preliminary', 'final', 'notice'] as const).map((step) => (
            <tr data-step={step}>
              <th scope="row">{t(STEP_NAMES[step])}</th>
              <td class="date">
                {step === 'preliminary' && i.preliminaryWindow
                  ? t('il.window', { from: date(i.preliminaryWindow.from), to: date(i.preliminaryWindow.to) })
                  : due[step]
                    ? date(due[step])
                    : '—'}
              </td>
              <td>
                <StepStateText i18n={i18n} state={stepState(i, step)} today={props.today} />
              </td>
              <td class="muted">{rule[step] || '—'}</td>
            </tr>
          ))}
        </table>
      </section>

      {props.canWrite && open ? (
        <section aria-labelledby="reports">
          <h2 id="reports">{t('inc.reportsForm')}</h2>
          <FormSummary page={page} form={reports} />
          <form method="post" action={`/incidents/${i.id}/reports`} novalidate>
            <FormTokens page={page} version={one(reports.values, 'version')} />
            <p class="field-hint">{t('inc.reportsHint')}</p>
            {REPORT_FIELDS.map((name) => (
              <Field form={reports} name={name} label={t(`inc.${name}`)} type="date" attrs={{ max: props.today }} />
            ))}
            <AlternativeNoticeFields page={page} form={reports} today={props.today} />
            <p class="actions">
              <button type="submit">{t('inc.saveReports')}</button>
            </p>
          </form>
        </section>
      ) : null}

      {i.reportable ? (
        <section aria-labelledby="ppc-text">
          <h2 id="ppc-text">{t('il.ppcText')}</h2>
          <p class="field-hint" id="ppc-text-hint">
            {t('il.ppcTextHint')}
          </p>
          <label class="visually-hidden" for="ppc-report">
            {t('il.ppcText')}
          </label>
          <textarea id="ppc-report" class="il-ppc" lang="ja" readonly rows={18} aria-describedby="ppc-text-hint">
            {ppcReportText(i, props.contractorName)}
          </textarea>
        </section>
      ) : null}
    </Layout>
  );
}
