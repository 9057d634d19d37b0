import { checklistCategories } from '../../domain/selection';
import { labels, overdueLabel } from '../../i18n/labels';
import type { ReviewView } from '../../modules/reviews/reviews.present';
import type { FormValues } from '../forms';
import { Badge, Layout, type PageContext } from '../layout';
import { type HistoryEntry, HistoryTable, Notice, RecordActions, recordRow as row } from './parts-record';
import type { FileNames } from './questionnaire-answers';
import type { TemplateChoice } from './questionnaire-send';
import type { QuestionnaireDetailView } from './questionnaire-shared';
import { ChangeForms } from './review-changes';
import { type FindingPage, FindingTable } from './review-findings';
import { ReviewQuestionnairePanel } from './review-questionnaire';
import { type FormProps, Problems } from './supervision';

export interface ReviewDetailData {
  review: ReviewView;
  contractor: { id: string; name: string };
  agreement: { id: string; title: string } | null;
  findings: FindingPage;
  scheduledByName: string;
  history: HistoryEntry[];
  questionnaire: {
    questionnaire: QuestionnaireDetailView | null;
    templates: TemplateChoice[];
    files: FileNames | undefined;
  };
}

/** The form the page comes back with after a refused post, with what was typed. */
export interface ReviewFormState {
  values: FormValues;
  errors: Record<string, string>;
  summary: string | null;
  /** Someone else saved the review first (412): the page shows what is saved now. */
  conflict: boolean;
}

const isOpen = (r: ReviewView) => r.status === 'scheduled' || r.status === 'in_progress';

/** A review: everything it recorded, in words, and (for compliance, while open) reschedule, reassign, cancel. */
export function ReviewDetailPage(props: {
  page: PageContext;
  data: ReviewDetailData;
  canChange: boolean;
  notice: string | null;
  form: ReviewFormState;
}) {
  const { page, data } = props;
  const { t, label, text, date, dateTime } = page.i18n;
  const r = data.review;
  const title = `${label(labels.reviewKind, r.kind)}: ${data.contractor.name}`;
  const form: FormProps = { page, ...props.form };
  return (
    <Layout page={page} title={title}>
      <h1>
        {title}{' '}
        <Badge
          value={r.overdue ? 'overdue' : r.status}
          label={r.overdue ? text(overdueLabel) : label(labels.reviewStatus, r.status)}
        />
      </h1>
      <Notice text={props.notice} />
      {props.form.conflict ? (
        <p class="notice error" role="alert">
          {t('rev.conflict')}
        </p>
      ) : (
        <Problems {...form} />
      )}
      <RecordActions
        action={props.canChange && isOpen(r) ? { href: `/reviews/${r.id}/complete`, text: t('r.complete') } : null}
        back={{ href: `/contractors/${data.contractor.id}`, text: t('rev.back', { name: data.contractor.name }) }}
      />

      <h2>{t('rev.recorded')}</h2>
      <table class="record">
        <tr>
          <th scope="row">{t('rev.contractor')}</th>
          <td>
            <a href={`/contractors/${data.contractor.id}`}>{data.contractor.name}</a>
          </td>
        </tr>
        <tr>
          <th scope="row">{t('rev.agreement')}</th>
          <td>{data.agreement ? <a href={`/agreements/${data.agreement.id}`}>{data.agreement.title}</a> : '—'}</td>
        </tr>
        {row(t('r.kind'), label(labels.reviewKind, r.kind))}
        {row(t('r.status'), label(labels.reviewStatus, r.status))}
        <tr>
          <th scope="row">{t('r.dueDate')}</th>
          <td>
            {date(r.dueDate)} {r.overdue ? <Badge value="overdue" label={text(overdueLabel)} /> : null}
          </td>
        </tr>
        {row(t('r.assignee'), r.assignee)}
        {row(t('rev.scheduledBy'), data.scheduledByName)}
        {row(t('r.completedOn'), date(r.completedOn))}
        <tr>
          <th scope="row">{t('r.outcome')}</th>
          <td>{r.outcome ? <Badge value={r.outcome} label={label(labels.reviewOutcome, r.outcome)} /> : '—'}</td>
        </tr>
        <tr>
          <th scope="row">{t('r.notes')}</th>
          <td class="prewrap">{r.notes || '—'}</td>
        </tr>
        {r.status === 'cancelled' ? (
          <tr>
            <th scope="row">{t('rev.cancelReason')}</th>
            <td class="prewrap">{r.cancelReason || '—'}</td>
          </tr>
        ) : null}
        {row(t('rev.createdAt'), dateTime(r.createdAt))}
        {row(t('rev.updatedAt'), dateTime(r.updatedAt))}
      </table>

      <h2>{t('r.checklist')}</h2>
      {r.status === 'completed' ? (
        <table class="record">
          {checklistCategories.map((cat) => (
            <tr>
              <th scope="row">{label(labels.checklistCategory, cat)}</th>
              <td>
                <span class={`rating ${r.checklist[cat]}`}>{label(labels.checklistRating, r.checklist[cat])}</span>
              </td>
            </tr>
          ))}
        </table>
      ) : (
        <p class="muted">{t('rev.notCompleted')}</p>
      )}

      <ReviewQuestionnairePanel
        page={page}
        review={r}
        questionnaire={data.questionnaire.questionnaire}
        templates={data.questionnaire.templates}
        canSend={props.canChange}
        files={data.questionnaire.files}
      />

      <h2 id="findings">{t('r.findings')}</h2>
      <FindingTable page={page} findings={data.findings} />

      {props.canChange && isOpen(r) ? (
        <ChangeForms form={form} review={r} />
      ) : !isOpen(r) ? (
        <p class="muted">{t('rev.closed', { status: label(labels.reviewStatus, r.status) })}</p>
      ) : null}

      <h2 id="history">{t('rev.history')}</h2>
      <HistoryTable
        page={page}
        labelledBy="history"
        entries={data.history}
        trail={`/audit?entityType=review&entityId=${encodeURIComponent(r.id)}`}
        trailText={t('rev.fullHistory')}
      />
    </Layout>
  );
}
