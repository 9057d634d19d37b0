import { describe, expect, it } from 'vitest';
import { findingCategories } from '../../db/schema';
import { appiStandard, builtInTemplates } from '../../src/domain/questionnaire/appi-standard';
import { questionnaireCategories, questionTypes } from '../../src/domain/questionnaire/template';

const questions = appiStandard.sections.flatMap((s) => s.questions.map((q) => ({ ...q, section: s.id })));
const inSection = (id: string) => questions.filter((q) => q.section === id);
/** Kana or kanji: text a Japanese reader reads as Japanese, not romaji or English. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const KANA = /[\u3040-\u30ff]/;
const nonEmpty = (t: { ja: string; en: string }) => t.ja.trim() !== '' && t.en.trim() !== '';

describe('the built-in appi-standard questionnaire template', () => {
  it('is version 1 of appi-standard, named in both languages', () => {
    expect(appiStandard).toMatchObject({
      id: 'appi-standard',
      version: 1,
      name: { ja: '委託先チェックシート（個人情報保護法 標準）', en: 'Contractor self-assessment (APPI standard)' },
    });
    expect(builtInTemplates.map((t) => t.id)).toEqual(['appi-standard']);
  });

  it('has unique section and question ids, and a question count between 35 and 50', () => {
    const sectionIds = appiStandard.sections.map((s) => s.id);
    expect(new Set(sectionIds).size).toBe(sectionIds.length);
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(35);
    expect(ids.length).toBeLessThanOrEqual(50);
  });

  it('numbers each guideline question after its section (10-3-1 in 10-3)', () => {
    for (const q of questions) expect(q.id.startsWith(`${q.section}-`), q.id).toBe(true);
  });

  it('has every title, question and evidence in Japanese and in English', () => {
    for (const s of appiStandard.sections) {
      expect(nonEmpty(s.title), s.id).toBe(true);
      expect(s.questions.length, s.id).toBeGreaterThan(0);
    }
    for (const q of questions) {
      expect(nonEmpty(q.text), q.id).toBe(true);
      if (q.evidence) expect(nonEmpty(q.evidence), q.id).toBe(true);
    }
  });

  it('writes the Japanese in Japanese (questions in kana, as sentences) and the English without it', () => {
    const texts = [appiStandard.name, ...appiStandard.sections.map((s) => s.title), ...questions.map((q) => q.text)];
    for (const t of texts) {
      expect(t.ja, t.en).toMatch(JAPANESE);
      expect(t.en, t.ja).not.toMatch(JAPANESE);
    }
    for (const q of questions) {
      expect(q.text.ja, q.id).toMatch(KANA);
      expect(q.text.ja, q.id).toMatch(/。|）$/);
      expect(q.text.en, q.id).toMatch(/[.?)]$/);
    }
  });

  it('feeds only the known checklist categories, with a known type and a weight of 1 to 3', () => {
    const allowed = [...findingCategories, 'basicPolicy', 'handlingRules', 'externalEnvironment', 'consignment'];
    expect([...questionnaireCategories].sort()).toEqual([...allowed].sort());
    for (const q of questions) {
      expect(allowed, q.id).toContain(q.category);
      expect(questionTypes, q.id).toContain(q.type);
      expect([1, 2, 3], q.id).toContain(q.weight);
      expect(typeof q.required, q.id).toBe('boolean');
    }
  });

  it('follows the PPC General Guidelines 10 (別添) section by section, each feeding its category', () => {
    const expected: Record<string, string> = {
      '10-1': 'basicPolicy',
      '10-2': 'handlingRules',
      '10-3': 'organizational',
      '10-4': 'human',
      '10-5': 'physical',
      '10-6': 'technical',
      '10-7': 'externalEnvironment',
      consignment: 'consignment',
    };
    expect(appiStandard.sections.map((s) => s.id)).toEqual(Object.keys(expected));
    for (const [id, category] of Object.entries(expected)) {
      expect(inSection(id).length, id).toBeGreaterThan(0);
      for (const q of inSection(id)) expect(q.category, q.id).toBe(category);
    }
    expect(appiStandard.sections.find((s) => s.id === '10-3')?.title.ja).toBe('組織的安全管理措置');
    expect(appiStandard.sections.find((s) => s.id === '10-7')?.title.ja).toBe('外的環境の把握');
  });

  it('covers each measure the guideline lists for 10-3 to 10-6', () => {
    const covers = (section: string, words: string[]) => {
      const text = inSection(section)
        .map((q) => q.text.ja)
        .join('\n');
      for (const w of words) expect(text, `${section}: ${w}`).toContain(w);
    };
    covers('10-3', ['責任者', '記録', '台帳', '漏えい等事案', '点検', '見直し']);
    covers('10-4', ['研修', '秘密保持']);
    covers('10-5', ['管理区域', 'キャビネット', '持ち運ぶ', '廃棄']);
    covers('10-6', ['アクセス権限', '認証', 'ファイアウォール', '暗号化']);
    covers('10-7', ['外国の個人情報の保護に関する制度']);
  });

  it('asks the consignment items: re-consignment, incident notice and in how many days, return or deletion, audits, certificates', () => {
    const consignment = inSection('consignment');
    const asks = (words: RegExp) => consignment.filter((q) => words.test(q.text.ja));
    expect(asks(/再委託の有無/).length).toBe(1);
    expect(asks(/再委託.*事前.*承認/).length).toBe(1);
    expect(asks(/再委託先を選定/).length).toBe(1);
    expect(asks(/漏えい等事案.*何日以内/).map((q) => q.type)).toEqual(['text']);
    expect(asks(/契約終了時.*返却又は削除.*証明/).length).toBe(1);
    expect(asks(/委託された業務の遂行に必要な範囲内でのみ/).length).toBe(1);
    expect(asks(/監査/).length).toBeGreaterThan(0);
    for (const cert of [/プライバシーマーク/, /ISO\/IEC 27001/, /ISO\/IEC 27701/]) {
      expect(
        asks(cert).map((q) => q.type),
        String(cert),
      ).toEqual(expect.arrayContaining(['yes_partly_no']));
    }
    const files = consignment.filter((q) => q.type === 'file');
    expect(files.length).toBe(3);
    for (const f of files) expect(f.evidence?.ja, f.id).toMatch(/写し/);
  });

  it('weighs what the guideline requires above good practice, and asks for evidence of the core measures', () => {
    for (const s of ['10-2', '10-3', '10-4', '10-5', '10-6', '10-7', 'consignment'])
      expect(Math.max(...inSection(s).map((q) => q.weight)), s).toBe(3);
    const required = questions.filter((q) => q.weight === 3);
    expect(required.every((q) => q.required)).toBe(true);
    expect(questions.filter((q) => q.evidence).length).toBeGreaterThanOrEqual(15);
  });
});
