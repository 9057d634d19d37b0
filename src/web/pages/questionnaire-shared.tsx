import type { questionnaireStatuses } from '../../../db/schema';
import type { Localized, QuestionnaireTemplate, TemplateQuestion } from '../../domain/questionnaire/template';
import { labels } from '../../i18n/labels';
import type { I18n, MessageKey } from '../i18n';
import { Badge } from '../layout';

/** What the staff pages read of a questionnaire (the service's view has these fields, and more). */
export interface QuestionnaireSummary {
  id: string;
  reviewId: string;
  contractorId: string;
  contractorName: string;
  templateName: Localized;
  templateVersion: number;
  language: 'ja' | 'en';
  recipientName: string;
  recipientEmail: string;
  dueDate: string;
  expiresAt: string;
  status: QuestionnaireStatus;
  overdue: boolean;
  expired: boolean;
  sentAt: string;
  submittedAt: string | null;
  returnedAt: string | null;
  acceptedAt: string | null;
  revokedAt: string | null;
  answeredCount: number;
  questionCount: number;
  version: number;
}

export type QuestionnaireStatus = (typeof questionnaireStatuses)[number];

export interface AnswerOf {
  questionId: string;
  value: string | null;
  comment: string | null;
}

/** The detail the questionnaire and review pages show: answers, scores and last year's answers. */
export interface QuestionnaireDetailView extends QuestionnaireSummary {
  template: QuestionnaireTemplate;
  answers: (AnswerOf & { reviewerComment: string | null; documentIds: string[] })[];
  score: number | null;
  sections: { sectionId: string; score: number | null; answered: number; total: number }[];
  categoryResults: { category: string; score: number | null; answered: number; total: number; noOnRequired: number }[];
  suggestedChecklist: Partial<Record<string, string>>;
  previous: { id: string; sentAt: string; answers: AnswerOf[] } | null;
}

/** A questionnaire still waiting on the contractor or on compliance; revoked and accepted ones are done. */
export const isLive = (s: QuestionnaireStatus) => s !== 'revoked' && s !== 'accepted';

/** The label of a status, kept in this area's dictionary (src/i18n/labels.ts has no table for it). */
export const statusText = (i18n: I18n, s: QuestionnaireStatus) => i18n.label(labels.questionnaireStatus, s);

/** Status as a badge, with "overdue" or "expired" beside it while it is still live. */
export function StatusBadges(props: { i18n: I18n; q: Pick<QuestionnaireSummary, 'status' | 'overdue' | 'expired'> }) {
  const { i18n, q } = props;
  return (
    <>
      <Badge value={`qn-${q.status}`} label={statusText(i18n, q.status)} />
      {q.expired && isLive(q.status) ? (
        <>
          {' '}
          <Badge value="overdue" label={i18n.t('qn.expired')} />
        </>
      ) : q.overdue && isLive(q.status) ? (
        <>
          {' '}
          <Badge value="overdue" label={i18n.t('qn.overdue')} />
        </>
      ) : null}
    </>
  );
}

export const inLang = (i18n: I18n, text: Localized) => text[i18n.lang] || text.ja || text.en;

const CHOICES = ['yes', 'partly', 'no', 'not_applicable'] as const;

/** An answer in words: the choice's label, a date as the page writes dates, text as typed. */
export function answerText(i18n: I18n, q: Pick<TemplateQuestion, 'type'>, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (q.type === 'yes_partly_no' && (CHOICES as readonly string[]).includes(value)) {
    return i18n.t(`qn.answer.${value}` as MessageKey);
  }
  if (q.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return i18n.date(value);
  return value;
}

/** A 0–100 score, or a dash while nothing applicable is answered. */
export const scoreText = (score: number | null | undefined) =>
  score === null || score === undefined ? '—' : `${Number.isInteger(score) ? score : score.toFixed(1)}%`;
