import type { QuestionnaireTemplateRow } from '../../../db/schema';
import { builtInTemplates } from '../../domain/questionnaire/appi-standard';
import {
  copyTemplate,
  type QuestionnaireTemplate,
  questionCount,
  type TemplateSection,
} from '../../domain/questionnaire/template';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import { type FieldError, fieldError, invalidFields, notFound } from '../../platform/problem';
import { questionnaireProblem } from './questionnaires.problems';
import { findTemplateRow, insertTemplate, templateRows, templateUpdate } from './questionnaires.repo';
import type { CreateTemplateInput, UpdateTemplateInput } from './questionnaires.schemas';

/**
 * Questionnaire templates: the built-in ones (code, never stored, never edited) and the
 * custom ones compliance copies from them and edits. A sent questionnaire keeps a copy of
 * its template, so an edit never changes what a contractor was asked.
 */

const builtIns = [...builtInTemplates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export interface TemplateRecord extends QuestionnaireTemplate {
  builtIn: boolean;
  basedOn: string | null;
  archivedAt: string | null;
}

const fromBuiltIn = (t: QuestionnaireTemplate): TemplateRecord => ({
  ...t,
  builtIn: true,
  basedOn: null,
  archivedAt: null,
});

const fromRow = (row: QuestionnaireTemplateRow): TemplateRecord => ({
  id: row.id,
  name: { ja: row.nameJa, en: row.nameEn },
  version: row.version,
  sections: row.sections,
  builtIn: false,
  basedOn: row.basedOn,
  archivedAt: row.archivedAt,
});

const summary = (t: TemplateRecord) => ({
  id: t.id,
  name: t.name,
  version: t.version,
  builtIn: t.builtIn,
  basedOn: t.basedOn,
  archivedAt: t.archivedAt,
  sectionCount: t.sections.length,
  questionCount: questionCount(t),
});

const copySections = (sections: readonly TemplateSection[]) =>
  copyTemplate({ id: '', name: { ja: '', en: '' }, version: 0, sections }).sections;

/** A deep copy for a response or a snapshot: the built-in template is shared by every request. */
export const templateView = (t: TemplateRecord) => ({
  id: t.id,
  name: { ...t.name },
  version: t.version,
  builtIn: t.builtIn,
  basedOn: t.basedOn,
  archivedAt: t.archivedAt,
  sections: copySections(t.sections),
});
export type TemplateView = ReturnType<typeof templateView>;

/** A built-in or custom template by id, or null. */
export async function findTemplate(ctx: ServiceContext, id: string): Promise<TemplateRecord | null> {
  const builtIn = builtIns.find((t) => t.id === id);
  if (builtIn) return fromBuiltIn(builtIn);
  const row = await findTemplateRow(ctx.db, id);
  return row ? fromRow(row) : null;
}

/** Built-in and custom templates by id; archived ones with `archived: true`. */
export async function listTemplates(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string; archived?: boolean },
) {
  const after = decodeCursor<[string]>(query.cursor, ['string'])?.[0];
  const own = await templateRows(ctx.db, { afterId: after, archived: query.archived ?? false, limit: query.limit + 1 });
  const all = [...builtIns.map(fromBuiltIn).filter((t) => after === undefined || t.id > after), ...own.map(fromRow)];
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items = all.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(summary),
    nextCursor: all.length > items.length && last ? encodeCursor([last.id]) : null,
  };
}

export async function getTemplate(ctx: ServiceContext, id: string): Promise<TemplateView> {
  const template = await findTemplate(ctx, id);
  if (!template) throw notFound('Questionnaire template', id);
  return templateView(template);
}

/** Section ids and question ids name answers and evidence: each must be unique in the template. */
function duplicateIds(sections: readonly TemplateSection[]): FieldError[] {
  const errors: FieldError[] = [];
  const sectionIds = new Set<string>();
  const questionIds = new Set<string>();
  sections.forEach((s, i) => {
    if (sectionIds.has(s.id)) errors.push(fieldError(`sections.${i}.id`, 'duplicateId', { id: s.id }));
    sectionIds.add(s.id);
    s.questions.forEach((q, j) => {
      if (questionIds.has(q.id))
        errors.push(fieldError(`sections.${i}.questions.${j}.id`, 'duplicateId', { id: q.id }));
      questionIds.add(q.id);
    });
  });
  return errors;
}

export async function createTemplate(ctx: ServiceContext, input: CreateTemplateInput): Promise<TemplateView> {
  const basedOnId = input.basedOn ?? (input.sections ? null : 'appi-standard');
  const base = basedOnId ? await findTemplate(ctx, basedOnId) : null;
  if (basedOnId && !base) throw invalidFields([fieldError('basedOn', 'noSuchTemplate', { id: basedOnId })]);
  const sections = (input.sections ?? base?.sections ?? []) as TemplateSection[];
  const errors = duplicateIds(sections);
  if (errors.length) throw invalidFields(errors);
  const at = ctx.clock.now().toISOString();
  const row: QuestionnaireTemplateRow = {
    id: newId(),
    nameJa: input.name.ja,
    nameEn: input.name.en,
    basedOn: basedOnId,
    sections: copySections(sections),
    createdBy: ctx.actor.id,
    createdAt: at,
    updatedAt: at,
    archivedAt: null,
    version: 1,
  };
  const view = templateView(fromRow(row));
  await writeAudited(
    ctx,
    [insertTemplate(ctx.db, row)],
    [{ action: 'questionnaire-template.create', entityType: 'questionnaire_template', entityId: row.id, after: view }],
  );
  return view;
}

async function customTemplate(ctx: ServiceContext, id: string, ifMatch: string | undefined) {
  if (builtIns.some((t) => t.id === id)) {
    throw questionnaireProblem(
      409,
      'built-in-template',
      `${id} is built in; copy it into a custom template to edit it.`,
    );
  }
  const row = await findTemplateRow(ctx.db, id);
  if (!row) throw notFound('Questionnaire template', id);
  checkIfMatch(ifMatch, row.version);
  if (row.archivedAt) throw questionnaireProblem(409, 'template-archived', `Template ${id} is archived.`);
  return row;
}

export async function updateTemplate(
  ctx: ServiceContext,
  id: string,
  input: UpdateTemplateInput,
  ifMatch: string | undefined,
): Promise<TemplateView> {
  const current = await customTemplate(ctx, id, ifMatch);
  if (input.sections) {
    const errors = duplicateIds(input.sections as TemplateSection[]);
    if (errors.length) throw invalidFields(errors);
  }
  const next: QuestionnaireTemplateRow = {
    ...current,
    nameJa: input.name?.ja ?? current.nameJa,
    nameEn: input.name?.en ?? current.nameEn,
    sections: (input.sections as TemplateSection[] | undefined) ?? current.sections,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const after = templateView(fromRow(next));
  await commitVersioned(ctx, templateUpdate(ctx.db, current, next), [
    {
      action: 'questionnaire-template.update',
      entityType: 'questionnaire_template',
      entityId: id,
      before: templateView(fromRow(current)),
      after,
    },
  ]);
  return after;
}

/** An archived template is no longer offered for sending; questionnaires sent with it keep their copy. */
export async function archiveTemplate(
  ctx: ServiceContext,
  id: string,
  ifMatch: string | undefined,
): Promise<TemplateView> {
  const current = await customTemplate(ctx, id, ifMatch);
  const at = ctx.clock.now().toISOString();
  const next: QuestionnaireTemplateRow = { ...current, archivedAt: at, updatedAt: at, version: current.version + 1 };
  const after = templateView(fromRow(next));
  await commitVersioned(ctx, templateUpdate(ctx.db, current, next), [
    {
      action: 'questionnaire-template.archive',
      entityType: 'questionnaire_template',
      entityId: id,
      before: { archivedAt: null, version: current.version },
      after: { archivedAt: at, version: next.version },
    },
  ]);
  return after;
}
