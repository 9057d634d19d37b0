import type { OutboxRow, QuestionnaireRow } from '../../db/schema';
import { newId } from '../platform/ids';

/**
 * The invitation to answer a questionnaire, queued in the same unit as the questionnaire
 * (or its new link) so that it is neither lost nor sent twice. The message itself is
 * composed at delivery: the payload names the questionnaire only, never its link.
 */
export function invitationOutboxRow(q: QuestionnaireRow, at: string): OutboxRow {
  return {
    id: newId(),
    channel: 'email',
    target: q.recipientEmail,
    eventId: `questionnaire.invitation:${q.id}:${q.tokenHash.slice(0, 16)}`,
    eventType: 'questionnaire.invitation',
    payload: JSON.stringify({ questionnaireId: q.id }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    createdAt: at,
    deliveredAt: null,
  };
}
