import type { QuestionnaireRow } from '../../../db/schema';
import { invitationOutboxRow } from '../../notify/questionnaire-outbox';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { isUniqueViolation, type Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { encryptSecret } from '../../platform/keys';
import { type FieldError, fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { getReviewRow, OPEN_STATUSES } from '../reviews/reviews.repo';
import { defaultExpiry, endOfDay, type QuestionnaireView, viewOf } from './questionnaires.present';
import { questionnaireProblem, wrongStatus } from './questionnaires.problems';
import {
  EDITABLE_STATUSES,
  findUnrevokedForReview,
  insertOutbox,
  insertQuestionnaire,
  LIVE_STATUSES,
  type QuestionnaireListRow,
  questionnaireUpdate,
  reviewerComments,
} from './questionnaires.repo';
import { getQuestionnaireRow } from './staff.reads';
import type { ReturnQuestionnaireInput, SendQuestionnaireInput } from './staff.schemas';
import { findTemplate } from './templates.service';

export {
  contractorsWithQuestionnaires,
  countQuestionnaires,
  findQuestionnaireForReview,
  getQuestionnaire,
  listQuestionnaires,
} from './staff.reads';

/**
 * Compliance's side of a self-assessment questionnaire (委託先チェックシート): sending it
 * for a review with a link of its own, and taking the answers back. APPI Art. 25 asks the
 * principal to supervise the contractor; the PPC General Guidelines §3-4-4 name a regular
 * check of its handling, which this collects in the contractor's own words.
 */

export interface SentQuestionnaire {
  questionnaire: QuestionnaireView;
  respondentUrl: string;
}

const is = (status: string, statuses: readonly string[]) => statuses.includes(status);

/** A fresh link: 32 random bytes; only its SHA-256 finds the questionnaire, the sealed copy serves reminders. */
async function newLink(ctx: ServiceContext, questionnaireId: string, baseUrl: string) {
  const token = randomToken('itq');
  return {
    tokenHash: await sha256Hex(token),
    tokenSealed: await encryptSecret(ctx.audit.keys, token, `questionnaire:${questionnaireId}`),
    respondentUrl: `${baseUrl.replace(/\/+$/, '')}/respond/${token}`,
  };
}

/** The invitation, queued in the same unit, when itaku sends e-mail at all. */
const invitation = (ctx: ServiceContext, row: QuestionnaireRow, at: string): Statement[] =>
  ctx.config.smtpUrl ? [insertOutbox(ctx.db, invitationOutboxRow(row, at))] : [];

const exists = () =>
  questionnaireProblem(
    409,
    'questionnaire-exists',
    'This review already has a questionnaire; revoke it to send another.',
  );

export async function sendQuestionnaire(
  ctx: ServiceContext,
  reviewId: string,
  input: SendQuestionnaireInput,
  baseUrl: string,
): Promise<SentQuestionnaire> {
  const review = await getReviewRow(ctx.db, reviewId);
  if (!is(review.status, OPEN_STATUSES)) {
    throw new ProblemError(409, 'review-closed', `This review is already ${review.status}; it takes no questionnaire.`);
  }
  const today = ctx.clock.today();
  const errors: FieldError[] = [];
  const template = await findTemplate(ctx, input.templateId);
  if (!template) errors.push(fieldError('templateId', 'noSuchTemplate', { id: input.templateId }));
  else if (template.archivedAt) errors.push(fieldError('templateId', 'templateArchived'));
  if (input.dueDate < today) errors.push(fieldError('dueDate', 'notInPast'));
  if (input.expiresOn && input.expiresOn < input.dueDate) errors.push(fieldError('expiresOn', 'expiresBeforeDue'));
  if (errors.length || !template) throw invalidFields(errors);
  if (await findUnrevokedForReview(ctx.db, reviewId)) throw exists();

  const id = newId();
  const at = ctx.clock.now().toISOString();
  const link = await newLink(ctx, id, baseUrl);
  const row: QuestionnaireRow = {
    id,
    reviewId,
    contractorId: review.contractorId,
    templateId: template.id,
    templateVersion: template.version,
    template: { id: template.id, name: template.name, version: template.version, sections: template.sections },
    language: input.language,
    recipientName: input.recipientName,
    recipientEmail: input.recipientEmail,
    dueDate: input.dueDate,
    expiresAt: input.expiresOn
      ? endOfDay(input.expiresOn, ctx.config.timeZone)
      : defaultExpiry(input.dueDate, ctx.config.timeZone),
    status: 'sent',
    tokenHash: link.tokenHash,
    tokenSealed: link.tokenSealed,
    sentAt: at,
    sentBy: ctx.actor.id,
    submittedAt: null,
    returnedAt: null,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
    revokedBy: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const contractorName = (await findContractor(ctx.db, review.contractorId))?.name ?? '';
  const view = viewOf(ctx, { ...row, contractorName, answeredCount: 0 });
  try {
    await writeAudited(
      ctx,
      [insertQuestionnaire(ctx.db, row), ...invitation(ctx, row, at)],
      [{ action: 'questionnaire.send', entityType: 'questionnaire', entityId: id, after: view }],
    );
  } catch (err) {
    // Two sends at once: the partial unique index lets one questionnaire per review live.
    if (isUniqueViolation(err, 'questionnaires.review_id')) throw exists();
    throw err;
  }
  return { questionnaire: view, respondentUrl: link.respondentUrl };
}

/** Commits a staff transition at the version read; a respondent's save meanwhile makes it 412. */
async function transition(
  ctx: ServiceContext,
  current: QuestionnaireListRow,
  next: QuestionnaireRow,
  extra: Statement[],
  event: { action: string },
): Promise<QuestionnaireView> {
  const before = viewOf(ctx, current);
  const after = viewOf(ctx, { ...next, contractorName: current.contractorName, answeredCount: current.answeredCount });
  const { contractorName: _n, answeredCount: _a, ...stored } = current;
  await commitVersioned(
    ctx,
    [...questionnaireUpdate(ctx.db, stored, next), ...extra],
    [{ action: event.action, entityType: 'questionnaire', entityId: current.id, before, after }],
  );
  return after;
}

const bumped = (
  ctx: ServiceContext,
  current: QuestionnaireListRow,
  change: Partial<QuestionnaireRow>,
): QuestionnaireRow => {
  const { contractorName: _n, answeredCount: _a, ...row } = current;
  return { ...row, ...change, updatedAt: ctx.clock.now().toISOString(), version: current.version + 1 };
};

/** The questionnaire at the version If-Match names (412), in a status `from` that allows the step (409). */
async function changeable(
  ctx: ServiceContext,
  id: string,
  ifMatch: string | undefined,
  from: readonly string[],
  step: string,
): Promise<QuestionnaireListRow> {
  const current = await getQuestionnaireRow(ctx, id);
  checkIfMatch(ifMatch, current.version);
  if (!is(current.status, from)) throw wrongStatus(current, step);
  return current;
}

/** Submitted → returned, with a comment per question: the link takes answers again. */
export async function returnQuestionnaire(
  ctx: ServiceContext,
  id: string,
  input: ReturnQuestionnaireInput,
  ifMatch?: string,
): Promise<QuestionnaireView> {
  const current = await changeable(ctx, id, ifMatch, ['submitted'], 'returned');
  const known = new Set(current.template.sections.flatMap((s) => s.questions.map((q) => q.id)));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  input.comments.forEach((c, i) => {
    if (!known.has(c.questionId))
      errors.push(fieldError(`comments.${i}.questionId`, 'noSuchQuestion', { id: c.questionId }));
    else if (seen.has(c.questionId))
      errors.push(fieldError(`comments.${i}.questionId`, 'duplicateId', { id: c.questionId }));
    seen.add(c.questionId);
  });
  if (errors.length)
    throw new ProblemError(422, 'validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  const at = ctx.clock.now().toISOString();
  const next = bumped(ctx, current, { status: 'returned', returnedAt: at });
  return transition(ctx, current, next, reviewerComments(ctx.db, id, input.comments, at), {
    action: 'questionnaire.return',
  });
}

/** A step that ends answering through the link, recording who took it and when. */
interface Settling {
  from: readonly string[];
  status: 'accepted' | 'revoked';
  stamp: (at: string, by: string) => Partial<QuestionnaireRow>;
  action: string;
}

/** Submitted → accepted: the answers are final and the link read-only for good. */
const ACCEPT: Settling = {
  from: ['submitted'],
  status: 'accepted',
  stamp: (at, by) => ({ acceptedAt: at, acceptedBy: by }),
  action: 'questionnaire.accept',
};

/** Any live questionnaire → revoked: the link answers 410, and the review may get a new one. */
const REVOKE: Settling = {
  from: LIVE_STATUSES,
  status: 'revoked',
  stamp: (at, by) => ({ revokedAt: at, revokedBy: by }),
  action: 'questionnaire.revoke',
};

async function settle(ctx: ServiceContext, id: string, ifMatch: string | undefined, step: Settling) {
  const current = await changeable(ctx, id, ifMatch, step.from, step.status);
  const next = bumped(ctx, current, {
    status: step.status,
    ...step.stamp(ctx.clock.now().toISOString(), ctx.actor.id),
  });
  return transition(ctx, current, next, [], { action: step.action });
}

export const acceptQuestionnaire = (ctx: ServiceContext, id: string, ifMatch?: string): Promise<QuestionnaireView> =>
  settle(ctx, id, ifMatch, ACCEPT);

export const revokeQuestionnaire = (ctx: ServiceContext, id: string, ifMatch?: string): Promise<QuestionnaireView> =>
  settle(ctx, id, ifMatch, REVOKE);

/**
 * A new link for a questionnaire still awaiting answers: the old link stops working, the
 * expiry moves to 30 days after the due date when that is later, and the invitation goes again.
 */
export async function resendQuestionnaire(
  ctx: ServiceContext,
  id: string,
  baseUrl: string,
  ifMatch?: string,
): Promise<SentQuestionnaire> {
  const current = await changeable(ctx, id, ifMatch, EDITABLE_STATUSES, 'sent again');
  const link = await newLink(ctx, id, baseUrl);
  // Instants as RFC 3339 UTC strings compare as they sort: the later expiry wins.
  const expiresAt =
    [defaultExpiry(current.dueDate, ctx.config.timeZone), current.expiresAt].sort()[1] ?? current.expiresAt;
  const next = bumped(ctx, current, { tokenHash: link.tokenHash, tokenSealed: link.tokenSealed, expiresAt });
  const questionnaire = await transition(ctx, current, next, invitation(ctx, next, next.updatedAt), {
    action: 'questionnaire.resend',
  });
  return { questionnaire, respondentUrl: link.respondentUrl };
}
