/**
 * The shape of a contractor self-assessment questionnaire (委託先チェックシート): sections of
 * questions, each in Japanese and English, each feeding one category of the review checklist.
 */
export interface Localized {
  ja: string;
  en: string;
}

/** `yes_partly_no` is answered "yes" | "partly" | "no" | "not_applicable". */
export const questionTypes = ['yes_partly_no', 'text', 'date', 'file'] as const;
export type QuestionType = (typeof questionTypes)[number];

/**
 * The review checklist categories an answer can feed: the four safety-management measures
 * of the PPC General Guidelines 10-3…10-6, the basic policy (10-1), the handling rules
 * (10-2), the grasp of the external environment (10-7), and the consignment terms
 * themselves (§3-4-4, supervision of the contractor).
 */
export const questionnaireCategories = [
  'basicPolicy',
  'handlingRules',
  'organizational',
  'human',
  'physical',
  'technical',
  'externalEnvironment',
  'consignment',
] as const;
export type QuestionnaireCategory = (typeof questionnaireCategories)[number];

/** 1: good practice, 2: expected, 3: what the guideline says must be done. */
export type Weight = 1 | 2 | 3;

export interface TemplateQuestion {
  id: string;
  text: Localized;
  type: QuestionType;
  required: boolean;
  category: QuestionnaireCategory;
  weight: Weight;
  evidence?: Localized;
}

export interface TemplateSection {
  id: string;
  title: Localized;
  questions: readonly TemplateQuestion[];
}

export interface QuestionnaireTemplate {
  id: string;
  name: Localized;
  version: number;
  sections: readonly TemplateSection[];
}

/** A question before its section lends it a category (it may name its own). */
export type QuestionDraft = Omit<TemplateQuestion, 'category'> & { category?: QuestionnaireCategory };

export const section = (
  id: string,
  title: Localized,
  category: QuestionnaireCategory,
  questions: readonly QuestionDraft[],
): TemplateSection => ({
  id,
  title,
  questions: questions.map((q) => ({ ...q, category: q.category ?? category })),
});

export const questionCount = (t: QuestionnaireTemplate): number =>
  t.sections.reduce((n, s) => n + s.questions.length, 0);

/** The answers of a `yes_partly_no` question; "not_applicable" is left out of every score. */
export const yesPartlyNoValues = ['yes', 'partly', 'no', 'not_applicable'] as const;
export type YesPartlyNo = (typeof yesPartlyNoValues)[number];

/**
 * The categories the review checklist records (a column each): the questionnaire's own
 * categories but `consignment`, whose terms the agreement records instead.
 */
export const checklistCategories = [
  'basicPolicy',
  'handlingRules',
  'organizational',
  'human',
  'physical',
  'technical',
  'externalEnvironment',
] as const satisfies readonly QuestionnaireCategory[];
export type ChecklistCategory = (typeof checklistCategories)[number];

export const templateQuestions = (t: Pick<QuestionnaireTemplate, 'sections'>): TemplateQuestion[] =>
  t.sections.flatMap((s) => s.questions);

/** A deep copy, for a snapshot or a response: the built-in templates are shared. */
export const copyTemplate = (t: QuestionnaireTemplate) => ({
  id: t.id,
  name: { ...t.name },
  version: t.version,
  sections: t.sections.map((s) => ({ ...s, title: { ...s.title }, questions: s.questions.map((q) => ({ ...q })) })),
});
