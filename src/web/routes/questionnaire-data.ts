/** What the questionnaire pages (and the review page's questionnaire panel) read from the services. */
import type { QuestionnaireRow } from '../../../db/schema';
import { getDocument } from '../../modules/documents/documents.service';
import {
  contractorsWithQuestionnaires,
  countQuestionnaires,
  findQuestionnaireForReview,
  listQuestionnaires,
} from '../../modules/questionnaires/staff.service';
import { listTemplates } from '../../modules/questionnaires/templates.service';
import type { ServiceContext } from '../../platform/app-env';
import type { FileNames } from '../pages/questionnaire-answers';
import type { TemplateChoice } from '../pages/questionnaire-send';
import type { QuestionnaireDetailView } from '../pages/questionnaire-shared';
import { ctxOf, type WebContext } from '../web-context';

export interface ListFilter {
  status?: QuestionnaireRow['status'];
  contractorId?: string;
  overdue?: boolean;
}

/** One page of the list with its total and the contractors it can be filtered by. */
export async function questionnairePage(ctx: ServiceContext, f: ListFilter, limit: number, cursor?: string) {
  const filter = { status: f.status, contractorId: f.contractorId, overdue: f.overdue || undefined };
  const [list, total, contractors] = await Promise.all([
    listQuestionnaires(ctx, { ...filter, limit, cursor }),
    countQuestionnaires(ctx, filter),
    contractorsWithQuestionnaires(ctx),
  ]);
  // The contractor filtered by stays choosable however long the list of choices.
  const chosen = f.contractorId && list.items[0]?.contractorId === f.contractorId ? list.items[0] : null;
  if (chosen && !contractors.some((x) => x.id === chosen.contractorId)) {
    contractors.push({ id: chosen.contractorId, name: chosen.contractorName });
  }
  return { ...list, total, contractors };
}

/** The templates a questionnaire can be sent with: built-in and custom, archived ones left out. */
export async function templateChoices(c: WebContext): Promise<TemplateChoice[]> {
  const choices: TemplateChoice[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTemplates(ctxOf(c), { limit: 200, cursor });
    choices.push(...page.items.map((x) => ({ id: x.id, name: x.name, builtIn: x.builtIn })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return choices;
}

/** The names of the evidence files of the answers; a file since deleted is left out. */
export async function fileNames(c: WebContext, q: QuestionnaireDetailView): Promise<FileNames> {
  const ids = [...new Set(q.answers.flatMap((a) => a.documentIds))];
  const found = await Promise.all(ids.map((id) => getDocument(ctxOf(c), id).catch(() => null)));
  return new Map(found.filter((d) => d !== null).map((d) => [d.id, d.fileName]));
}

/** What the review page's questionnaire panel shows: the questionnaire, what it could be sent with, its files. */
export async function reviewQuestionnaire(c: WebContext, reviewId: string, canSend: boolean) {
  const questionnaire = await findQuestionnaireForReview(ctxOf(c), reviewId);
  const [templates, files] = await Promise.all([
    canSend && !questionnaire ? templateChoices(c) : [],
    questionnaire ? fileNames(c, questionnaire) : undefined,
  ]);
  return { questionnaire, templates, files };
}
