import { builtInTemplates } from '../../domain/questionnaire/appi-standard';
import { type QuestionnaireTemplate, questionCount } from '../../domain/questionnaire/template';
import type { ServiceContext } from '../../platform/app-env';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { notFound } from '../../platform/problem';

/** Templates by id: today only the built-in ones, which need no database. */
const byId = [...builtInTemplates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const summary = (t: QuestionnaireTemplate) => ({
  id: t.id,
  name: t.name,
  version: t.version,
  sectionCount: t.sections.length,
  questionCount: questionCount(t),
});

export async function listTemplates(_ctx: ServiceContext, query: { limit: number; cursor?: string }) {
  const after = decodeCursor<[string]>(query.cursor, ['string'])?.[0];
  const rest = after === undefined ? byId : byId.filter((t) => t.id > after);
  const items = rest.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(summary),
    nextCursor: rest.length > items.length && last ? encodeCursor([last.id]) : null,
  };
}

/** A copy for the response: the built-in template itself is shared by every request. */
const view = (t: QuestionnaireTemplate) => ({
  ...t,
  sections: t.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q })) })),
});

export async function getTemplate(_ctx: ServiceContext, id: string) {
  const template = byId.find((t) => t.id === id);
  if (!template) throw notFound('Questionnaire template', id);
  return view(template);
}
