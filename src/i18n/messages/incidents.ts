import { type Entry, entry } from '../message-entry';

/** Field messages of leak incidents (APPI Art. 26; Enforcement Rules Art. 7–10). */
export const incidentMessages = {
  encryptionNoteRequired: entry(
    () => 'must say what was encrypted, and that the key was not lost with it',
    () => '何が暗号化されていたか、復号鍵が漏えいしていないことを記載してください',
  ),
  notBeforeContractorAware: entry(
    () => 'must not be before the day the contractor learned of it',
    () => '委託先が事態を知った日より前の日付にはできません',
  ),
  authorityName: entry(
    () => 'must name the minister the PPC delegated to',
    () => '権限の委任を受けた事業所管大臣を記載してください',
  ),
} satisfies Record<string, Entry<never>>;
