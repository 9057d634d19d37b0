import { ask, date, l } from './appi-standard-questions';
import { section } from './template';

/** The built-in sheet's sections 10-1 to 10-4 of 通則編 10 別添: policy, rules, organisation, people. */
// 別添 10-1: a basic policy is "important" (重要である) rather than mandatory.
export const basicPolicy = section('10-1', l('基本方針の策定', 'Basic policy'), 'basicPolicy', [
  ask(
    '10-1-1',
    2,
    l(
      '個人データの適正な取扱いの確保について組織として取り組むための基本方針（事業者の名称、関係法令・ガイドライン等の遵守、安全管理措置に関する事項、質問及び苦情処理の窓口等）を策定していますか。',
      'Have you adopted a basic policy for the proper handling of personal data as an organisation (your name, compliance with the applicable laws and guidelines, the safety-management measures, a contact point for questions and complaints, etc.)?',
    ),
    l('基本方針（個人情報保護方針等）の写し', 'A copy of the basic policy (privacy policy or similar)'),
  ),
  ask(
    '10-1-2',
    1,
    l('基本方針を従業者に周知していますか。', 'Have you made the basic policy known to your staff?'),
    undefined,
    false,
  ),
]);

// 別添 10-2: rules for each stage of the data's life 「規律を整備しなければならない」.
export const handlingRules = section(
  '10-2',
  l('個人データの取扱いに係る規律の整備', 'Rules for handling personal data'),
  'handlingRules',
  [
    ask(
      '10-2-1',
      3,
      l(
        '個人データの取得、利用、保存、提供、削除・廃棄等の段階ごとに、取扱方法、責任者・担当者及びその任務等を定めた取扱規程を策定していますか。',
        'Have you drawn up handling rules that set out, for each stage (acquisition, use, storage, provision, deletion and disposal), how personal data is handled and who is responsible for it and with what duties?',
      ),
      l('取扱規程の写し（該当箇所）', 'A copy of the handling rules (the relevant parts)'),
    ),
    ask(
      '10-2-2',
      2,
      l(
        '取扱規程に、組織的・人的・物理的・技術的安全管理措置の内容を織り込んでいますか。',
        'Do the handling rules include the organisational, human, physical and technical safety-management measures?',
      ),
    ),
    date('10-2-3', l('取扱規程の最終改訂日をご記入ください。', 'When were the handling rules last revised?')),
  ],
);

// 別添 10-3 (1)–(5): organisational measures 「講じなければならない」.
export const organizational = section(
  '10-3',
  l('組織的安全管理措置', 'Organisational safety-management measures'),
  'organizational',
  [
    // (1) 組織体制の整備
    ask(
      '10-3-1',
      3,
      l(
        '個人データの取扱いに関する責任者を定めていますか。',
        'Have you appointed a person responsible for the handling of personal data?',
      ),
      l('体制図、責任者の任命記録', 'An organisation chart; the record of the appointment'),
    ),
    ask(
      '10-3-2',
      3,
      l(
        '個人データを取り扱う従業者及びその役割、並びに従業者が取り扱う個人データの範囲を明確にしていますか。',
        'Have you defined which staff handle personal data, their roles, and the scope of the personal data each of them handles?',
      ),
    ),
    // (2) 個人データの取扱いに係る規律に従った運用
    ask(
      '10-3-3',
      3,
      l(
        '取扱規程に従って個人データを取り扱い、その運用状況を確認できるよう記録（システムログ、利用実績等）していますか。',
        'Do you handle personal data according to the handling rules, and keep records (system logs, usage records, etc.) that show it is done so?',
      ),
      l('運用記録、システムログの例', 'Operating records; sample system logs'),
    ),
    // (3) 個人データの取扱状況を確認する手段の整備
    ask(
      '10-3-4',
      3,
      l(
        '個人データの取扱状況を確認するための台帳等（個人データの項目、責任者・取扱部署、利用目的、アクセス権を有する者等）を整備していますか。',
        'Do you keep a register or similar means of checking how personal data is handled (the data items, the responsible person and department, the purpose of use, who has access, etc.)?',
      ),
      l('個人データ取扱台帳', 'The personal data register'),
    ),
    // (4) 漏えい等事案に対応する体制の整備
    ask(
      '10-3-5',
      3,
      l(
        '漏えい等事案の発生又は兆候を把握した場合の報告連絡体制及び対応手順を定めていますか。',
        'Have you set out the reporting lines and the procedure to follow when a leak or similar incident, or a sign of one, is found?',
      ),
      l('事故対応手順書、緊急連絡体制図', 'The incident response procedure; the emergency contact chart'),
    ),
    // (5) 取扱状況の把握及び安全管理措置の見直し
    ask(
      '10-3-6',
      3,
      l(
        '個人データの取扱状況について、定期的に自ら点検を行い、又は他部署等による監査を実施していますか。',
        'Do you regularly check the handling of personal data yourselves, or have it audited by another department or an outside party?',
      ),
      l('直近の点検結果又は監査報告書', 'The latest self-check results or audit report'),
    ),
    date(
      '10-3-7',
      l('直近の点検又は監査の実施日をご記入ください。', 'When was the latest self-check or audit carried out?'),
    ),
    ask(
      '10-3-8',
      2,
      l(
        '点検・監査の結果を踏まえ、安全管理措置の評価、見直し及び改善に取り組んでいますか。',
        'Do you evaluate, review and improve the safety-management measures in the light of the checks and audits?',
      ),
    ),
  ],
);

// 別添 10-4: staff are told and trained 「適切な教育を行わなければならない」 (and supervised, Art. 24);
// confidentiality in the rules of employment is the guideline's example.
export const human = section('10-4', l('人的安全管理措置', 'Human safety-management measures'), 'human', [
  // 従業者の教育
  ask(
    '10-4-1',
    3,
    l(
      '個人データを取り扱う従業者に対し、個人データの適正な取扱いに関する研修を定期的に実施していますか。',
      'Do you regularly train the staff who handle personal data in its proper handling?',
    ),
    l('研修資料、受講記録', 'Training material; attendance records'),
  ),
  date('10-4-2', l('直近の研修の実施日をご記入ください。', 'When was the latest training held?')),
  // 秘密保持
  ask(
    '10-4-3',
    3,
    l(
      '個人データについての秘密保持に関する事項を就業規則等に盛り込み、又は従業者から秘密保持誓約書等を取得していますか。',
      'Have you written confidentiality of personal data into the rules of employment or similar, or obtained confidentiality undertakings from your staff?',
    ),
    l(
      '就業規則の該当条項、秘密保持誓約書のひな形',
      'The relevant article of the rules of employment; the template undertaking',
    ),
  ),
  ask(
    '10-4-4',
    2,
    l(
      '派遣社員など雇用関係にない従業者についても、同等の教育及び秘密保持の措置を講じていますか。',
      'Do you apply the same training and confidentiality measures to staff who are not your employees, such as agency workers?',
    ),
  ),
]);
