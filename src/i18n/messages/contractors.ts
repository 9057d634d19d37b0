import type { Entry } from '../message-entry';
import { entry } from '../message-entry';

/** Field messages of contractors: abroad (APPI Art. 28) and re-consignment (通則編 3-4-4; 番号法10条). */
export const contractorMessages = {
  // APPI Art. 28(2); Enforcement Rules Art. 17(2).
  crossBorderConsentRequired: entry(
    () =>
      'is required with the basis consent: the date the person was informed, the country’s name, its system for protecting personal information and the recipient’s measures (APPI Art. 28(2); Rules Art. 17(2))',
    () =>
      '本人の同意による場合は、本人に情報提供した日、外国の名称、当該外国の個人情報保護制度、提供先が講ずる措置を記録してください（個人情報保護法28条2項、施行規則17条2項）',
  ),
  processingCountryBasis: entry<{ countries: string }>(
    (p) =>
      `is required: the data is stored or processed in ${p.countries ?? ''} (outside Japan, the EEA and the UK): consent or equivalent_measures (APPI Art. 28)`,
    (p) =>
      `${p.countries ?? ''} で個人データを保管・処理するため、外国にある第三者への提供の根拠（本人の同意または相当措置）が必要です（個人情報保護法28条）`,
  ),
  duplicateCountry: entry(
    () => 'is listed twice',
    () => '同じ国が重複しています',
  ),
  countryNoteNotForeign: entry<{ country: string }>(
    (p) => `${p.country} is neither the contractor’s country nor a processing country outside Japan`,
    (p) => `${p.country} は委託先の所在国・外国の保管・処理国のいずれでもありません`,
  ),
  // 通則編 3-4-4: the prior approval of a re-consignment under a prior_approval agreement.
  reconsignmentApprovalRequired: entry<{ agreement: string }>(
    (p) =>
      `is required: the parent’s agreement “${p.agreement ?? ''}” allows re-consignment only with prior approval; record who approved it, when, the work and how the data is handled`,
    (p) =>
      `再委託元の委託契約「${p.agreement ?? ''}」は事前承認を条件としています。承認日、承認者、再委託する業務、個人データの取扱方法を記録してください`,
  ),
  // 番号法10条1項.
  myNumberPermissionRequired: entry(
    () =>
      'is required: My Number data (specific personal information) may be re-consigned only with the permission of the original consignor (My Number Act Art. 10); record when and by whom it was given',
    () => '特定個人情報の再委託には、最初の委託者の許諾が必要です（番号法10条1項）。許諾日と許諾者を記録してください',
  ),
  parentTerminated: entry<{ name: string }>(
    (p) => `${p.name} is terminated: it takes no sub-contractors`,
    (p) => `「${p.name}」は委託終了済みのため、再委託先を置けません`,
  ),
  subContractorNotTerminated: entry<{ name: string }>(
    (p) => `sub-contractor ${p.name} is not terminated: terminate it first, or terminate the chain`,
    (p) => `再委託先「${p.name}」が終了していません。先に終了するか、再委託先を含めて終了してください`,
  ),
  subContractorDisposition: entry<{ name: string; agreements: string }>(
    (p) => `sub-contractor ${p.name}: the return or deletion of the data is not recorded on ${p.agreements ?? ''}`,
    (p) => `再委託先「${p.name}」の委託契約（${p.agreements ?? ''}）に個人データの返却・削除が記録されていません`,
  ),
  cascadeOnlyTerminated: entry(
    () => 'applies only with to terminated',
    () => '委託終了の場合にのみ指定できます',
  ),
} satisfies Record<string, Entry<never>>;
