/**
 * What a selection review must have confirmed before a contractor is approved.
 *
 * APPI Art. 25 and the PPC General Guidelines (通則編) 3-4-4 (1): when choosing a
 * contractor, the safety-management measures it takes are to be confirmed beforehand
 * (あらかじめ確認しなければならない), item by item, against the measures of 通則編 10
 * (別添「講ずべき安全管理措置の内容」) that the entrusting business itself must take:
 * - 10-1 basic policy (基本方針の策定): 「重要である」, recommended, not required;
 * - 10-2 handling rules (個人データの取扱いに係る規律の整備) and 10-3…10-6 the
 *   organisational, human, physical and technical measures: 「講じなければならない」, required;
 * - 10-7 grasp of the external environment (外的環境の把握): required when personal data is
 *   handled in a foreign country, which includes the EEA and the UK (their Art. 28
 *   designation exempts the provision, not the measure).
 * On top of that floor, the company's own selection criteria (選定基準) may ask for more.
 */

/** The checklist categories, in the order of 通則編 10 (10-1 … 10-7). */
export const checklistCategories = [
  'basicPolicy',
  'handlingRules',
  'organizational',
  'human',
  'physical',
  'technical',
  'externalEnvironment',
] as const;
export type ChecklistCategory = (typeof checklistCategories)[number];

export type ChecklistRating = 'adequate' | 'needs_improvement' | 'inadequate' | 'not_assessed';
export type Checklist = Record<ChecklistCategory, ChecklistRating>;

/** The lowest rating a criterion may ask for: below needs_improvement is inadequate, never a pass. */
export const criterionMinimums = ['adequate', 'needs_improvement'] as const;
export type CriterionMinimum = (typeof criterionMinimums)[number];

/**
 * A minimum rating per category. Only the basic policy, which the guideline does not
 * require, may have none (`null`); a required category has at least needs_improvement.
 */
export type SelectionCriteria = { basicPolicy: CriterionMinimum | null } & Record<
  Exclude<ChecklistCategory, 'basicPolicy'>,
  CriterionMinimum
>;

/** Required whatever the contractor (通則編 10-2 … 10-6). */
export const alwaysRequired: readonly ChecklistCategory[] = [
  'handlingRules',
  'organizational',
  'human',
  'physical',
  'technical',
];

/** The default criteria: the guideline's floor, nothing more. */
export const defaultCriteria: SelectionCriteria = {
  basicPolicy: null,
  handlingRules: 'needs_improvement',
  organizational: 'needs_improvement',
  human: 'needs_improvement',
  physical: 'needs_improvement',
  technical: 'needs_improvement',
  externalEnvironment: 'needs_improvement',
};

/** Whether any of the places the data is handled lies outside Japan (通則編 10-7). */
export const handledAbroad = (countries: readonly (string | null | undefined)[]): boolean =>
  countries.some((c) => typeof c === 'string' && c !== '' && c !== 'JP');

/** The categories the guideline requires confirmed for this contractor. */
export const requiredCategories = (abroad: boolean): ChecklistCategory[] =>
  checklistCategories.filter((c) => alwaysRequired.includes(c) || (c === 'externalEnvironment' && abroad));

/** Why a category stops approval. */
export type GapReason = 'not_assessed' | 'inadequate' | 'below_criterion';

export interface SelectionGap {
  category: ChecklistCategory;
  rating: ChecklistRating;
  reason: GapReason;
  /** The criterion's minimum, when one applies. */
  minimum: CriterionMinimum | null;
}

const rank: Record<ChecklistRating, number> = { not_assessed: -1, inadequate: 0, needs_improvement: 1, adequate: 2 };

/**
 * The categories of the deciding selection review that stop approval, in guideline order;
 * none means the review confirmed what it must. A category applies when the guideline
 * requires it here, or when the criteria set a minimum for it (the basic policy, when the
 * company asks for it); 10-7 applies only when the data is handled abroad.
 */
export function selectionGaps(
  checklist: Checklist,
  context: { abroad: boolean; criteria: SelectionCriteria },
): SelectionGap[] {
  const required = requiredCategories(context.abroad);
  const gaps: SelectionGap[] = [];
  for (const category of checklistCategories) {
    if (category === 'externalEnvironment' && !context.abroad) continue;
    const minimum: CriterionMinimum | null = context.criteria[category];
    if (!required.includes(category) && minimum === null) continue;
    const rating = checklist[category];
    if (rating === 'not_assessed' || rating === 'inadequate') {
      gaps.push({ category, rating, reason: rating, minimum });
    } else if (minimum !== null && rank[rating] < rank[minimum]) {
      gaps.push({ category, rating, reason: 'below_criterion', minimum });
    }
  }
  return gaps;
}
