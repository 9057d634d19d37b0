import {
  type ChecklistCategory,
  checklistCategories,
  type QuestionnaireCategory,
  type QuestionnaireTemplate,
  questionnaireCategories,
  type TemplateQuestion,
} from './template';

/**
 * Scores a contractor's self-assessment and suggests the review checklist ratings it
 * supports. Only yes / partly / no questions count: yes = 1, partly = 0.5, no = 0, each
 * times the question's weight; "not applicable" is left out. The weights follow the
 * PPC General Guidelines (通則編) 10 別添: 3 for what a business "must" do
 * (「講じなければならない」), 2 for the guideline's examples of how, 1 for good practice.
 * The reviewer decides; the suggestion only reads the answers.
 */

export type ChecklistRating = 'adequate' | 'needs_improvement' | 'inadequate' | 'not_assessed';

export interface SectionResult {
  sectionId: string;
  /** 0–100, or null when nothing scorable was answered (all "not applicable", or none yet). */
  score: number | null;
  /** Scorable questions answered (not applicable included). */
  answered: number;
  /** Scorable questions. */
  total: number;
}

export interface CategoryResult {
  category: QuestionnaireCategory;
  score: number | null;
  answered: number;
  total: number;
  /** Weight-3 questions (what the guideline requires) answered "no". */
  noOnRequired: number;
}

export interface QuestionnaireScore {
  score: number | null;
  sections: SectionResult[];
  categoryResults: CategoryResult[];
  suggestedChecklist: Partial<Record<ChecklistCategory, ChecklistRating>>;
}

const POINTS: Record<string, number> = { yes: 1, partly: 0.5, no: 0 };

/** At or above this share, with no required measure missing, a category is adequate. */
export const ADEQUATE_RATIO = 0.9;
/** Below this share a category is inadequate. */
export const INADEQUATE_RATIO = 0.6;
/** This many required measures answered "no" make a category inadequate whatever its share. */
export const INADEQUATE_REQUIRED_NOS = 2;

interface Tally {
  earned: number;
  possible: number;
  answered: number;
  total: number;
  noOnRequired: number;
}

const emptyTally = (): Tally => ({ earned: 0, possible: 0, answered: 0, total: 0, noOnRequired: 0 });

function add(tally: Tally, question: TemplateQuestion, value: string | null | undefined): void {
  tally.total++;
  if (value === null || value === undefined) return;
  tally.answered++;
  const points = POINTS[value];
  if (points === undefined) return; // not applicable
  tally.earned += points * question.weight;
  tally.possible += question.weight;
  if (value === 'no' && question.weight === 3) tally.noOnRequired++;
}

const ratio = (t: Tally): number | null => (t.possible === 0 ? null : t.earned / t.possible);
const percent = (t: Tally): number | null => {
  const r = ratio(t);
  return r === null ? null : Math.round(r * 1000) / 10;
};

/** The rating a category's answers suggest (thresholds on the exact share, not the rounded score). */
export function suggestRating(t: Pick<Tally, 'earned' | 'possible' | 'noOnRequired'>): ChecklistRating {
  if (t.possible === 0) return 'not_assessed';
  const share = t.earned / t.possible;
  if (share < INADEQUATE_RATIO || t.noOnRequired >= INADEQUATE_REQUIRED_NOS) return 'inadequate';
  if (share >= ADEQUATE_RATIO && t.noOnRequired === 0) return 'adequate';
  return 'needs_improvement';
}

export function scoreQuestionnaire(
  template: Pick<QuestionnaireTemplate, 'sections'>,
  answers: ReadonlyMap<string, string | null>,
): QuestionnaireScore {
  const overall = emptyTally();
  const byCategory = new Map<QuestionnaireCategory, Tally>(questionnaireCategories.map((c) => [c, emptyTally()]));
  const sections: SectionResult[] = template.sections.map((section) => {
    const tally = emptyTally();
    for (const q of section.questions) {
      if (q.type !== 'yes_partly_no') continue;
      const value = answers.get(q.id);
      add(tally, q, value);
      add(overall, q, value);
      add(byCategory.get(q.category) ?? emptyTally(), q, value);
    }
    return { sectionId: section.id, score: percent(tally), answered: tally.answered, total: tally.total };
  });
  const categoryResults: CategoryResult[] = [...byCategory]
    .filter(([, t]) => t.total > 0)
    .map(([category, t]) => ({
      category,
      score: percent(t),
      answered: t.answered,
      total: t.total,
      noOnRequired: t.noOnRequired,
    }));
  const suggestedChecklist: Partial<Record<ChecklistCategory, ChecklistRating>> = {};
  for (const category of checklistCategories) {
    suggestedChecklist[category] = suggestRating(byCategory.get(category) ?? emptyTally());
  }
  return { score: percent(overall), sections, categoryResults, suggestedChecklist };
}
