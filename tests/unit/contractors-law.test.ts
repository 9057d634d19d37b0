import { describe, expect, it } from 'vitest';
import { parseCorporateNumber } from '../../src/domain/corporate-number';
import { needsCrossBorderBasis, placesNeedingBasis } from '../../src/domain/countries';
import { chainTerminationBlockers, reconsignmentRefusal } from '../../src/domain/reconsignment';
import { assessRisk } from '../../src/domain/risk';
import { handledAbroad } from '../../src/domain/selection';
import { checkProfile, type Profile } from '../../src/modules/contractors/contractors.profile';

describe('the Art. 28 exemption inside EU member states (PPC Notice No. 1 of 2019; TFEU Art. 349, 355)', () => {
  it.each([
    ['RE', false, 'Réunion: French outermost region (TFEU 349)'],
    ['GF', false, 'French Guiana: outermost region'],
    ['GP', false, 'Guadeloupe: outermost region'],
    ['MQ', false, 'Martinique: outermost region'],
    ['YT', false, 'Mayotte: outermost region since 2014'],
    ['MF', false, 'Saint-Martin: outermost region'],
    ['AX', false, 'Åland: part of Finland (TFEU 355(4))'],
    ['FR', false, 'EU member state'],
    ['NO', false, 'EEA'],
    ['GB', false, 'United Kingdom'],
    ['JP', false, 'Japan'],
    ['BL', true, 'Saint-Barthélemy: left the EU in 2012 (OCT)'],
    ['NC', true, 'New Caledonia: overseas country and territory'],
    ['PF', true, 'French Polynesia: OCT'],
    ['GL', true, 'Greenland: OCT'],
    ['US', true, 'not designated'],
  ])('%s needs a basis: %s (%s)', (code, needs) => {
    expect(needsCrossBorderBasis(code)).toBe(needs);
  });

  it('lists each place needing a basis once, in order, ignoring unknown codes', () => {
    expect(placesNeedingBasis(['JP', 'US', 'RE', 'SG', 'US', 'XX'])).toEqual(['US', 'SG']);
  });
});

describe('corporate numbers typed with dashes (国税庁 法人番号; 通則 NFKC)', () => {
  it.each([
    ['7−0107−0500−0725', 'U+2212 minus sign'],
    ['7ー0107ー0500ー0725', 'U+30FC prolonged sound mark'],
    ['7ｰ0107ｰ0500ｰ0725', 'U+FF70 half-width prolonged sound mark'],
    ['７－０１０７－０５００－０７２５', 'full-width digits and hyphen U+FF0D'],
    ['7‐0107–0500—0725', 'U+2010 hyphen, U+2013 en dash, U+2014 em dash'],
    ['7﹣0107　0500 0725', 'U+FE63 small hyphen, ideographic and ASCII space'],
  ])('normalises %s (%s)', (typed) => {
    expect(parseCorporateNumber(typed)).toEqual({ ok: true, value: '7010705000725' });
  });
  it('still refuses letters and a wrong check digit', () => {
    expect(parseCorporateNumber('7ー0107ー0500ー072A')).toEqual({ ok: false, reason: 'digits' });
    expect(parseCorporateNumber('8−0107−0500−0725')).toEqual({ ok: false, reason: 'checkDigit' });
  });
});

describe('processing countries count as abroad (risk; 通則編 10-7)', () => {
  const base = {
    handlesSpecialCare: false,
    handlesPaymentData: false,
    subjectCount: 0,
    systemAccess: false,
    isSubContractor: false,
  };
  it.each([
    ['JP', [], []],
    ['JP', ['JP'], []],
    ['JP', ['DE'], ['outside_japan']],
    ['US', [], ['outside_japan']],
    ['JP', ['US', 'SG'], ['outside_japan']],
  ])('country %s processing in %j → %j', (country, processingCountries, factors) => {
    expect(assessRisk({ ...base, country, processingCountries }).factors).toEqual(factors);
    expect(handledAbroad([country, ...processingCountries])).toBe(factors.length > 0);
  });
});

describe('the profile abroad (APPI Art. 28(1), (2); Enforcement Rules Art. 17(2))', () => {
  const profile: Profile = {
    name: '株式会社クラウド',
    nameKana: null,
    corporateNumber: null,
    country: 'JP',
    contactName: null,
    contactEmail: null,
    services: null,
    dataCategories: ['customers'],
    handlesSpecialCare: false,
    handlesPaymentData: false,
    subjectCount: 0,
    systemAccess: false,
    parentId: null,
    crossBorderBasis: null,
    riskTierOverride: null,
    riskOverrideReason: null,
    processingCountries: [],
    crossBorderConsent: null,
    countryNotes: [],
    reconsignmentApproval: null,
    myNumberPermission: null,
  };
  const consent = { informedOn: '2026-11-01', countryName: '米国', systemInfo: '州法', measuresInfo: '規程' };
  it.each<[string, Partial<Profile>, string[]]>([
    ['Japan only', {}, []],
    [
      'a processing country outside the EEA needs a basis (Art. 28(1))',
      { processingCountries: ['us'] },
      ['crossBorderBasis:processingCountryBasis'],
    ],
    ['an EU processing country does not', { processingCountries: ['DE', 'RE'] }, []],
    [
      'an unknown or repeated code is named',
      { processingCountries: ['SG', 'ZZ', 'SG'], crossBorderBasis: 'equivalent_measures' },
      ['processingCountries.1:countryCode', 'processingCountries.2:duplicateCountry'],
    ],
    [
      'consent needs what the person was told (Art. 28(2); Rules 17(2))',
      { processingCountries: ['US'], crossBorderBasis: 'consent' },
      ['crossBorderConsent:crossBorderConsentRequired'],
    ],
    [
      'consent with the information',
      { processingCountries: ['US'], crossBorderBasis: 'consent', crossBorderConsent: consent },
      [],
    ],
    ['equivalent measures need no consent information', { country: 'US', crossBorderBasis: 'equivalent_measures' }, []],
    [
      'a 10-7 note is about a foreign place (通則編 10-7)',
      { countryNotes: [{ country: 'JP', notes: '国内', checkedOn: null }] },
      ['countryNotes.0.country:countryNoteNotForeign'],
    ],
    [
      'one note per country',
      {
        country: 'DE',
        countryNotes: [
          { country: 'DE', notes: 'a', checkedOn: null },
          { country: 'de', notes: 'b', checkedOn: null },
        ],
      },
      ['countryNotes.1.country:duplicateCountry'],
    ],
  ])('%s', (_name, change, errors) => {
    const checked = checkProfile({ ...profile, ...change });
    expect(checked.errors.map((e) => `${e.path}:${e.code}`)).toEqual(errors);
  });
});

describe('re-consignment refusals (通則編 3-4-4 事例3, 4; 番号法10条1項)', () => {
  const approval = { approvedOn: '2026-11-01', approvedBy: '部長', work: '配送', handling: '同等' };
  const permission = { permittedOn: '2026-11-01', permittedBy: '人事部長' };
  const sub = (over: Partial<Parameters<typeof reconsignmentRefusal>[1]> = {}) => ({
    dataCategories: ['customers'],
    reconsignmentApproval: null,
    myNumberPermission: null,
    ...over,
  });
  it.each([
    ['no agreement in force', [], sub(), null],
    ['allowed', [{ title: 'A', reconsignment: 'allowed' as const }], sub(), null],
    [
      'prohibited stops it (the agreement)',
      [{ title: 'P', reconsignment: 'prohibited' as const }],
      sub({ reconsignmentApproval: approval }),
      { slug: 'reconsignment-prohibited', agreement: 'P' },
    ],
    [
      'prior approval without one on record (3-4-4)',
      [
        { title: 'A', reconsignment: 'allowed' as const },
        { title: 'Q', reconsignment: 'prior_approval' as const },
      ],
      sub(),
      { slug: 'reconsignment-approval-required', agreement: 'Q' },
    ],
    [
      'prior approval on record',
      [{ title: 'Q', reconsignment: 'prior_approval' as const }],
      sub({ reconsignmentApproval: approval }),
      null,
    ],
    [
      'My Number without permission (番号法10条)',
      [{ title: 'A', reconsignment: 'allowed' as const }],
      sub({ dataCategories: ['my_number'] }),
      { slug: 'my-number-permission-required' },
    ],
    ['My Number with permission', [], sub({ dataCategories: ['my_number'], myNumberPermission: permission }), null],
    [
      'approval before My Number',
      [{ title: 'Q', reconsignment: 'prior_approval' as const }],
      sub({ dataCategories: ['my_number'] }),
      { slug: 'reconsignment-approval-required', agreement: 'Q' },
    ],
  ])('%s', (_name, terms, record, expected) => {
    expect(reconsignmentRefusal(terms, record)).toEqual(expected);
  });
});

describe('ending a chain (APPI Art. 22, 25; 通則編 3-4-4)', () => {
  const m = (id: string, status: string, lacking: string[] = []) => ({
    id,
    name: id,
    status,
    lackingDisposition: lacking,
  });
  it.each([
    ['no sub-contractors', [], false, []],
    ['all terminated with the data returned', [m('a', 'terminated')], false, []],
    ['one still active', [m('a', 'active'), m('b', 'terminated')], false, ['a:not_terminated']],
    ['terminated but the data not returned', [m('a', 'terminated', ['契約'])], false, ['a:disposition']],
    ['cascade: the running ones end with it', [m('a', 'active'), m('b', 'suspended')], true, []],
    [
      'cascade: each needs its disposition',
      [m('a', 'active', ['契約A']), m('b', 'terminated', ['契約B']), m('c', 'active')],
      true,
      ['a:disposition', 'b:disposition'],
    ],
  ])('%s', (_name, members, cascade, expected) => {
    expect(chainTerminationBlockers(members, cascade).map((b) => `${b.id}:${b.reason}`)).toEqual(expected);
  });
});
