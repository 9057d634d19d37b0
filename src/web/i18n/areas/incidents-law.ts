import { area } from '../area';

/**
 * What the law asks of a leak beyond its deadlines, on the incident's pages: the
 * encryption exclusion (Rules Art. 7), the contractor's timeline (Art. 9), where the
 * reports go, the notice to the individuals or its alternative (APPI Art. 26(2); Art. 10)
 * and the report's items (Art. 8(1)).
 */
export const incidentsLawArea = area(
  {
    'il.title': 'Leak details',
    'il.encryption': 'High-level encryption (Rules Art. 7; 通則編 3-5-3-1)',
    'il.factor.highlyEncrypted':
      'All the data concerned was protected by high-level encryption, and the key was not lost with it',
    'il.encryptionHint':
      'Then none of the situations above is reportable: the exclusion applies to every item of Rules Art. 7. Say what was encrypted, how, and where the key is.',
    'il.encryptionNote': 'What was encrypted, and that the key was not lost',
    'il.timeline': 'The contractor’s timeline (Rules Art. 9)',
    'il.timelineHint':
      'A contractor must tell us promptly, about 3–5 days (通則編 3-5-3-3, 3-5-3-5). Later than day 5 of its own knowledge raises an alert.',
    'il.contractorAwareOn': 'The contractor learned of it on',
    'il.contractorNotifiedOn': 'The contractor told us on',
    'il.becameReportableOn': 'Became reportable on (only if later than the discovery)',
    'il.becameHint':
      'E.g. the day more than 1,000 people were counted: the report deadlines count from that day (Rules Art. 8(2)).',
    'il.reporting': 'Where the reports go',
    'il.reportedJointly': 'Reported jointly with the contractor (連名, 通則編 3-5-3-2)',
    'il.authority': 'Report to',
    'il.authority.ppc': 'The Personal Information Protection Commission (PPC)',
    'il.authority.delegated_minister': 'The minister the PPC delegated its power to (APPI Art. 150)',
    'il.minister': 'Name of the minister (e.g. 金融庁長官)',
    'il.alternative': 'Instead of notices (APPI Art. 26(2) proviso; 通則編 3-5-4-5)',
    'il.alternativeHint': 'Only when the individuals cannot be notified.',
    'il.alternativeKind': 'Alternative measure',
    'il.alternativeNone': 'None: the individuals are notified',
    'il.alt.public_announcement': 'Public announcement of the incident',
    'il.alt.inquiry_desk': 'An inquiry desk, its contact made public',
    'il.alternativeOn': 'In place since',
    'il.excluded': 'Not required: high-level encryption (otherwise: {reasons})',
    'il.encryptionRow': 'Encryption',
    'il.contractorNotice': 'The contractor told us',
    'il.noticeLate': 'Late: learned on {aware}, told us on {notified}, due by {due}',
    'il.noticeOnTime': 'Learned on {aware}, told us on {notified} (due by {due})',
    'il.noticePending': 'Learned on {aware}; to tell us by {due}',
    'il.reportDay1': 'Day 1 of the report deadlines',
    'il.jointly': 'Reported jointly with the contractor',
    'il.yes': 'Yes',
    'il.no': 'No',
    'il.window': '{from} – {to}',
    'il.preliminaryRule': 'Promptly (Rules Art. 8(1)): about 3–5 days (通則編 3-5-3-3), day 3 to day 5',
    'il.alternativeMade': '{kind} since {date}',
    'il.ppcText': 'The report’s items (Rules Art. 8(1) items 1–9), for the PPC’s form',
    'il.ppcTextHint':
      'Prefilled in Japanese from what is recorded, to copy into the report form; 【要記入】 marks what is still to be written.',
    'il.subjectNoticeRequired':
      'Record the day the individuals were notified, or the public announcement or inquiry desk in its place, before closing (APPI Art. 26(2)).',
  },
  {
    'il.title': '漏えい等の詳細',
    'il.encryption': '高度な暗号化（施行規則第7条、通則編3-5-3-1）',
    'il.factor.highlyEncrypted':
      '対象の個人データはすべて高度な暗号化等の措置が講じられており、復号鍵は漏えいしていない',
    'il.encryptionHint':
      'この場合、上記のいずれの事態にも報告義務はありません（除外は施行規則第7条の各号すべてに及びます）。何をどのように暗号化したか、復号鍵の管理状況を記載してください。',
    'il.encryptionNote': '暗号化の内容と復号鍵が漏えいしていないこと',
    'il.timeline': '委託先からの通知（施行規則第9条）',
    'il.timelineHint':
      '委託先は速やかに（概ね3～5日以内。通則編3-5-3-3、3-5-3-5）当社に通知する必要があります。委託先が知った日から5日を過ぎるとアラートになります。',
    'il.contractorAwareOn': '委託先が事態を知った日',
    'il.contractorNotifiedOn': '委託先から当社への通知日',
    'il.becameReportableOn': '報告対象事態に該当した日（発覚日より後の場合のみ）',
    'il.becameHint': '例：本人の数が1,000人を超えると判明した日。報告期限はこの日から数えます（施行規則第8条第2項）。',
    'il.reporting': '報告先',
    'il.reportedJointly': '委託先との連名で報告（通則編3-5-3-2）',
    'il.authority': '報告先',
    'il.authority.ppc': '個人情報保護委員会',
    'il.authority.delegated_minister': '権限の委任を受けた事業所管大臣（法第150条）',
    'il.minister': '事業所管大臣等の名称（例：金融庁長官）',
    'il.alternative': '本人への通知に代わる措置（法第26条第2項ただし書、通則編3-5-4-5）',
    'il.alternativeHint': '本人への通知が困難な場合に限ります。',
    'il.alternativeKind': '代替措置',
    'il.alternativeNone': 'なし（本人に通知する）',
    'il.alt.public_announcement': '事案の公表',
    'il.alt.inquiry_desk': '問合せ窓口の設置と連絡先の公表',
    'il.alternativeOn': '実施日',
    'il.excluded': '不要（高度な暗号化のため。暗号化がなければ：{reasons}）',
    'il.encryptionRow': '暗号化',
    'il.contractorNotice': '委託先からの通知',
    'il.noticeLate': '遅延：委託先が知った日 {aware}、通知日 {notified}（期限 {due}）',
    'il.noticeOnTime': '委託先が知った日 {aware}、通知日 {notified}（期限 {due}）',
    'il.noticePending': '委託先が知った日 {aware}、通知期限 {due}',
    'il.reportDay1': '報告期限の起算日',
    'il.jointly': '委託先との連名',
    'il.yes': 'あり',
    'il.no': 'なし',
    'il.window': '{from}～{to}',
    'il.preliminaryRule': '速やかに（施行規則第8条第1項）：概ね3～5日以内（通則編3-5-3-3）、3日目から5日目',
    'il.alternativeMade': '{kind}（{date}～）',
    'il.ppcText': '報告事項（施行規則第8条第1項第1号～第9号）：個人情報保護委員会の報告フォーム用',
    'il.ppcTextHint':
      '記録内容から作成した下書きです。報告フォームに貼り付けてください。【要記入】の箇所は追記が必要です。',
    'il.subjectNoticeRequired':
      '終了する前に、本人への通知日、またはこれに代わる公表・問合せ窓口の設置を記録してください（法第26条第2項）。',
  },
);
