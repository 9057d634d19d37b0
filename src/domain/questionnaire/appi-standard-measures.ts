import { ask, l, write } from './appi-standard-questions';
import { section } from './template';

/** The built-in sheet's sections 10-5 to 10-7 of 通則編 10 別添: physical and technical measures, the external environment. */
// 別添 10-5 (1)–(4): physical measures 「講じなければならない」.
export const physical = section('10-5', l('物理的安全管理措置', 'Physical safety-management measures'), 'physical', [
  // (1) 個人データを取り扱う区域の管理
  ask(
    '10-5-1',
    3,
    l(
      '個人データを取り扱う重要な情報システムを管理する区域（管理区域）について、入退室管理（ICカード、入退室記録等）及び持ち込む機器等の制限を行っていますか。',
      'For the areas where the important systems handling personal data are kept (controlled areas), do you control entry and exit (access cards, entry logs, etc.) and restrict the devices brought in?',
    ),
    l('入退室記録、入退室管理規程', 'Entry and exit logs; the entry control rules'),
  ),
  ask(
    '10-5-2',
    2,
    l(
      '個人データを取り扱う事務を実施する区域（取扱区域）について、間仕切り等の設置、座席配置の工夫、覗き込みの防止等により、権限を有しない者による閲覧を防止していますか。',
      'In the areas where personal data is worked on (handling areas), do you keep unauthorised people from seeing it, by partitions, seating layout, privacy screens, etc.?',
    ),
  ),
  // (2) 機器及び電子媒体等の盗難等の防止
  ask(
    '10-5-3',
    3,
    l(
      '個人データを取り扱う機器、電子媒体及び書類等を、施錠できるキャビネット・書庫等に保管し、又はセキュリティワイヤー等により固定していますか。',
      'Do you keep the devices, electronic media and papers holding personal data in lockable cabinets or storerooms, or secure them with security cables or similar?',
    ),
  ),
  // (3) 電子媒体等を持ち運ぶ場合の漏えい等の防止
  ask(
    '10-5-4',
    3,
    l(
      '個人データが記録された電子媒体又は書類等を持ち運ぶ場合、暗号化、パスワードによる保護、封緘、追跡可能な移送手段の利用等により、容易に個人データが判明しないよう措置を講じていますか。',
      'When electronic media or papers holding personal data are carried, do you keep the data from being easily read, by encryption, password protection, sealing, a traceable means of transport, etc.?',
    ),
  ),
  // (4) 個人データの削除及び機器、電子媒体等の廃棄
  ask(
    '10-5-5',
    3,
    l(
      '個人データの削除又は個人データが記録された機器・電子媒体等の廃棄を、復元不可能な手段（専用のデータ削除ソフトウェアの利用、物理的な破壊等）で行っていますか。',
      'Do you delete personal data, and dispose of devices and media holding it, by means that make it unrecoverable (dedicated erasure software, physical destruction, etc.)?',
    ),
  ),
  ask(
    '10-5-6',
    2,
    l(
      '削除又は廃棄を行った記録を保存していますか。廃棄を外部に委託した場合は、証明書等により確実に行われたことを確認していますか。',
      'Do you keep a record of each deletion or disposal, and, where disposal is outsourced, confirm by a certificate or similar that it was done?',
    ),
    l('削除・廃棄記録、廃棄証明書', 'Deletion and disposal records; certificates of disposal'),
  ),
]);

// 別添 10-6 (1)–(4): technical measures 「講じなければならない」.
export const technical = section('10-6', l('技術的安全管理措置', 'Technical safety-management measures'), 'technical', [
  // (1) アクセス制御
  ask(
    '10-6-1',
    3,
    l(
      '個人データを取り扱う情報システム及び従業者を限定し、アクセス権限を業務上必要な範囲に設定していますか。',
      'Do you limit the systems and the staff that handle personal data, and grant access only as far as the work requires?',
    ),
    l('アクセス権限の一覧', 'The list of access rights'),
  ),
  ask(
    '10-6-2',
    2,
    l(
      'アクセス権限を定期的に見直し、異動・退職した従業者のアカウントを速やかに削除していますか。',
      'Do you review access rights regularly and promptly remove the accounts of staff who have moved or left?',
    ),
  ),
  // (2) アクセス者の識別と認証
  ask(
    '10-6-3',
    3,
    l(
      '情報システムを使用する従業者が正当なアクセス権を有する者であることを、ユーザーID、パスワード、多要素認証等により識別し、認証していますか。',
      'Do you identify and authenticate the staff using the systems as holders of a legitimate access right, by user ID, password, multi-factor authentication, etc.?',
    ),
  ),
  // (3) 外部からの不正アクセス等の防止
  ask(
    '10-6-4',
    3,
    l(
      '情報システムと外部ネットワークとの接続箇所にファイアウォール等を設置し、不正アクセスを遮断していますか。',
      'Have you placed firewalls or similar where the systems connect to outside networks, to block unauthorised access?',
    ),
  ),
  ask(
    '10-6-5',
    3,
    l(
      'セキュリティ対策ソフトウェア等（ウイルス対策ソフトウェア等）を導入し、OS・アプリケーションを最新の状態に保っていますか。',
      'Have you installed security software (anti-virus or similar), and do you keep operating systems and applications up to date?',
    ),
  ),
  ask(
    '10-6-6',
    2,
    l(
      'ログ等の定期的な分析により、不正アクセス等を検知していますか。',
      'Do you detect unauthorised access by analysing logs and the like regularly?',
    ),
  ),
  // (4) 情報システムの使用に伴う漏えい等の防止
  ask(
    '10-6-7',
    2,
    l(
      '情報システムの設計時に安全性を確保し、脆弱性診断等により継続的に見直していますか。',
      'Do you build security into the systems from their design and keep reviewing it, e.g. by vulnerability assessments?',
    ),
    l('直近の脆弱性診断報告書', 'The latest vulnerability assessment report'),
  ),
  ask(
    '10-6-8',
    2,
    l(
      '個人データを含む通信の経路又は内容を暗号化し、移送する個人データをパスワード等により保護していますか。',
      'Do you encrypt the channel or the content of communications carrying personal data, and protect personal data in transfer by password or similar?',
    ),
  ),
]);

// 別添 10-7: handling personal data abroad 「当該外国の個人情報の保護に関する制度等を把握した上で…講じなければならない」.
export const externalEnvironment = section(
  '10-7',
  l('外的環境の把握', 'Understanding the external environment'),
  'externalEnvironment',
  [
    write(
      '10-7-1',
      2,
      l(
        '個人データを保存又は取り扱う国・地域をすべてご記入ください（外国のデータセンター・クラウドサービス、外国の拠点又は再委託先によるものを含みます。日本国内のみの場合は「日本のみ」とご記入ください）。',
        'List every country or region where the personal data is stored or handled (including data centres or cloud services abroad, and your offices or sub-contractors abroad; write "Japan only" if it stays in Japan).',
      ),
      true,
    ),
    ask(
      '10-7-2',
      3,
      l(
        '外国において個人データを取り扱う場合、当該外国の個人情報の保護に関する制度等を把握した上で、安全管理措置を講じていますか（外国で取り扱わない場合は「該当なし」を選択してください）。',
        'Where personal data is handled in a foreign country, do you take the safety-management measures with an understanding of that country’s personal information protection regime? (Choose "not applicable" if it is not handled abroad.)',
      ),
      l('当該外国の制度の調査記録', 'The record of your study of that country’s regime'),
    ),
    write(
      '10-7-3',
      1,
      l(
        'クラウドサービスを利用している場合、その提供事業者名とデータの保存場所（国・地域）をご記入ください。',
        'If you use cloud services, name their providers and where (country or region) they store the data.',
      ),
      false,
    ),
  ],
);
