import { Hono } from 'hono';
import { ReturnQuestionnaireSchema } from '../../modules/questionnaires/staff.schemas';
import { returnQuestionnaire } from '../../modules/questionnaires/staff.service';
import { ProblemError } from '../../platform/problem';
import { type FormProblem, formProblem, noProblem, one } from '../forms';
import { guardedForm } from '../guards';
import { QuestionnaireReturnPage } from '../pages/questionnaire-actions';
import type { WebEnv } from '../session';
import { ctxOf, pageOf } from '../web-context';
import { actionForm, openActionForm } from './questionnaire-action-form';

/** Returning a submitted questionnaire for clarification, with a comment beside each question concerned. */
export const returnPages = new Hono<WebEnv>();

returnPages.get('/questionnaires/:id/return', async (c) => {
  const id = c.req.param('id');
  return openActionForm(c, id, 'return', () => actionForm(c, id, QuestionnaireReturnPage, {}, noProblem(), false, 200));
});

const PREFIX = 'comment.';

returnPages.post('/questionnaires/:id/return', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const page = pageOf(c);
  // The questions with a comment, in the form's order; the others are left as answered.
  const comments = Object.keys(values)
    .filter((k) => k.startsWith(PREFIX) && one(values, k).trim() !== '')
    .map((k) => ({ questionId: k.slice(PREFIX.length), comment: one(values, k).trim() }));
  if (comments.length === 0) {
    const problem = { fields: { comments: page.i18n.t('qn.return.oneRequired') }, summary: null };
    return actionForm(c, id, QuestionnaireReturnPage, values, problem, false, 400);
  }
  // A refused comment is named by its question (`comments.3.comment` → `comment.<question>`).
  const byQuestion = (problem: FormProblem): FormProblem => {
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(problem.fields)) {
      const at = /^comments\.(\d+)\./.exec(path);
      const question = at ? comments[Number(at[1])]?.questionId : undefined;
      fields[question ? `${PREFIX}${question}` : 'comments'] = message;
    }
    return { fields, summary: problem.summary };
  };
  try {
    const input = ReturnQuestionnaireSchema.parse({ comments });
    await returnQuestionnaire(ctxOf(c), id, input, one(values, 'version') || undefined);
    return c.redirect(`/questionnaires/${id}?done=returned`, 303);
  } catch (err) {
    const problem = byQuestion(formProblem(err, page.i18n.lang));
    if (err instanceof ProblemError && (err.status === 409 || err.status === 412)) {
      return actionForm(c, id, QuestionnaireReturnPage, values, problem, true, err.status as 409 | 412);
    }
    return actionForm(c, id, QuestionnaireReturnPage, values, problem, false, 400);
  }
});
