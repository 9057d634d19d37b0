import type { FC } from 'hono/jsx';
import type { QuestionnaireDetail } from '../../modules/questionnaires/questionnaires.present';
import { getQuestionnaire } from '../../modules/questionnaires/staff.service';
import type { FormProblem, FormValues } from '../forms';
import { may } from '../guards';
import type { ActionFormProps } from '../pages/questionnaire-actions';
import { questionnaireActions } from '../pages/questionnaire-detail';
import { forbidden } from '../refusals';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** The page of one action's form on a questionnaire (return, accept, revoke, resend). */
export type ActionFormPage = FC<ActionFormProps & { q: QuestionnaireDetail }>;

type Action = keyof ReturnType<typeof questionnaireActions>;

/**
 * An action's form, shown against the questionnaire as it is now: after a conflict, the
 * version someone else saved.
 */
export async function actionForm(
  c: WebContext,
  id: string,
  Page: ActionFormPage,
  values: FormValues,
  problem: FormProblem,
  conflict: boolean,
  status: 200 | 400 | 409 | 412,
) {
  const q = await getQuestionnaire(ctxOf(c), id);
  return c.html(
    <Page
      page={pageOf(c)}
      q={q}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
      conflict={conflict}
    />,
    status,
  );
}

/**
 * Opens an action's form for compliance while the questionnaire's status allows the action;
 * otherwise the questionnaire's page, which says where it stands.
 */
export async function openActionForm(
  c: WebContext,
  id: string,
  action: Action,
  show: () => Promise<Response>,
): Promise<Response> {
  if (!may(c, ['compliance'])) return forbidden(c);
  const q = await getQuestionnaire(ctxOf(c), id);
  if (!questionnaireActions(q)[action]) return c.redirect(`/questionnaires/${id}`, 303);
  return show();
}
