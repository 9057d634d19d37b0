import { describe, expect, it } from 'vitest';
import {
  type Checklist,
  type ChecklistRating,
  defaultCriteria,
  handledAbroad,
  requiredCategories,
  type SelectionCriteria,
  selectionGaps,
} from '../../src/domain/selection';

/**
 * What a selection review must confirm before approval: PPC General Guidelines 通則編
 * 3-4-4 (1) (each item confirmed beforehand) against the measures of 通則編 10 (別添):
 * 10-2 … 10-6 「講じなければならない」, 10-7 when the data is handled abroad, 10-1
 * 「重要である」 (recommended); and the company's own selection criteria on top.
 */
const all = (rating: ChecklistRating): Checklist => ({
  basicPolicy: rating,
  handlingRules: rating,
  organizational: rating,
  human: rating,
  physical: rating,
  technical: rating,
  externalEnvironment: rating,
});
const strict: SelectionCriteria = { ...defaultCriteria, technical: 'adequate', basicPolicy: 'needs_improvement' };
const gapsOf = (checklist: Checklist, abroad = false, criteria = defaultCriteria) =>
  selectionGaps(checklist, { abroad, criteria }).map((g) => `${g.category}:${g.reason}`);

describe('the categories a selection must confirm (通則編 3-4-4 (1), 10 別添)', () => {
  it.each([
    // [source, checklist, abroad, criteria, gaps]
    ['10-2…10-6 required: all confirmed', all('needs_improvement'), false, defaultCriteria, []],
    [
      '10-1 recommended only: not assessed is no gap',
      { ...all('adequate'), basicPolicy: 'not_assessed' },
      false,
      defaultCriteria,
      [],
    ],
    [
      '10-7 not required in Japan',
      { ...all('adequate'), externalEnvironment: 'not_assessed' },
      false,
      defaultCriteria,
      [],
    ],
    [
      '10-7 required abroad',
      { ...all('adequate'), externalEnvironment: 'not_assessed' },
      true,
      defaultCriteria,
      ['externalEnvironment:not_assessed'],
    ],
    [
      '10-7 inadequate abroad',
      { ...all('adequate'), externalEnvironment: 'inadequate' },
      true,
      defaultCriteria,
      ['externalEnvironment:inadequate'],
    ],
    [
      '10-2 handling rules 講じなければならない',
      { ...all('adequate'), handlingRules: 'not_assessed' },
      false,
      defaultCriteria,
      ['handlingRules:not_assessed'],
    ],
    [
      '3-4-4 (1): a satisfactory outcome over an empty checklist',
      all('not_assessed'),
      false,
      defaultCriteria,
      [
        'handlingRules:not_assessed',
        'organizational:not_assessed',
        'human:not_assessed',
        'physical:not_assessed',
        'technical:not_assessed',
      ],
    ],
    [
      '3-4-4 (1): all inadequate, abroad',
      all('inadequate'),
      true,
      defaultCriteria,
      [
        'handlingRules:inadequate',
        'organizational:inadequate',
        'human:inadequate',
        'physical:inadequate',
        'technical:inadequate',
        'externalEnvironment:inadequate',
      ],
    ],
    [
      'criteria: technical at least adequate',
      { ...all('needs_improvement'), basicPolicy: 'adequate' },
      false,
      strict,
      ['technical:below_criterion'],
    ],
    [
      'criteria: the basic policy asked for by the company',
      { ...all('adequate'), basicPolicy: 'not_assessed' },
      false,
      strict,
      ['basicPolicy:not_assessed'],
    ],
    [
      'criteria: the basic policy inadequate',
      { ...all('adequate'), basicPolicy: 'inadequate' },
      false,
      strict,
      ['basicPolicy:inadequate'],
    ],
    [
      'criteria: 10-7 abroad at least adequate',
      { ...all('adequate'), externalEnvironment: 'needs_improvement' },
      true,
      { ...defaultCriteria, externalEnvironment: 'adequate' },
      ['externalEnvironment:below_criterion'],
    ],
    [
      'criteria: 10-7 ignored in Japan',
      { ...all('adequate'), externalEnvironment: 'needs_improvement' },
      false,
      { ...defaultCriteria, externalEnvironment: 'adequate' },
      [],
    ],
  ] as [string, Checklist, boolean, SelectionCriteria, string[]][])(
    '%s',
    (_source, checklist, abroad, criteria, gaps) => {
      expect(gapsOf(checklist, abroad, criteria)).toEqual(gaps);
    },
  );

  it('names the minimum a rating falls short of, in the guideline’s order', () => {
    const gaps = selectionGaps(
      { ...all('needs_improvement'), basicPolicy: 'needs_improvement' },
      { abroad: false, criteria: { ...defaultCriteria, basicPolicy: 'adequate', technical: 'adequate' } },
    );
    expect(gaps).toEqual([
      { category: 'basicPolicy', rating: 'needs_improvement', reason: 'below_criterion', minimum: 'adequate' },
      { category: 'technical', rating: 'needs_improvement', reason: 'below_criterion', minimum: 'adequate' },
    ]);
  });

  it.each([
    [['JP'], false],
    [['JP', 'JP'], false],
    [['US'], true],
    // 10-7 covers every foreign country: the EEA/UK designation exempts the provision (Art. 28), not the measure.
    [['DE'], true],
    [['JP', 'SG'], true],
    [['JP', null, ''], false],
  ] as [string[], boolean][])('data handled in %j is abroad: %s', (countries, abroad) => {
    expect(handledAbroad(countries)).toBe(abroad);
    expect(requiredCategories(abroad).includes('externalEnvironment')).toBe(abroad);
  });

  it('never requires the basic policy by law, always 10-2 … 10-6', () => {
    for (const abroad of [false, true]) {
      const required = requiredCategories(abroad);
      expect(required).not.toContain('basicPolicy');
      expect(required).toEqual(
        expect.arrayContaining(['handlingRules', 'organizational', 'human', 'physical', 'technical']),
      );
    }
    expect(defaultCriteria.basicPolicy).toBeNull();
  });
});
