import { describe, expect, it } from 'vitest';
import { appiStandard } from '../../src/domain/questionnaire/appi-standard';
import { scoreQuestionnaire, suggestRating } from '../../src/domain/questionnaire/scoring';
import type { QuestionnaireTemplate, TemplateQuestion } from '../../src/domain/questionnaire/template';

/**
 * The weights come from the PPC General Guidelines (通則編) 10 別添「講ずべき安全管理措置の内容」:
 * 3 for what a business must do (「講じなければならない」), 2 for the guideline's examples of
 * how (手法の例示), 1 for good practice. yes = 1, partly = 0.5, no = 0; not applicable is left out.
 */

const q = (id: string, weight: 1 | 2 | 3, category: TemplateQuestion['category'] = 'technical'): TemplateQuestion => ({
  id,
  text: { ja: id, en: id },
  type: 'yes_partly_no',
  required: true,
  category,
  weight,
});

const template: QuestionnaireTemplate = {
  id: 't',
  name: { ja: 't', en: 't' },
  version: 1,
  sections: [
    {
      id: 's1',
      title: { ja: 's1', en: 's1' },
      questions: [
        q('a', 3),
        q('b', 3),
        q('c', 2),
        q('d', 1),
        { ...q('note', 1), type: 'text', required: false },
        { ...q('since', 1), type: 'date', required: false },
      ],
    },
    { id: 's2', title: { ja: 's2', en: 's2' }, questions: [q('e', 3, 'human'), q('f', 1, 'consignment')] },
  ],
};

const answers = (entries: Record<string, string | null>) => new Map(Object.entries(entries));

describe('scoring a questionnaire', () => {
  // technical: a(3) b(3) c(2) d(1) → 9 points possible when all apply.
  it.each([
    ['all yes', { a: 'yes', b: 'yes', c: 'yes', d: 'yes' }, 100, 'adequate'],
    ['one partly on a 1', { a: 'yes', b: 'yes', c: 'yes', d: 'partly' }, 94.4, 'adequate'],
    ['a 1 answered no: 8/9 = 88.9 %', { a: 'yes', b: 'yes', c: 'yes', d: 'no' }, 88.9, 'needs_improvement'],
    ['one required no, 6/9', { a: 'no', b: 'yes', c: 'yes', d: 'yes' }, 66.7, 'needs_improvement'],
    [
      '≥ 90 % but a required measure missing',
      { a: 'no', b: 'yes', c: 'not_applicable', d: 'not_applicable' },
      50,
      'inadequate',
    ],
    ['below 60 %', { a: 'partly', b: 'partly', c: 'partly', d: 'yes' }, 55.6, 'inadequate'],
    ['two required nos', { a: 'no', b: 'no', c: 'yes', d: 'yes' }, 33.3, 'inadequate'],
    [
      'not applicable left out',
      { a: 'yes', b: 'not_applicable', c: 'not_applicable', d: 'not_applicable' },
      100,
      'adequate',
    ],
    ['only not applicable', { a: 'not_applicable', b: 'not_applicable' }, null, 'not_assessed'],
    ['nothing answered', {}, null, 'not_assessed'],
  ] as const)('%s', (_name, given, score, rating) => {
    const result = scoreQuestionnaire(template, answers(given));
    const technical = result.categoryResults.find((c) => c.category === 'technical');
    expect(technical?.score).toBe(score);
    expect(result.suggestedChecklist.technical).toBe(rating);
  });

  it('counts answered and total per section and category, and the required nos', () => {
    const result = scoreQuestionnaire(
      template,
      answers({ a: 'no', b: 'not_applicable', c: 'yes', e: 'yes', f: 'no', note: '自由記述', since: '2026-04-01' }),
    );
    expect(result.sections).toEqual([
      { sectionId: 's1', score: 40, answered: 3, total: 4 },
      { sectionId: 's2', score: 75, answered: 2, total: 2 },
    ]);
    expect(result.categoryResults).toEqual([
      { category: 'human', score: 100, answered: 1, total: 1, noOnRequired: 0 },
      { category: 'technical', score: 40, answered: 3, total: 4, noOnRequired: 1 },
      { category: 'consignment', score: 0, answered: 1, total: 1, noOnRequired: 0 },
    ]);
    // (0 + 2 + 3 + 0) / (3 + 2 + 3 + 1): text and date questions are not scored.
    expect(result.score).toBe(55.6);
    // The seven checklist categories, whether or not the template asks about them; consignment has no column.
    expect(result.suggestedChecklist).toEqual({
      basicPolicy: 'not_assessed',
      handlingRules: 'not_assessed',
      organizational: 'not_assessed',
      human: 'adequate',
      physical: 'not_assessed',
      technical: 'inadequate',
      externalEnvironment: 'not_assessed',
    });
  });

  it('judges the thresholds on the exact share, not the rounded score', () => {
    expect(suggestRating({ earned: 8.99, possible: 10, noOnRequired: 0 })).toBe('needs_improvement');
    expect(suggestRating({ earned: 9, possible: 10, noOnRequired: 0 })).toBe('adequate');
    expect(suggestRating({ earned: 5.99, possible: 10, noOnRequired: 0 })).toBe('inadequate');
    expect(suggestRating({ earned: 6, possible: 10, noOnRequired: 1 })).toBe('needs_improvement');
  });

  it('scores the built-in template answered all yes as 100 and adequate everywhere', () => {
    const all = new Map(appiStandard.sections.flatMap((s) => s.questions).map((x) => [x.id, 'yes']));
    const result = scoreQuestionnaire(appiStandard, all);
    expect(result.score).toBe(100);
    expect(Object.values(result.suggestedChecklist)).toEqual(Array(7).fill('adequate'));
  });
});
