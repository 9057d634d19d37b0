import { describe, expect, it } from 'vitest';
import { agreementStatus, currentEndDate, missingClauses, noticeDeadline } from '../../src/domain/agreement-terms';
import { corporateCheckDigit, parseCorporateNumber } from '../../src/domain/corporate-number';
import { isCountryCode, needsCrossBorderBasis } from '../../src/domain/countries';
import { assessRisk, riskFromFactors } from '../../src/domain/risk';
import { normalizeForSearch } from '../../src/domain/search-text';

describe('corporate number (法人番号) check digit', () => {
  it.each(['7120001077523', '7010705000725', '4011001098993'])('accepts %s', (n) => {
    expect(parseCorporateNumber(n)).toEqual({ ok: true, value: n });
    expect(corporateCheckDigit(n.slice(1))).toBe(Number(n[0]));
  });

  it('normalises full-width digits, hyphens and spaces', () => {
    expect(parseCorporateNumber('７０１０７０５０００７２５')).toEqual({ ok: true, value: '7010705000725' });
    expect(parseCorporateNumber('7-0107-0500-0725')).toEqual({ ok: true, value: '7010705000725' });
  });

  it.each([
    ['8010705000725', 'checkDigit'],
    ['1234567890123', 'checkDigit'],
    ['701070500072', 'digits'],
    ['70107050007255', 'digits'],
    ['701070500072A', 'digits'],
    ['', 'digits'],
  ])('rejects %s', (n, reason) => {
    const r = parseCorporateNumber(n);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toBe(reason);
  });
});

describe('risk tier', () => {
  const base = {
    handlesSpecialCare: false,
    handlesPaymentData: false,
    subjectCount: 0,
    systemAccess: false,
    country: 'JP',
    isSubContractor: false,
  };
  it.each([
    [{}, 'low', [], 0],
    [{ systemAccess: true }, 'medium', ['system_access'], 1],
    [{ subjectCount: 999 }, 'low', [], 0],
    [{ subjectCount: 1000 }, 'medium', ['subjects_1k_or_more'], 1],
    [{ subjectCount: 99_999 }, 'medium', ['subjects_1k_or_more'], 1],
    [{ subjectCount: 100_000 }, 'medium', ['subjects_100k_or_more'], 2],
    [{ subjectCount: 100_000, systemAccess: true }, 'high', ['subjects_100k_or_more', 'system_access'], 3],
    [{ handlesSpecialCare: true }, 'high', ['special_care_data'], 3],
    [{ handlesPaymentData: true }, 'high', ['payment_data'], 3],
    [{ country: 'US', isSubContractor: true }, 'medium', ['outside_japan', 'sub_contractor'], 2],
    [
      { country: 'DE', isSubContractor: true, systemAccess: true },
      'high',
      ['system_access', 'outside_japan', 'sub_contractor'],
      3,
    ],
  ])('%o → %s', (profile, tier, factors, points) => {
    expect(assessRisk({ ...base, ...profile })).toEqual({ tier, factors, points });
    // Lists re-derive tier and points from the stored factors.
    expect(riskFromFactors(factors)).toEqual({ tier, factors, points });
  });
});

describe('countries and APPI Art. 28', () => {
  it('knows ISO codes and refuses the rest', () => {
    for (const c of ['JP', 'US', 'DE', 'GB', 'VN', 'IN', 'SG']) expect(isCountryCode(c), c).toBe(true);
    for (const c of ['XX', 'EU', 'UN', 'ZZ', 'jp', 'JPN', '', 'J']) expect(isCountryCode(c), c).toBe(false);
  });
  it('exempts Japan, the EEA and the UK only', () => {
    for (const c of ['JP', 'DE', 'FR', 'NO', 'IS', 'LI', 'GB', 'IE']) expect(needsCrossBorderBasis(c), c).toBe(false);
    for (const c of ['US', 'CH', 'CN', 'IN', 'VN', 'KR']) expect(needsCrossBorderBasis(c), c).toBe(true);
  });
});

describe('name search normalisation', () => {
  it('folds width, kana form, case and spaces', () => {
    const registered = normalizeForSearch('株式会社サンプル ｶﾌﾞｼｷｶﾞｲｼｬ Ｓａｍｐｌｅ');
    for (const typed of [
      'さんぷる',
      'サンプル',
      'ｻﾝﾌﾟﾙ',
      'かぶしきがいしゃ',
      'sample',
      'ＳＡＭＰＬＥ',
      '株式会社サンプル',
    ]) {
      expect(registered, typed).toContain(normalizeForSearch(typed));
    }
    expect(normalizeForSearch('山田　花子')).toBe('山田花子');
  });
});

describe('agreement terms', () => {
  const base = {
    startDate: '2025-04-01',
    endDate: '2026-03-31',
    autoRenew: false,
    renewalTermMonths: null,
    noticePeriodDays: null,
    terminatedOn: null,
  };

  it('derives the status from the dates', () => {
    expect(agreementStatus(base, '2025-03-31')).toBe('pending');
    expect(agreementStatus(base, '2025-04-01')).toBe('active');
    expect(agreementStatus(base, '2026-03-31')).toBe('active');
    expect(agreementStatus(base, '2026-04-01')).toBe('expired');
    expect(agreementStatus({ ...base, endDate: null }, '2040-01-01')).toBe('active');
    expect(agreementStatus({ ...base, terminatedOn: '2025-10-01' }, '2025-09-30')).toBe('active');
    expect(agreementStatus({ ...base, terminatedOn: '2025-10-01' }, '2025-10-01')).toBe('terminated');
  });

  it('rolls an auto-renewing end forward by whole terms', () => {
    const renewing = { ...base, autoRenew: true, renewalTermMonths: 12, noticePeriodDays: 90 };
    expect(currentEndDate(renewing, '2026-03-31')).toBe('2026-03-31');
    expect(currentEndDate(renewing, '2026-04-01')).toBe('2027-03-31');
    expect(currentEndDate(renewing, '2029-01-15')).toBe('2029-03-31');
    expect(agreementStatus(renewing, '2029-01-15')).toBe('active');
    expect(noticeDeadline(renewing, '2026-11-29')).toBe('2026-12-31');
    const monthEnd = { ...base, endDate: '2026-01-31', autoRenew: true, renewalTermMonths: 1 };
    expect(currentEndDate(monthEnd, '2026-02-01')).toBe('2026-02-28');
    expect(currentEndDate(monthEnd, '2026-03-01')).toBe('2026-03-31');
    expect(noticeDeadline(base, '2025-05-01')).toBeNull();
    expect(noticeDeadline({ ...base, noticePeriodDays: 30 }, '2025-05-01')).toBe('2026-03-01');
  });

  it('lists the missing contract items', () => {
    const all = {
      responsibilities: true,
      securityMeasures: true,
      reconsignment: true,
      reporting: true,
      complianceChecks: true,
      breachOfContract: true,
      incidentReporting: true,
      afterTermination: true,
    };
    expect(missingClauses(all)).toEqual([]);
    expect(missingClauses({ ...all, reporting: false, afterTermination: false })).toEqual([
      'reporting',
      'afterTermination',
    ]);
  });
});
