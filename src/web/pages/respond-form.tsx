import type { Context } from 'hono';
import type { FieldError, ProblemError } from '../../platform/problem';
import { type FormValues, one } from '../forms';
import { i18n, type Lang } from '../i18n';
import { fieldText, problemJa } from '../i18n/problems';
import type { RespondentView } from './respond-parts';
import { fieldName } from './respond-question';

/** The respondent's form as posted: what changed, the files chosen, and what was refused where. */

export interface ChangedAnswer {
  questionId: string;
  value?: string | null;
  comment?: string | null;
}

/**
 * The answers the respondent changed on this page, each field compared with what the page
 * showed: only changed fields are sent, so two tabs saving at once each write their own
 * changes and neither undoes the other's. An emptied field clears the answer.
 */
export function changedAnswers(view: RespondentView, values: FormValues): ChangedAnswer[] {
  const changed: ChangedAnswer[] = [];
  for (const q of view.template.sections.flatMap((s) => s.questions)) {
    const answer: ChangedAnswer = { questionId: q.id };
    const value = one(values, fieldName.value(q.id));
    if (q.type !== 'file' && value !== one(values, fieldName.shownValue(q.id)))
      answer.value = value.trim() ? value : null;
    const comment = one(values, fieldName.comment(q.id));
    if (comment !== one(values, fieldName.shownComment(q.id))) answer.comment = comment.trim() ? comment : null;
    if (answer.value !== undefined || answer.comment !== undefined) changed.push(answer);
  }
  return changed;
}

/**
 * What the service refused, by question: `answers.<i>.…` names the i-th answer sent,
 * `answers.<questionId>` a question (the submit), `file` the question a file was for.
 */
export function errorsByQuestion(
  err: ProblemError,
  lang: Lang,
  view: RespondentView,
  sent: readonly ChangedAnswer[],
  fileFor?: string,
): Record<string, string> {
  const ids = new Set(view.template.sections.flatMap((s) => s.questions.map((q) => q.id)));
  const out: Record<string, string> = {};
  const rest: string[] = [];
  const put = (id: string, e: FieldError) => {
    out[id] = out[id] ? `${out[id]} ${fieldText(e, lang)}` : fieldText(e, lang);
  };
  for (const e of err.errors ?? []) {
    const index = /^answers(?:\.|\[)(\d+)\]?(?:\.|$)/.exec(e.path)?.[1];
    const byIndex = index === undefined ? undefined : sent[Number(index)]?.questionId;
    const byId = e.path.startsWith('answers.') ? e.path.slice('answers.'.length) : undefined;
    if (byIndex) put(byIndex, e);
    else if (byId && ids.has(byId)) put(byId, e);
    else if (fileFor && ids.has(fileFor) && (e.path === 'file' || e.path === 'questionId')) put(fileFor, e);
    else rest.push(fieldText(e, lang));
  }
  if (rest.length || Object.keys(out).length === 0) {
    const rule = lang === 'ja' ? (problemJa(err.slug) ?? i18n(lang).t('respond.checkAnswers')) : err.detail;
    out.form = [rule, ...rest].join(' ');
  }
  return out;
}

/** The form's text fields (a multipart form's files are read separately). */
export async function readValues(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') values[key] = value;
  }
  return values;
}

/** The files chosen in the form, by question id. */
export async function chosenFiles(c: Context): Promise<[string, File][]> {
  const body = await c.req.parseBody({ all: true });
  const prefix = fieldName.file('');
  return Object.entries(body).flatMap(([key, value]) => {
    const file = Array.isArray(value) ? value.find((v) => v instanceof File) : value;
    return key.startsWith(prefix) && file instanceof File && file.size > 0
      ? [[key.slice(prefix.length), file] as [string, File]]
      : [];
  });
}
