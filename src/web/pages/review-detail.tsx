import { checklistCategories } from '../../domain/selection';
import { labels, overdueLabel } from '../../i18n/labels';
import type { FindingView, ReviewView } from '../../modules/reviews/reviews.present';
import type { FormValues } from '../forms';
import { Badge, Layout, type PageContext } from '../layout';
import { Pager, type PagerState } from '../pager';
import type { FileNames } from './questionnaire-answers';
import type { TemplateChoice } from './questionnaire-send';
import type { QuestionnaireDetailView } from './questionnaire-shared';
import { ReviewQuestionnairePanel } from './review-questionnaire';
import { Confirm, type FormProps, Input, Problems, TextArea } from './supervision';

export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actorName: string;
}

export interface ReviewDetailData {
  review: ReviewView;
  contractor: { id: string; name: string };
  agreement: { id: string; title: string } | null;
  findings: { items: FindingView[]; nextCursor: string | null; total: number; pageSize: number; pager: PagerState };
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
  const row = (name: string, value: unknown) => (
    <tr>
      <th scope="row">{name}</th>
      <td>{value === null || value === undefined || value === '' ? '—' : (value as string)}</td>
    </tr>
  );
  return (
    <Layout page={page} title={title}>
      <h1>
        {title}{' '}
        <Badge
          value={r.overdue ? 'overdue' : r.status}
          label={r.overdue ? text(overdueLabel) : label(labels.reviewStatus, r.status)}
        />
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.form.conflict ? (
        <p class="notice error" role="alert">
          {t('rev.conflict')}
        </p>
      ) : (
        <Problems {...form} />
      )}
      <p class="actions">
        {props.canChange && isOpen(r) ? (
          <a class="button" href={`/reviews/${r.id}/complete`}>
            {t('r.complete')}
          </a>
        ) : null}
        <a class="button secondary" href={`/contractors/${data.contractor.id}`}>
          {t('rev.back', { name: data.contractor.name })}
        </a>
      </p>

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

/** The latest audit events of one record, in words and local time, with a link to its whole trail. */
export function HistoryTable(props: {
  page: PageContext;
  entries: HistoryEntry[];
  trail: string;
  trailText: string;
  /** The heading's id: the table scrolls sideways on a phone, a region keyboard users can reach. */
  labelledBy: string;
}) {
  const { t, dateTime } = props.page.i18n;
  return (
    <>
      <section class="scroll" tabindex={0} aria-labelledby={props.labelledBy}>
        <table>
          <tr>
            <th scope="col">{t('h.at')}</th>
            <th scope="col">{t('h.what')}</th>
            <th scope="col">{t('h.who')}</th>
          </tr>
          {props.entries.map((h) => (
            <tr>
              <td>{dateTime(h.at)}</td>
              <td>{h.action}</td>
              <td>{h.actorName}</td>
            </tr>
          ))}
        </table>
      </section>
      <p>
        <a href={props.trail}>{props.trailText}</a>
      </p>
    </>
  );
}

function FindingTable(props: { page: PageContext; findings: ReviewDetailData['findings'] }) {
  const { t, label, text, date } = props.page.i18n;
  const f = props.findings;
  if (f.total === 0) return <p class="muted">{t('rev.findingsNone')}</p>;
  return (
    <>
      <section class="scroll" tabindex={0} aria-labelledby="findings">
        <table class="findings">
          <tr>
            <th scope="col">{t('r.severity')}</th>
            <th scope="col">{t('r.category')}</th>
            <th scope="col">{t('r.description')}</th>
            <th scope="col">{t('r.findingDue')}</th>
            <th scope="col">{t('r.status')}</th>
            <th scope="col">{t('rev.resolvedOn')}</th>
          </tr>
          {f.items.map((x) => (
            <tr data-finding={x.id}>
              <td>
                <Badge value={x.severity} label={label(labels.findingSeverity, x.severity)} />
              </td>
              <td>{label(labels.findingCategory, x.category)}</td>
              <td class="prewrap">{x.description}</td>
              <td>{date(x.dueDate)}</td>
              <td>
                <Badge
                  value={x.overdue ? 'overdue' : x.status}
                  label={x.overdue ? text(overdueLabel) : label(labels.findingStatus, x.status)}
                />
              </td>
              <td>{date(x.resolvedOn) || '—'}</td>
            </tr>
          ))}
        </table>
      </section>
      <Pager
        i18n={props.page.i18n}
        state={f.pager}
        nextCursor={f.nextCursor}
        shown={f.items.length}
        total={f.total}
        pageSize={f.pageSize}
      />
    </>
  );
}

/** Reschedule, reassign and cancel: each its own small form, every one naming the version it changes. */
function ChangeForms(props: { form: FormProps; review: ReviewView }) {
  const { form, review } = props;
  const { t } = form.page.i18n;
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={form.page.csrf} />
      <input type="hidden" name="version" value={String(review.version)} />
    </>
  );
  return (
    <section aria-labelledby="change" class="changes">
      <h2 id="change">{t('rev.change')}</h2>
      <form method="post" action={`/reviews/${review.id}/reschedule`} novalidate aria-labelledby="reschedule">
        <h3 id="reschedule">{t('rev.reschedule')}</h3>
        {hidden}
        <Input {...form} name="dueDate" label={t('rev.newDueDate')} type="date" required />
        <p class="actions">
          <button type="submit">{t('rev.reschedule')}</button>
        </p>
      </form>
      <form method="post" action={`/reviews/${review.id}/reassign`} novalidate aria-labelledby="reassign">
        <h3 id="reassign">{t('rev.reassign')}</h3>
        {hidden}
        <Input {...form} name="assignee" label={t('rev.newAssignee')} />
        <p class="actions">
          <button type="submit">{t('rev.reassign')}</button>
        </p>
      </form>
      <form method="post" action={`/reviews/${review.id}/cancel`} novalidate aria-labelledby="cancel" class="danger">
        <h3 id="cancel">{t('rev.cancel')}</h3>
        <p class="muted">{t('rev.cancelHint')}</p>
        {hidden}
        <TextArea {...form} name="reason" label={t('rev.cancelReason')} required />
        <Confirm {...form} name="confirm" label={t('rev.cancelConfirm')} />
        <p class="actions">
          <button type="submit" class="danger">
            {t('rev.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}
