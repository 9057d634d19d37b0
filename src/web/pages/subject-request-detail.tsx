import type { Child } from 'hono/jsx';
import { refusalGrounds, subjectRequestOutcomes } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import { taskOutcomes } from '../../modules/subject-requests/subject-requests.schemas';
import type { SubjectRequestView } from '../../modules/subject-requests/subject-requests.service';
import { checked, one } from '../forms';
import type { I18n } from '../i18n';
import { Badge, FieldError, Layout, type PageContext } from '../layout';
import { emptyForm, Facts, Field, type FormState, FormSummary, FormTokens } from './incident-fields';
import { Choice, HintedText } from './subject-request-form';
import { categoriesText, DueDate, StatusBadge } from './subject-requests';

type Task = SubjectRequestView['tasks'][number];

const taskState = (t: Task) => (t.answeredOn ? 'answered' : t.forwardedOn ? 'forwarded' : 'waiting');

/** What the request is, in words. */
function RequestFacts(props: { i18n: I18n; request: SubjectRequestView; today: string }) {
  const { i18n, request: r } = props;
  const { t, label, date } = i18n;
  const closing: [string, Child][] = [
    [t('sr.outcome'), r.outcome ? label(labels.subjectRequestOutcome, r.outcome) : ''],
    [t('sr.refusalGround'), r.refusalGround ? label(labels.refusalGround, r.refusalGround) : ''],
    [t('sr.refusalReason'), r.refusalReason ? <span class="text-block">{r.refusalReason}</span> : ''],
    [t('sr.closedOn'), r.closedOn ? date(r.closedOn) : ''],
  ];
  return (
    <Facts
      rows={[
        [t('sr.reference'), r.reference],
        [
          t('sr.kind'),
          <>
            {label(labels.subjectRequestKind, r.kind)} <span class="muted">{t(`sr.art.${r.kind}`)}</span>
          </>,
        ],
        [t('sr.receivedOn'), date(r.receivedOn)],
        [t('sr.dueOn'), <DueDate i18n={i18n} request={r} today={props.today} />],
        [t('sr.categories'), categoriesText(i18n, r.dataCategories)],
        [t('sr.status'), <StatusBadge i18n={i18n} status={r.status} />],
        ...(r.status === 'closed' ? closing : []),
      ]}
    />
  );
}

/** One contractor's part: its dates and outcome, and (while open, for compliance) the form recording them. */
function TaskCard(props: {
  page: PageContext;
  request: SubjectRequestView;
  task: Task;
  form: FormState | undefined;
  canWrite: boolean;
}) {
  const { page, request, task } = props;
  const { t, date } = page.i18n;
  const state = taskState(task);
  const prefix = `t-${task.contractorId}`;
  const values = props.form?.values ?? {
    forwardedOn: task.forwardedOn ?? '',
    answeredOn: task.answeredOn ?? '',
    outcome: task.outcome ?? '',
    note: task.note ?? '',
    version: String(task.version),
  };
  // Inputs of several task forms on one page need ids of their own.
  const scoped: FormState = {
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}-${k}`, v])),
    errors: Object.fromEntries(Object.entries(props.form?.errors ?? {}).map(([k, v]) => [`${prefix}-${k}`, v])),
    summary: null,
  };
  const heading = `${prefix}-h`;
  return (
    <li class="sr-task" id={prefix} aria-labelledby={heading}>
      <h3 id={heading}>
        <a href={`/contractors/${task.contractorId}`}>{task.contractorName}</a>
        <Badge value={`sr-${state}`} label={t(`sr.taskStatus.${state}`)} />
      </h3>
      {props.form?.summary ? (
        <p class="notice error" role="alert">
          {props.form.summary}
        </p>
      ) : null}
      {props.canWrite && request.status === 'open' ? (
        <form method="post" action={`/subject-requests/${request.id}/tasks/${task.contractorId}`} novalidate>
          <FormTokens page={page} version={one(values, 'version')} />
          <div class="sr-fields">
            <Field form={scoped} name={`${prefix}-forwardedOn`} label={t('sr.forwardedOn')} type="date" />
            <Field form={scoped} name={`${prefix}-answeredOn`} label={t('sr.answeredOn')} type="date" />
            <Choice
              form={scoped}
              name={`${prefix}-outcome`}
              label={t('sr.taskOutcome')}
              blank={t('sr.choose')}
              options={taskOutcomes.map((o) => ({ value: o, text: t(`sr.taskOutcome.${o}`) }))}
            />
          </div>
          <HintedText form={scoped} name={`${prefix}-note`} label={t('sr.note')} hint={t('sr.noteHint')} />
          <p class="actions">
            <button type="submit">{t('sr.saveTask')}</button>
          </p>
        </form>
      ) : (
        <Facts
          rows={[
            [t('sr.forwardedOn'), task.forwardedOn ? date(task.forwardedOn) : ''],
            [t('sr.answeredOn'), task.answeredOn ? date(task.answeredOn) : ''],
            [t('sr.taskOutcome'), task.outcome ? t(`sr.taskOutcome.${task.outcome}`) : ''],
            [t('sr.note'), task.note ? <span class="text-block">{task.note}</span> : ''],
          ]}
        />
      )}
    </li>
  );
}

/** /subject-requests/{id}: the request, each contractor's part, and the way to closing. */
export function SubjectRequestDetailPage(props: {
  page: PageContext;
  today: string;
  request: SubjectRequestView;
  canWrite: boolean;
  /** The task form sent back (refused or in conflict), by contractor. */
  taskForm?: { contractorId: string; form: FormState };
  notice: string | null;
}) {
  const { page, request: r } = props;
  const { i18n } = page;
  const { t } = i18n;
  return (
    <Layout page={page} title={t('sr.detailTitle', { ref: r.reference })}>
      <h1>{t('sr.detailTitle', { ref: r.reference })}</h1>
      <p>
        <a href="/subject-requests">{t('sr.backList')}</a>
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <section aria-labelledby="req">
        <h2 id="req">{t('sr.request')}</h2>
        <RequestFacts i18n={i18n} request={r} today={props.today} />
        {props.canWrite && r.status === 'open' ? (
          <p class="actions">
            <a class="button danger" href={`/subject-requests/${r.id}/close`}>
              {t('sr.closeLink')}
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="tasks">
        <h2 id="tasks">{t('sr.tasks')}</h2>
        <p>{r.tasks.length ? t('sr.tasksIntro') : t('sr.noTasks')}</p>
        {r.status === 'closed' ? <p class="muted">{t('sr.closedNote')}</p> : null}
        <ul class="sr-tasks">
          {r.tasks.map((task) => (
            <TaskCard
              page={page}
              request={r}
              task={task}
              canWrite={props.canWrite}
              form={props.taskForm?.contractorId === task.contractorId ? props.taskForm.form : undefined}
            />
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/**
 * The confirmation step before closing: the outcome, and with a refusal its ground and the
 * reason told to the person; a required box confirms it. The contractors still to answer
 * are named when the server refuses (subject-request-open-tasks).
 */
export function CloseSubjectRequestPage(props: { page: PageContext; request: SubjectRequestView; form?: FormState }) {
  const { page, request: r } = props;
  const form = props.form ?? emptyForm();
  const { t, label } = page.i18n;
  const title = t('sr.closeTitle', { ref: r.reference });
  const open = r.tasks.filter((x) => !x.answeredOn).map((x) => x.contractorName);
  const sep = page.i18n.lang === 'ja' ? '、' : ', ';
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/subject-requests/${r.id}`}>{t('sr.back')}</a>
      </p>
      <FormSummary page={page} form={form} />
      {r.status === 'closed' ? (
        <p class="notice">{t('sr.alreadyClosed')}</p>
      ) : (
        <>
          {open.length && !form.summary ? (
            <p class="notice warn" role="status">
              {t('sr.openTasks', { names: open.join(sep) })}
            </p>
          ) : null}
          <form method="post" action={`/subject-requests/${r.id}/close`} novalidate>
            <FormTokens page={page} />
            <p class="notice">{t('sr.closeConfirm')}</p>
            <Choice
              form={form}
              name="outcome"
              label={t('sr.outcome')}
              blank={t('sr.choose')}
              options={subjectRequestOutcomes.map((o) => ({ value: o, text: label(labels.subjectRequestOutcome, o) }))}
            />
            <Choice
              form={form}
              name="refusalGround"
              label={t('sr.refusalGround')}
              hint={t('sr.refusalGroundHint')}
              blank="—"
              options={refusalGrounds.map((g) => ({ value: g, text: label(labels.refusalGround, g) }))}
            />
            <HintedText
              form={form}
              name="refusalReason"
              label={t('sr.refusalReason')}
              hint={t('sr.refusalReasonHint')}
            />
            <div>
              <label class="check">
                <input
                  type="checkbox"
                  name="confirm"
                  checked={checked(form.values, 'confirm')}
                  aria-invalid={form.errors.confirm ? 'true' : undefined}
                  aria-describedby={form.errors.confirm ? 'confirm-error' : undefined}
                />{' '}
                {t('sr.confirm')}
              </label>
              <FieldError id="confirm" error={form.errors.confirm} />
            </div>
            <p class="actions">
              <button type="submit" class="danger">
                {t('sr.close')}
              </button>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}
