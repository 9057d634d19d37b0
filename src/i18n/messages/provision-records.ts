import { type Entry, entry } from '../message-entry';

/** Field messages of provision records (第三者提供記録, APPI Art. 29). */
export const provisionRecordMessages = {
  // A Japanese entrustee handling the data in Japan is no third party (Art. 27(5)(i)).
  provisionNotRecorded: entry<{ name: string }>(
    (p) =>
      `no provision record is kept for ${p.name}: its basis is not consent and it handles the data only in Japan (an entrustee, APPI Art. 27(5)(i))`,
    (p) =>
      `「${p.name}」は同意に基づく外国への提供先ではなく、国内でのみ取り扱う委託先のため、第三者提供記録の対象外です（法27条5項1号）`,
  ),
  provisionCountry: entry<{ countries: string }>(
    (p) => `must be where the contractor is or handles the data: ${p.countries ?? ''}`,
    (p) => `委託先の所在国または取扱国から選んでください: ${p.countries ?? ''}`,
  ),
  // Enforcement Rules Art. 20(1)(ii)(イ): that the person consented.
  provisionConsentNote: entry(
    () => 'is required with consent as the basis: record that the person consented (Enforcement Rules Art. 20(1)(ii))',
    () => '同意に基づく提供のため、本人の同意を得ている旨を記録してください（規則20条1項2号イ）',
  ),
} satisfies Record<string, Entry<never>>;
