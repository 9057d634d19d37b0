import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { clauseNames } from '../../src/domain/agreement-terms';
import { riskFactorNames } from '../../src/domain/risk';
import { type Label, labelOf, labels } from '../../src/i18n/labels';

/**
 * Every value a person can meet has a name in both languages. The enum arrays are read
 * from db/schema.ts at run time: a value added to the schema without its labels fails here
 * (and, for the tables typed over it, in the typecheck).
 */
const tableOf: Record<string, Record<string, Label>> = {
  roles: labels.role,
  tokenKinds: labels.tokenKind,
  documentKinds: labels.documentKind,
  dataCategories: labels.dataCategory,
  contractorStatuses: labels.contractorStatus,
  riskTierValues: labels.riskTier,
  crossBorderBases: labels.crossBorderBasis,
  reconsignmentTerms: labels.reconsignment,
  dispositionMethods: labels.dispositionMethod,
  reviewKinds: labels.reviewKind,
  reviewStatuses: labels.reviewStatus,
  reviewOutcomes: labels.reviewOutcome,
  checklistRatings: labels.checklistRating,
  findingSeverities: labels.findingSeverity,
  findingCategories: labels.findingCategory,
  findingStatuses: labels.findingStatus,
  alertKinds: labels.alertKind,
  alertSeverities: labels.severity,
  alertStatuses: labels.alertStatus,
  questionnaireStatuses: labels.questionnaireStatus,
  questionnaireLanguages: labels.questionnaireLanguage,
  subjectRequestKinds: labels.subjectRequestKind,
  subjectRequestOutcomes: labels.subjectRequestOutcome,
  refusalGrounds: labels.refusalGround,
};

/** The schema's exported enum arrays: arrays of snake_case strings. */
const schemaEnums = Object.entries(schema as Record<string, unknown>).filter(
  (entry): entry is [string, readonly string[]] =>
    Array.isArray(entry[1]) && entry[1].length > 0 && entry[1].every((v) => typeof v === 'string'),
);

// Hiragana, katakana (with the long-vowel mark) or kanji.
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

function expectLabelled(name: string, values: readonly string[], table: Record<string, Label> | undefined) {
  expect(table, `${name} has no label table`).toBeDefined();
  for (const value of values) {
    const label = table?.[value];
    expect(label, `${name}: ${value} has no label`).toBeDefined();
    expect(label?.ja.trim(), `${name}: ${value} (ja)`).not.toBe('');
    expect(label?.en.trim(), `${name}: ${value} (en)`).not.toBe('');
    expect(label?.ja, `${name}: ${value} (ja) is not Japanese`).toMatch(JAPANESE);
  }
}

describe('labels of enum values', () => {
  it('finds the enum arrays of db/schema.ts', () => {
    expect(schemaEnums.map(([name]) => name)).toEqual(expect.arrayContaining(['alertKinds', 'reviewKinds', 'roles']));
  });

  it.each(schemaEnums)('names every value of %s in Japanese and English', (name, values) => {
    expectLabelled(name, values, tableOf[name]);
  });

  it.each([
    ['riskFactorNames', riskFactorNames, labels.riskFactor],
    ['clauseNames', clauseNames, labels.clause],
  ] as const)('names every value of %s (src/domain) in Japanese and English', (name, values, table) => {
    expectLabelled(name, values, table);
  });

  it.each(Object.entries(labels))('has Japanese and English for every value of the %s table', (name, table) => {
    expectLabelled(name, Object.keys(table), table);
  });

  it('names the cross-border confirmation alert, which the inbox once showed as its key', () => {
    expect(labelOf(labels.alertKind, 'cross_border_confirmation_due', 'ja')).toBe('外国にある第三者の確認期限');
    expect(labelOf(labels.alertKind, 'cross_border_confirmation_due', 'en')).toBe('Cross-border confirmation due');
  });

  it('shows a value no table knows as it is, and nothing for none', () => {
    const unknown = 'from_a_newer_version' as keyof typeof labels.alertKind;
    expect(labelOf(labels.alertKind, unknown, 'en')).toBe('from_a_newer_version');
    expect(labelOf(labels.alertKind, null, 'ja')).toBe('');
    // Inherited names are not labels.
    expect(labelOf(labels.alertKind, 'toString' as keyof typeof labels.alertKind, 'en')).toBe('toString');
  });
});
