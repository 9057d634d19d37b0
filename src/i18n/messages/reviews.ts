import type { ChecklistCategory } from '../../domain/selection';
import { labels } from '../labels';
import type { Lang } from '../language';
import { type Entry, entry } from '../message-entry';

/** The measures of 通則編 10 by their full names and section, as a refusal names them. */
const measures: Record<ChecklistCategory, { ja: string; en: string }> = {
  basicPolicy: { ja: '基本方針の策定（10-1）', en: 'the basic policy (10-1)' },
  handlingRules: { ja: '個人データの取扱いに係る規律の整備（10-2）', en: 'the handling rules (10-2)' },
  organizational: { ja: '組織的安全管理措置（10-3）', en: 'the organisational measures (10-3)' },
  human: { ja: '人的安全管理措置（10-4）', en: 'the human measures (10-4)' },
  physical: { ja: '物理的安全管理措置（10-5）', en: 'the physical measures (10-5)' },
  technical: { ja: '技術的安全管理措置（10-6）', en: 'the technical measures (10-6)' },
  externalEnvironment: { ja: '外的環境の把握（10-7）', en: 'the external environment (10-7)' },
};

// A missing parameter reads as empty, like every message's (fieldMessage).
const measure = (category: string | undefined, lang: Lang) =>
  (category && Object.hasOwn(measures, category) ? measures[category as ChecklistCategory][lang] : category) ?? '';
const rating = (value: string | undefined, lang: Lang) =>
  (value && Object.hasOwn(labels.checklistRating, value)
    ? labels.checklistRating[value as keyof typeof labels.checklistRating][lang]
    : value) ?? '';

/** Field messages of reviews, their checklist and the selection of contractors. */
export const reviewMessages = {
  // 通則編 3-4-4 (1): each item is confirmed before the contractor is chosen.
  selectionNotAssessed: entry<{ category: string }>(
    (p) => `not assessed by the selection review: ${measure(p.category, 'en')}; it must be confirmed before approval`,
    (p) => `選定評価で${measure(p.category, 'ja')}が未評価です。承認の前に確認が必要です`,
  ),
  selectionInadequate: entry<{ category: string }>(
    (p) => `rated “${rating('inadequate', 'en')}” by the selection review: ${measure(p.category, 'en')}`,
    (p) => `選定評価で${measure(p.category, 'ja')}が「${rating('inadequate', 'ja')}」と評価されています`,
  ),
  selectionBelowCriterion: entry<{ category: string; rating: string; minimum: string }>(
    (p) =>
      `rated “${rating(p.rating, 'en')}” by the selection review: ${measure(p.category, 'en')}; the selection criteria ask for at least “${rating(p.minimum, 'en')}”`,
    (p) =>
      `${measure(p.category, 'ja')}の評価が「${rating(p.rating, 'ja')}」で、選定基準（「${rating(p.minimum, 'ja')}」以上）を満たしていません`,
  ),
} satisfies Record<string, Entry<never>>;
