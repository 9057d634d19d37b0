import Papa from 'papaparse';
import { dataCategories } from '../../db/schema';
import { corporateCheckDigit } from '../../src/domain/corporate-number';
import { needsCrossBorderBasis } from '../../src/domain/countries';
import { importColumns } from '../../src/modules/csv/contractor-columns';
import { foreignCompany, japaneseCompany, personName } from './names';
import { prng } from './prng';

/**
 * A contractor import file as people make it in Excel (docs/import.md): Japanese headers,
 * UTF-8 with BOM, CRLF, values in Japanese or English (顧客;従業員, はい/いいえ, 150,000,
 * full-width digits), sub-contractors naming an earlier row as 再委託元, a few foreign
 * contractors with their cross-border basis. Every row is valid, so the whole file imports.
 */
const categoryJa: Record<(typeof dataCategories)[number], string> = {
  customers: '顧客',
  business_partners: '取引先',
  applicants: '応募者',
  inquirers: '問合せ者',
  commissioned_work: '受託業務',
  employees: '従業員',
  my_number: '特定個人情報',
};
/** My Number data needs a permission the CSV cannot carry (docs/import.md): not in the file. */
const importable = dataCategories.filter((c) => c !== 'my_number');
const countries = ['US', 'SG', 'IN', 'VN', 'DE', 'GB'] as const;
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

interface Row {
  name: string;
  categories: (typeof dataCategories)[number][];
  depth: number;
}

export function importCsv(rows: number, seed: number) {
  const r = prng(seed);
  const made: Row[] = [];
  let subContractors = 0;
  let foreign = 0;
  const data = Array.from({ length: rows }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    // About 5 % are sub-contractors of an earlier row (chains up to 3 levels deep).
    const parent = i >= 50 && r.chance(0.05) ? made[r.int(0, i - 1)] : undefined;
    const usable = parent && parent.depth < 2 ? parent : undefined;
    const abroad = !usable && r.chance(0.05);
    const country = abroad ? r.pick(countries) : 'JP';
    const company = abroad ? foreignCompany(r) : japaneseCompany(r);
    // Names must be unique in the file (parents are found by name), so each carries a number.
    const name = abroad ? `${company.name} (${n})` : `${company.name}（${n}）`;
    const categories = r.subset(usable ? usable.categories : importable, 0.35);
    made.push({ name, categories, depth: usable ? usable.depth + 1 : 0 });
    if (usable) subContractors++;
    if (abroad) foreign++;
    // Unique, valid corporate numbers: a counter as the 12-digit base.
    const base = String(300_000_000_000 + i * 7_919 + seed).padStart(12, '0');
    const number = !abroad && r.chance(0.8) ? `${corporateCheckDigit(base)}${base}` : '';
    const count = Math.floor(10 ** (r.next() * 6));
    const override = r.chance(0.01) ? r.pick(['高', '中', '低'] as const) : '';
    const yesNo = (p: number) => (r.chance(0.5) ? (r.chance(p) ? 'はい' : 'いいえ') : String(r.chance(p)));
    const cells: Record<string, string> = {
      name,
      nameKana: company.nameKana ?? '',
      corporateNumber: r.chance(0.05) ? fullWidth(number) : number,
      country,
      contactName: r.chance(0.9) ? personName(r) : '',
      contactEmail: r.chance(0.8) ? `import${n}@example.co.jp` : '',
      services: company.services,
      dataCategories: r.chance(0.5) ? categories.map((c) => categoryJa[c]).join(';') : categories.join(';'),
      handlesSpecialCare: yesNo(0.05),
      handlesPaymentData: yesNo(0.1),
      subjectCount: r.chance(0.3) ? count.toLocaleString('en-US') : String(count),
      systemAccess: yesNo(0.3),
      parentName: usable?.name ?? '',
      // Consent needs its particulars (Rules Art. 17(2)), which a CSV row cannot carry.
      crossBorderBasis: needsCrossBorderBasis(country) ? r.pick(['相当措置', 'equivalent_measures'] as const) : '',
      riskTierOverride: override,
      riskOverrideReason: override ? '取引実績に基づく見直し' : '',
    };
    return importColumns.map((c) => cells[c.field] ?? '');
  });
  const header = importColumns.map((c) => c.header.ja);
  const csv = `\uFEFF${Papa.unparse([header, ...data], { newline: '\r\n' })}\r\n`;
  return { csv, rows, subContractors, foreign };
}
