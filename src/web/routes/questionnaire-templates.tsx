import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { QuestionnaireCategory, TemplateQuestion, TemplateSection } from '../../domain/questionnaire/template';
import { UpdateTemplateSchema } from '../../modules/questionnaires/questionnaires.schemas';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  type TemplateView,
  updateTemplate,
} from '../../modules/questionnaires/templates.service';
import { fieldError, ProblemError } from '../../platform/problem';
import { checked, type FormProblem, type FormValues, formProblem, noProblem, one } from '../forms';
import { guardedForm, may } from '../guards';
import { i18n } from '../i18n';
import { pagerState } from '../pager';
import { newField, questionField, TemplateEditPage } from '../pages/questionnaire-template-edit';
import { TemplateListPage, TemplatePage } from '../pages/questionnaire-templates';
import { BadQuery, Cursor, Flag, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Questionnaire templates: the built-in ones to read and copy, compliance's own copies to edit. */
export const templatePages = new Hono<WebEnv>();

const ACT = ['compliance'] as const;
const PAGE_SIZE = 50;

const ListQuery = z.object({ cursor: Cursor });

templatePages.get('/questionnaire-templates', async (c) => {
  const { cursor } = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const list = await withQuery(() => listTemplates(ctx, { limit: PAGE_SIZE, cursor }));
  // Templates are few: the total is counted by reading them all.
  let total = 0;
  let next: string | undefined;
  do {
    const page = await listTemplates(ctx, { limit: 200, cursor: next });
    total += page.items.length;
    next = page.nextCursor ?? undefined;
  } while (next);
  return c.html(
    <TemplateListPage
      page={pageOf(c)}
      items={list.items}
      pager={{ state: pagerState(c.req.url), nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      canEdit={may(c, [...ACT])}
      notice={null}
    />,
  );
});

const ViewQuery = z.object({ saved: Flag });

templatePages.get('/questionnaire-templates/:id', async (c) => {
  const { saved } = pageQuery(c, ViewQuery);
  const template = await getTemplate(ctxOf(c), c.req.param('id'));
  const page = pageOf(c);
  return c.html(
    <TemplatePage
      page={page}
      template={template}
      builtIn={template.builtIn}
      canEdit={may(c, [...ACT])}
      notice={saved ? page.i18n.t('qn.tpl.saved') : null}
    />,
  );
});

/** A copy starts as the original under the same name, marked as a copy; its edit form follows. */
templatePages.post('/questionnaire-templates/:id/copy', async (c) => {
  const values = await guardedForm(c, [...ACT]);
  if (values instanceof Response) return values;
  const ctx = ctxOf(c);
  const original = await getTemplate(ctx, c.req.param('id'));
  // The copy is named in both languages, whichever the page is in.
  const named = (lang: 'ja' | 'en') => `${original.name[lang]}${i18n(lang).t('qn.tpl.copySuffix')}`.slice(0, 200);
  const copy = await createTemplate(ctx, { name: { ja: named('ja'), en: named('en') }, basedOn: original.id });
  return c.redirect(`/questionnaire-templates/${copy.id}/edit?copied=1`, 303);
});

// ── Editing a custom template ─────────────────────────────────────────────

const EditQuery = z.object({ section: z.string().max(64).optional(), copied: Flag, saved: Flag });

/** The section the edit form shows: the one asked for, else the first. */
function sectionOf(c: WebContext, template: TemplateView): string {
  const { section } = pageQuery(c, EditQuery);
  if (section === undefined) return template.sections[0]?.id ?? '';
  if (!template.sections.some((s) => s.id === section)) throw new BadQuery([fieldError('section', 'invalidOption')]);
  return section;
}

async function editForm(
  c: WebContext,
  template: TemplateView,
  values: FormValues,
  problem: FormProblem,
  conflict: boolean,
  status: 200 | 400 | 409 | 412,
) {
  const page = pageOf(c);
  const { copied, saved } = c.req.method === 'GET' ? pageQuery(c, EditQuery) : {};
  const notice = copied ? page.i18n.t('qn.tpl.copied') : saved ? page.i18n.t('qn.tpl.saved') : null;
  return c.html(
    <TemplateEditPage
      page={page}
      template={template}
      sectionId={sectionOf(c, template)}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
      conflict={conflict}
      notice={notice}
    />,
    status,
  );
}

templatePages.get('/questionnaire-templates/:id/edit', async (c) => {
  if (!may(c, [...ACT])) return forbidden(c);
  const id = c.req.param('id');
  const template = await getTemplate(ctxOf(c), id);
  // Built-in templates are read-only: their page offers a copy instead.
  if (template.builtIn) return c.redirect(`/questionnaire-templates/${id}`, 303);
  return editForm(c, template, {}, noProblem(), false, 200);
});

/** The category a question added to a section feeds: the one most of the section's questions feed. */
function categoryOf(section: TemplateSection): QuestionnaireCategory {
  const counts = new Map<QuestionnaireCategory, number>();
  for (const q of section.questions) counts.set(q.category, (counts.get(q.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'organizational';
}

/** An id for a question added here: the section's id and a number, unique in the template. */
function newQuestionId(section: TemplateSection, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `${section.id}-c${n}`.slice(0, 32);
    if (!taken.has(id)) return id;
  }
}

const weightOf = (v: string): number => (/^[1-3]$/.test(v) ? Number(v) : Number.NaN);

/**
 * The sections as the form changes them, over the template as saved now: a question the
 * form did not show (added by someone else meanwhile) stays as it is. `fieldOf` names the
 * form field of each `sections.i.questions.j`, so refused values are shown where typed.
 */
function sectionsFrom(template: TemplateView, values: FormValues) {
  const fieldOf = new Map<string, (field: string) => string>();
  const taken = new Set(template.sections.flatMap((s) => s.questions.map((q) => q.id)));
  const sections = template.sections.map((s, i) => {
    const questions: TemplateQuestion[] = [];
    for (const q of s.questions) {
      const f = (field: string) => questionField(q.id, field);
      if (!(f('present') in values)) {
        questions.push(q);
      } else if (!checked(values, f('remove'))) {
        fieldOf.set(`sections.${i}.questions.${questions.length}`, f);
        questions.push({
          ...q,
          text: { ja: one(values, f('textJa')).trim(), en: one(values, f('textEn')).trim() },
          required: checked(values, f('required')),
          weight: weightOf(one(values, f('weight'))) as TemplateQuestion['weight'],
        });
      }
    }
    const n = (field: string) => newField(s.id, field);
    const ja = one(values, n('textJa')).trim();
    const en = one(values, n('textEn')).trim();
    if (ja || en) {
      const id = newQuestionId(s, taken);
      taken.add(id);
      fieldOf.set(`sections.${i}.questions.${questions.length}`, n);
      questions.push({
        id,
        text: { ja, en },
        type: one(values, n('type')) as TemplateQuestion['type'],
        required: checked(values, n('required')),
        category: categoryOf(s),
        weight: weightOf(one(values, n('weight'))) as TemplateQuestion['weight'],
      });
    }
    return { ...s, questions };
  });
  return { sections, fieldOf };
}

/** Refused paths of the template (`sections.2.questions.3.text.ja`) → the form fields they were typed in. */
function onForm(
  problem: FormProblem,
  fieldOf: Map<string, (field: string) => string>,
  noQuestions: string,
): FormProblem {
  const fields: Record<string, string> = {};
  let summary = problem.summary;
  for (const [path, message] of Object.entries(problem.fields)) {
    if (path === 'name.ja' || path === 'name.en') {
      fields[path === 'name.ja' ? 'nameJa' : 'nameEn'] = message;
      continue;
    }
    const at = /^(sections\.\d+\.questions\.\d+)\.?(.*)$/.exec(path);
    const f = at ? fieldOf.get(at[1] ?? '') : undefined;
    if (f && at) {
      const rest = at[2] ?? '';
      const field = rest === 'text.en' ? 'textEn' : rest === 'weight' ? 'weight' : rest === 'type' ? 'type' : 'textJa';
      fields[f(field)] = message;
    } else if (/^sections\.\d+\.questions$/.test(path)) {
      summary = noQuestions;
    } else {
      summary = summary ?? message;
    }
  }
  return { fields, summary };
}

templatePages.post('/questionnaire-templates/:id/edit', async (c) => {
  const values = await guardedForm(c, [...ACT]);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const ctx = ctxOf(c);
  const page = pageOf(c);
  const template = await getTemplate(ctx, id);
  if (template.builtIn) return c.redirect(`/questionnaire-templates/${id}`, 303);
  const { sections, fieldOf } = sectionsFrom(template, values);
  try {
    const input = UpdateTemplateSchema.parse({
      name: { ja: one(values, 'nameJa').trim(), en: one(values, 'nameEn').trim() },
      sections,
    });
    await updateTemplate(ctx, id, input, one(values, 'version') || undefined);
    const section = encodeURIComponent(sectionOf(c, template));
    return c.redirect(`/questionnaire-templates/${id}/edit?section=${section}&saved=1`, 303);
  } catch (err) {
    const problem = onForm(formProblem(err, page.i18n.lang), fieldOf, page.i18n.t('qn.tpl.noQuestions'));
    const conflict = err instanceof ProblemError && err.status === 412;
    // After a conflict the form shows the version saved now, with the typing kept over it.
    const now = conflict ? await getTemplate(ctx, id) : template;
    const status = err instanceof ProblemError && (err.status === 409 || err.status === 412) ? err.status : 400;
    return editForm(c, now, values, problem, conflict, status as 400 | 409 | 412);
  }
});
