import { labels } from '../../i18n/labels';
import type { AlertView } from '../../modules/alerts/alerts.service';
import type { I18n } from '../i18n';
import { Badge } from '../layout';

/** An alert as the inbox shows it: names instead of ids, and whether its condition still holds. */
export type InboxAlert = AlertView & {
  contractorName: string;
  acknowledgedByName: string | null;
  resolvedByName: string | null;
  /** The condition still holds: resolving it now, the next sweep raises it again. */
  recurs: boolean;
};

const SUBJECT_KEYS = {
  review: 'alr.subject.review',
  agreement: 'alr.subject.agreement',
  finding: 'alr.subject.finding',
  contractor: 'alr.subject.contractor',
  incident: 'alr.subject.incident',
  document: 'alr.subject.document',
  questionnaire: 'alr.subject.questionnaire',
  subject_request: 'alr.subject.subjectRequest',
} as const;

/** Where the record an alert is about is seen and put right. */
export function subjectLink(a: Pick<AlertView, 'subjectType' | 'subjectId' | 'contractorId'>): string {
  switch (a.subjectType) {
    case 'review':
      return `/reviews/${a.subjectId}`;
    case 'agreement':
      return `/agreements/${a.subjectId}/edit`;
    case 'incident':
      return `/incidents/${a.subjectId}`;
    case 'finding':
      return `/contractors/${a.contractorId}#findings`;
    case 'document':
      return `/documents/${a.subjectId}`;
    case 'questionnaire':
      return `/questionnaires/${a.subjectId}`;
    case 'subject_request':
      return `/subject-requests/${a.subjectId}`;
    default:
      return `/contractors/${a.contractorId}`;
  }
}

export const subjectText = (i18n: I18n, type: string) =>
  i18n.t(SUBJECT_KEYS[type as keyof typeof SUBJECT_KEYS] ?? 'alr.subject.contractor');

/** What the sweep writes when a condition clears, in the reader's words. */
export function noteText(i18n: I18n, a: Pick<AlertView, 'resolvedBy' | 'resolutionNote'>): string | null {
  if (a.resolvedBy === 'system' && a.resolutionNote === 'condition cleared') return i18n.t('alr.cleared');
  return a.resolutionNote;
}

/** Who handled the alert and when, in words: acknowledged, resolved (with the note). */
export function Handling(props: { i18n: I18n; a: InboxAlert }) {
  const { t, label, dateTime } = props.i18n;
  const { a } = props;
  const note = noteText(props.i18n, a);
  return (
    <>
      <Badge value={a.status} label={label(labels.alertStatus, a.status)} />
      {a.escalatedAt ? <div class="critical">{t('al.escalated')}</div> : null}
      {a.acknowledgedAt ? (
        <div class="muted">
          {t('alr.acknowledgedBy', { who: a.acknowledgedByName ?? '', at: dateTime(a.acknowledgedAt) })}
        </div>
      ) : null}
      {a.resolvedAt ? (
        <div>{t('alr.resolvedBy', { who: a.resolvedByName ?? '', at: dateTime(a.resolvedAt) })}</div>
      ) : null}
      {note ? (
        <blockquote class="note">
          <span class="visually-hidden">{t('al.note')}: </span>
          {note}
        </blockquote>
      ) : null}
    </>
  );
}
