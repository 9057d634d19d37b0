import type { QuestionnaireRow } from '../../../db/schema';
import { type FieldError, ProblemError } from '../../platform/problem';

/** The rules of questionnaires, by problem type (documented under /problems/{slug}). */
type Slug =
  | 'questionnaire-exists'
  | 'questionnaire-submitted'
  | 'questionnaire-incomplete'
  | 'questionnaire-status'
  | 'built-in-template'
  | 'template-archived'
  | 'gone';

export const questionnaireProblem = (status: number, slug: Slug, detail: string, errors?: FieldError[]) =>
  new ProblemError(status, slug, detail, errors);

export const wrongStatus = (q: Pick<QuestionnaireRow, 'status'>, verb: string) =>
  questionnaireProblem(409, 'questionnaire-status', `The questionnaire is ${q.status}; it cannot be ${verb}.`);

/** One answer for an unknown link and another for one that ended: neither says whose it was. */
export const linkNotFound = () => new ProblemError(404, 'not-found', 'No questionnaire has this link.');
/** An ended link: the refusal knows the questionnaire's language, for the page that says so. */
export class LinkGone extends ProblemError {
  constructor(readonly language: QuestionnaireRow['language'] | undefined) {
    super(410, 'gone', 'This questionnaire link has expired or was withdrawn; ask the sender for a new one.');
  }
}
export const linkGone = (language?: QuestionnaireRow['language']) => new LinkGone(language);
export const submittedAlready = () =>
  questionnaireProblem(409, 'questionnaire-submitted', 'The questionnaire was submitted; the answers are read-only.');
