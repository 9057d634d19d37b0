import type { OutboxRow } from '../../db/schema';
import type { ServiceContext } from '../platform/app-env';
import { decryptSecret } from '../platform/keys';
import type { MailMessage } from '../platform/mailer';
import { toOneLine } from '../platform/text-output';
import { type MailQuestionnaire, questionnaireForMail } from './questionnaire-mail.repo';
import {
  isAwaitingAnswers,
  linkTag,
  type ReminderPayload,
  type ReminderStage,
  reminderStage,
} from './questionnaire-outbox';

type Lang = 'ja' | 'en';

/** What delivery does with a questionnaire e-mail: send it, drop it on purpose, or try again later. */
export type QuestionnaireMail = { send: MailMessage } | { skip: string } | { retry: string };

type MailDeps = Pick<ServiceContext, 'db' | 'clock' | 'config' | 'audit'>;

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }),
};
/** A civil date as the language writes it (at UTC midnight, so no zone moves it a day). */
const civil = (lang: Lang, date: string) => dateFormats[lang].format(new Date(`${date}T00:00:00Z`));
/** An instant in the organisation's zone, with the zone named: the contractor may be elsewhere. */
const instant = (lang: Lang, iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(iso));

/**
 * Composes an invitation or a reminder at delivery, from the questionnaire as it is now:
 * one that can no longer be answered (submitted, accepted, revoked, expired), whose link
 * was replaced since the message was queued, or a reminder whose day has passed, is not
 * mailed: the contractor would get a dead link or a stale request. The link is rebuilt
 * from the sealed token, which only the holder of ITAKU_AUDIT_KEY can open.
 */
export async function composeQuestionnaireMail(
  deps: MailDeps,
  row: OutboxRow,
  baseUrl: string,
): Promise<QuestionnaireMail> {
  const payload = JSON.parse(row.payload) as Partial<ReminderPayload>;
  const q = payload.questionnaireId ? await questionnaireForMail(deps.db, payload.questionnaireId) : null;
  if (!q) return { skip: 'not sent: the questionnaire does not exist' };
  if (!isAwaitingAnswers(q.status)) return { skip: `not sent: the questionnaire is ${q.status}` };
  if (q.expiresAt <= deps.clock.now().toISOString()) return { skip: 'not sent: the link has expired' };
  const reminder = row.eventType === 'questionnaire.reminder';
  const queuedFor = reminder ? payload.tokenHashPrefix : row.eventId.split(':').at(-1);
  if (queuedFor !== linkTag(q.tokenHash)) return { skip: 'not sent: the link was replaced since it was queued' };
  let stage: ReminderStage | null = null;
  if (reminder) {
    const today = deps.clock.today();
    stage = reminderStage(q.dueDate, today);
    // A retry that runs into the next day would repeat what that day's reminder says.
    if (stage !== payload.stage || (stage === 'overdue' && payload.on !== today)) {
      return { skip: 'not sent: a later reminder replaces it' };
    }
  }
  let token: string;
  try {
    token = await decryptSecret(deps.audit.keys, q.tokenSealed, `questionnaire:${q.id}`);
  } catch {
    return { retry: 'cannot decrypt the respondent link (was ITAKU_AUDIT_KEY changed?)' };
  }
  const link = `${baseUrl.replace(/\/$/, '')}/respond/${encodeURIComponent(token)}`;
  const organization = toOneLine(deps.config.organizationName ?? 'itaku');
  const mail = questionnaireMailText(q, stage, { link, organization, timeZone: deps.config.timeZone });
  // Plain text only: no HTML part to render a forged link in.
  return { send: { to: toOneLine(row.target), subject: mail.subject, text: mail.text, html: '' } };
}

interface MailContext {
  link: string;
  organization: string;
  timeZone: string;
}

/**
 * The message in the questionnaire's language. Every stored value passes through
 * toOneLine(): a name holding a line break can add neither a header nor a line.
 */
export function questionnaireMailText(
  q: MailQuestionnaire,
  stage: ReminderStage | null,
  c: MailContext,
): { subject: string; text: string } {
  const lang: Lang = q.language === 'en' ? 'en' : 'ja';
  const v = {
    contractor: toOneLine(q.contractorName),
    recipient: toOneLine(q.recipientName),
    due: civil(lang, q.dueDate),
    expires: instant(lang, q.expiresAt, c.timeZone),
    started: q.status === 'in_progress',
    returned: q.status === 'returned',
  };
  return lang === 'ja' ? japanese(v, stage, c) : english(v, stage, c);
}

type Values = {
  contractor: string;
  recipient: string;
  due: string;
  expires: string;
  started: boolean;
  returned: boolean;
};

function japanese(v: Values, stage: ReminderStage | null, c: MailContext) {
  const subject = {
    invitation: `【ご依頼】委託先チェックシートのご回答のお願い（${c.organization}）`,
    soon: `【ご確認】委託先チェックシートの回答期限が近づいています（${c.organization}）`,
    due: `【本日期限】委託先チェックシートの回答期限は本日です（${c.organization}）`,
    overdue: `【再送】委託先チェックシートの回答期限を過ぎています（${c.organization}）`,
  }[stage ?? 'invitation'];
  const lead = {
    invitation: [
      `${c.organization}です。`,
      '個人情報の保護に関する法律第25条に基づく委託先の監督の一環として、',
      '貴社における個人データの取扱状況について、委託先チェックシート（自己点検）への',
      'ご回答をお願いしております。',
      'ご多忙のところ恐縮ですが、下記のリンクより回答期限までにご回答くださいますよう',
      'お願い申し上げます。',
    ],
    soon: [
      `${c.organization}です。`,
      `先日ご依頼いたしました委託先チェックシートについて、回答期限（${v.due}）が近づいてまいりましたので、`,
      'ご連絡いたしました。',
    ],
    due: [`${c.organization}です。`, `委託先チェックシートの回答期限は本日（${v.due}）です。`],
    overdue: [
      `${c.organization}です。`,
      `委託先チェックシートの回答期限（${v.due}）を過ぎておりますが、現時点でご回答を確認できておりません。`,
      'お手数ですが、早急にご回答くださいますようお願い申し上げます。',
    ],
  }[stage ?? 'invitation'];
  const text = [
    v.contractor,
    `${v.recipient} 様`,
    '',
    'いつも大変お世話になっております。',
    ...lead,
    ...(stage && v.started ? ['途中まで保存いただいた回答は、同じリンクから続けてご入力いただけます。'] : []),
    ...(stage && v.returned
      ? ['一部の設問について確認のコメントをお送りしております。コメントをご確認のうえ、再度ご提出ください。']
      : []),
    ...(stage ? ['なお、本メールと行き違いでご回答いただいた場合は、ご容赦ください。'] : []),
    '',
    '■ ご回答用リンク',
    c.link,
    '',
    '■ 回答期限',
    v.due,
    '',
    '■ リンクの有効期限',
    v.expires,
    '',
    ...(stage ? [] : ['・回答は途中で保存し、後から続けてご入力いただけます。']),
    '・根拠資料（プライバシーマーク・ISMS の認証書、規程類など）は、各設問にファイルを添付してご提出いただけます。',
    `・このリンクは ${v.recipient} 様専用です。リンクを知っている方は誰でも回答を閲覧・編集できるため、`,
    '  第三者への転送はお控えください。',
    '・ご担当者が変更になった場合や、お心当たりのない場合は、弊社担当者までお知らせください。',
    '',
    'ご不明な点がございましたら、お気軽にお問い合わせください。',
    '何卒よろしくお願い申し上げます。',
    '',
    '--',
    c.organization,
    '（このメールは委託先管理システム itaku から送信しています）',
  ];
  return { subject, text: text.join('\n') };
}

function english(v: Values, stage: ReminderStage | null, c: MailContext) {
  const subject = {
    invitation: `Request: please complete our contractor self-assessment (${c.organization})`,
    soon: `Reminder: the contractor self-assessment is due soon (${c.organization})`,
    due: `Reminder: the contractor self-assessment is due today (${c.organization})`,
    overdue: `Overdue: the contractor self-assessment was due on ${v.due} (${c.organization})`,
  }[stage ?? 'invitation'];
  const lead = {
    invitation: [
      `As part of our supervision of contractors that handle personal data on our behalf`,
      `(Act on the Protection of Personal Information, Article 25), ${c.organization} asks you`,
      'to complete a self-assessment of how your company handles that data.',
      'Please answer it through the link below by the due date.',
    ],
    soon: [`This is a reminder that the self-assessment we sent you is due on ${v.due}.`],
    due: [`This is a reminder that the self-assessment we sent you is due today, ${v.due}.`],
    overdue: [
      `The self-assessment we sent you was due on ${v.due}, and we have not yet received your answers.`,
      'Please complete it as soon as possible.',
    ],
  }[stage ?? 'invitation'];
  const text = [
    `Dear ${v.recipient},`,
    v.contractor,
    '',
    ...lead,
    ...(stage && v.started ? ['The answers you saved are kept: the same link takes you back to them.'] : []),
    ...(stage && v.returned
      ? ['We have asked for clarification on some answers: please see the comments and submit again.']
      : []),
    ...(stage ? ['If you have submitted your answers in the meantime, please disregard this message.'] : []),
    '',
    'Your link:',
    c.link,
    '',
    `Due date: ${v.due}`,
    `The link works until: ${v.expires}`,
    '',
    ...(stage ? [] : ['- You can save a draft and come back to it later.']),
    '- Evidence (a Privacy Mark or ISMS certificate, policies, audit reports) can be attached to each question.',
    `- This link is personal to you: anyone who has it can read and change the answers, so please do not forward it.`,
    '- If someone else should answer, or you did not expect this message, please let your contact at our company know.',
    '',
    'Thank you for your cooperation.',
    '',
    '--',
    c.organization,
    '(sent by itaku, our contractor supervision system)',
  ];
  return { subject, text: text.join('\n') };
}
