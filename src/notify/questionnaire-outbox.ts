import { sql } from 'drizzle-orm';
import type { OutboxRow, QuestionnaireRow } from '../../db/schema';
import { addDays } from '../domain/calendar';
import { newId } from '../platform/ids';

/** A questionnaire whose answers are still awaited: its link takes answers, and none are in yet. */
export const awaitingAnswerStatuses = ['sent', 'in_progress', 'returned'] as const;
export const isAwaitingAnswers = (status: string): boolean =>
  (awaitingAnswerStatuses as readonly string[]).includes(status);

/** The first reminder goes this many days before the due date. */
export const REMINDER_LEAD_DAYS = 7;

export type ReminderStage = 'soon' | 'due' | 'overdue';

export interface ReminderPayload {
  questionnaireId: string;
  stage: ReminderStage;
  /** The organisation's date the reminder was queued for. */
  on: string;
  /** The link it was queued for (the first 16 hex of the token's hash): a newer link makes it stale. */
  tokenHashPrefix: string;
}

/** The hash prefix that names one link of a questionnaire in its outbox rows. */
export const linkTag = (tokenHash: string): string => tokenHash.slice(0, 16);

/** Which reminder a questionnaire due on `dueDate` is owed on `today`, if any. */
export function reminderStage(dueDate: string, today: string): ReminderStage | null {
  if (today > dueDate) return 'overdue';
  if (today === dueDate) return 'due';
  return today >= addDays(dueDate, -REMINDER_LEAD_DAYS) ? 'soon' : null;
}

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
    eventId: `questionnaire.invitation:${q.id}:${linkTag(q.tokenHash)}`,
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

/**
 * The reminders a sweep owes, judged from state rather than from "due equals today + 7",
 * so that a day the sweep did not run is caught up: once while the due date is at most 7
 * days ahead (`soon`, only for an invitation sent before that window opened: one received
 * days ago needs no reminder yet), once on the due date (`due`), and once a day while
 * overdue (`overdue:<today>`), until the link expires or the answers are in. The event ids
 * make each one unique, so a second sweep that day, or one running alongside, adds nothing.
 */
export function reminderOutbox(today: string, leadEnd: string, at: string) {
  const live = sql.join(
    awaitingAnswerStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`INSERT INTO outbox (id, channel, target, event_id, event_type, payload, status, attempts,
      next_attempt_at, created_at)
    SELECT lower(hex(randomblob(16))), 'email', s.recipient_email,
      'questionnaire.reminder:' || s.id || ':' || s.stage || CASE s.stage WHEN 'overdue' THEN ':' || ${today} ELSE '' END,
      'questionnaire.reminder',
      json_object('questionnaireId', s.id, 'stage', s.stage, 'on', ${today},
        'tokenHashPrefix', substr(s.token_hash, 1, 16)),
      'pending', 0, ${at}, ${at}
    FROM (SELECT q.id, q.recipient_email, q.token_hash, q.sent_at, q.due_date,
        CASE WHEN q.due_date < ${today} THEN 'overdue' WHEN q.due_date = ${today} THEN 'due' ELSE 'soon' END AS stage
      FROM questionnaires q JOIN contractors c ON c.id = q.contractor_id
      WHERE q.status IN (${live}) AND q.due_date <= ${leadEnd} AND q.expires_at > ${at}
        AND c.status <> 'terminated') s
    WHERE s.stage <> 'soon' OR s.sent_at < date(s.due_date, ${`-${REMINDER_LEAD_DAYS} days`})
    ON CONFLICT DO NOTHING RETURNING id`;
}
