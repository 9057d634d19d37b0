import { ask, attach, l, write } from './appi-standard-questions';
import { section } from './template';

// The consignment itself: what the principal's supervision covers (guidelines §3-4-4;
// prior report or approval of a re-consignment, also §3-4-4; a contractor's notice of a leak to the principal, Art. 26(1)
// and Enforcement Rules Art. 9; return or deletion at the end, JIS Q 15001 A.3.4.3.4).
export const consignment = section('consignment', l('委託に関する事項', 'The consignment'), 'consignment', [
  write(
    'consignment-1',
    2,
    l(
      '本委託業務に係る個人データの取扱いの再委託の有無をご記入ください。再委託がある場合は、再委託先の名称、所在地及び再委託する業務の内容をご記入ください（再委託がない場合は「なし」とご記入ください）。',
      'Do you re-consign any of the handling of personal data under this consignment? If so, give each sub-contractor’s name, address and the work re-consigned (write "none" if there is no re-consignment).',
    ),
    true,
  ),
  ask(
    'consignment-2',
    3,
    l(
      '再委託を行う場合は、事前に当社の書面による承認を得ることとしていますか。',
      'Before any re-consignment, do you obtain our prior written approval?',
    ),
  ),
  ask(
    'consignment-3',
    3,
    l(
      '再委託先を選定する際、再委託先の安全管理措置が貴社と同等以上であることを確認していますか。',
      'When choosing a sub-contractor, do you confirm that its safety-management measures are at least equal to yours?',
    ),
    l('再委託先の評価記録', 'The record of the sub-contractor’s assessment'),
  ),
  ask(
    'consignment-4',
    3,
    l(
      '再委託先との契約に安全管理措置、秘密保持、さらなる再委託の条件等を定め、再委託先における取扱状況を定期的に確認していますか。',
      'Does your contract with each sub-contractor set out the safety-management measures, confidentiality and the conditions for further re-consignment, and do you check its handling regularly?',
    ),
    l('再委託契約書の該当条項、再委託先の点検記録', 'The relevant clauses of the sub-contract; records of your checks'),
  ),
  ask(
    'consignment-5',
    3,
    l(
      '漏えい等事案が発生し、又は発生したおそれがあることを把握した場合、直ちに当社へ報告する体制を整えていますか。',
      'Are you set up to report to us at once when you learn that a leak or similar incident has occurred or may have occurred?',
    ),
  ),
  write(
    'consignment-6',
    3,
    l(
      '漏えい等事案を把握してから当社へ第一報を行うまでの期限（何日以内か）をご記入ください（例：把握後1日以内）。',
      'Within how many days of learning of a leak or similar incident do you send us the first report? (e.g. within 1 day)',
    ),
    true,
  ),
  ask(
    'consignment-7',
    3,
    l(
      '委託された個人データを、委託された業務の遂行に必要な範囲内でのみ取り扱い、それ以外の目的に利用しないことを徹底していますか。',
      'Do you make sure that the personal data entrusted to you is handled only as far as the consigned work requires and used for no other purpose?',
    ),
  ),
  ask(
    'consignment-8',
    3,
    l(
      '契約終了時又は当社の求めがあった場合に、委託された個人データ（複製物を含みます）を返却又は削除し、その旨を証明する書面を提出できますか。',
      'At the end of the contract, or when we ask, will you return or delete the personal data entrusted to you (copies included) and give us a written certificate of it?',
    ),
    l('削除証明書・返却確認書のひな形', 'The template certificate of deletion or return'),
  ),
  ask(
    'consignment-9',
    3,
    l(
      '当社による監査（立入りによるものを含みます）及び個人データの取扱状況に関する報告の求めに協力いただけますか。',
      'Will you cooperate with our audits (on-site ones included) and with our requests for reports on how the personal data is handled?',
    ),
  ),
  ask(
    'consignment-10',
    1,
    l(
      '合併・事業譲渡等の組織の変更、又は個人データの取扱いに重大な変更がある場合、事前に当社へ通知することとしていますか。',
      'Do you notify us in advance of any change to your organisation (merger, transfer of business, etc.) or any material change in the handling of personal data?',
    ),
    undefined,
    false,
  ),
  ask(
    'consignment-11',
    1,
    l('プライバシーマークの付与を受けていますか。', 'Have you been granted the PrivacyMark?'),
    undefined,
    false,
  ),
  attach(
    'consignment-12',
    l('プライバシーマーク登録証の写しを添付してください。', 'Attach a copy of your PrivacyMark certificate.'),
    l('有効期間が分かる登録証等の写し', 'A copy showing the period of validity'),
  ),
  ask(
    'consignment-13',
    1,
    l(
      '本委託業務を含む範囲で、ISMS（ISO/IEC 27001）認証を取得していますか（認証範囲に本委託業務が含まれない場合は「一部」を選択してください）。',
      'Do you hold ISMS (ISO/IEC 27001) certification covering the consigned work? (Choose "partly" if its scope does not include the consigned work.)',
    ),
    undefined,
    false,
  ),
  attach(
    'consignment-14',
    l(
      'ISMS 認証登録証（認証範囲が分かるもの）の写しを添付してください。',
      'Attach a copy of your ISMS certificate, showing its scope.',
    ),
    l('認証範囲及び有効期限が分かる登録証の写し', 'A copy showing the scope and expiry date'),
  ),
  ask(
    'consignment-15',
    1,
    l(
      'ISO/IEC 27701（プライバシー情報マネジメントシステム）認証を取得していますか。',
      'Do you hold ISO/IEC 27701 (privacy information management system) certification?',
    ),
    undefined,
    false,
  ),
  attach(
    'consignment-16',
    l('ISO/IEC 27701 認証登録証の写しを添付してください。', 'Attach a copy of your ISO/IEC 27701 certificate.'),
    l('認証範囲及び有効期限が分かる登録証の写し', 'A copy showing the scope and expiry date'),
  ),
]);
