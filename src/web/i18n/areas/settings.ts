import { area } from '../area';

/** The settings pages: the calendar feed (issue, show once, revoke) and the selection criteria. */
export const settings = area(
  {
    'set.title': 'Calendar feed',
    'set.intro':
      'Subscribe to the supervision calendar in Outlook or Google Calendar: review due dates, the deadlines of incident reports to the PPC and the notice deadlines of agreements appear as all-day events and update by themselves.',
    'set.secret':
      'The address contains a secret token: whoever has it can read these dates (and change nothing). Do not share it; revoke it if it leaks.',
    'set.active': 'Your feed address is active (issued {at}).',
    'set.inactive': 'You have no active feed address.',
    'set.issue': 'Issue a feed address',
    'set.reissue': 'Issue a new feed address',
    'set.confirmReissue':
      'I understand that the current address stops working and calendars subscribed to it stop updating.',
    'set.revoke': 'Revoke the feed address',
    'set.confirmRevoke': 'I understand that calendars subscribed to this address stop updating.',
    'set.confirmRequired': 'Tick the box to confirm.',
    'set.issued': 'Your new feed address',
    'set.once': 'It is shown only this once: copy it now. itaku keeps only a hash of the token.',
    'set.url': 'Feed address (iCalendar)',
    'set.outlook': 'Outlook: Add calendar → Subscribe from web, then paste the address.',
    'set.google': 'Google Calendar: Other calendars → + → From URL, then paste the address.',
    'set.back': 'Back to the calendar feed',
    'set.revoked': 'The feed address was revoked.',
    'set.idx.title': 'Settings',
    'set.idx.organisation': 'The organisation’s rules',
    'set.idx.yours': 'Your own',
    'set.idx.selection': 'The minimum rating per checklist category a contractor needs before approval (選定基準).',
    'set.idx.holidays': 'Extra days the office is closed, which move legal deadlines such as the final leak report.',
    'set.idx.subjectRequests':
      'How many days the organisation gives itself to answer a person’s request about their data.',
    'set.sel.title': 'Selection criteria for contractors',
    'set.sel.intro':
      'Before personal data is entrusted to a contractor, its selection review must confirm its safety-management measures (APPI Art. 25; PPC General Guidelines 3-4-4 (1)). Approval is refused while the deciding selection review rates a category below the minimum set here. The guideline itself requires at least “Needs improvement” where it says the measure must be taken.',
    'set.sel.legend': 'Minimum rating for approval',
    'set.sel.required': 'Required by the guideline (§10): the minimum is at least “Needs improvement”.',
    'set.sel.abroad': 'Required when the data is handled abroad (§10-7); not checked otherwise.',
    'set.sel.recommended': 'Recommended by the guideline (§10-1): no minimum unless you set one.',
    'set.sel.atLeast': 'At least “{rating}”',
    'set.sel.none': 'No minimum',
    'set.sel.save': 'Save the selection criteria',
    'set.sel.saved': 'The selection criteria were saved. Approvals from now on are checked against them.',
    'set.sel.defaults': 'The defaults apply: the guideline’s minimum, nothing more.',
    'set.sel.updated': 'Last changed {at} by {by}.',
    'set.sel.conflict':
      'Someone else changed the selection criteria after you opened the page. The page shows your choices; send them again to replace what is saved.',
  },
  {
    'set.title': 'カレンダー配信',
    'set.intro':
      '監督の予定をOutlookやGoogleカレンダーで購読できます。評価・監査の期限、漏えい等事案の個人情報保護委員会への報告期限（速報・確報）、委託契約の更新拒絶の通知期限が終日の予定として表示され、自動的に更新されます。',
    'set.secret':
      'URLには秘密のトークンが含まれます。URLを知っている人は誰でもこれらの予定を閲覧できます（変更はできません）。共有せず、漏えいした場合は無効にしてください。',
    'set.active': '配信URLは有効です（発行日時: {at}）。',
    'set.inactive': '有効な配信URLはありません。',
    'set.issue': '配信URLを発行する',
    'set.reissue': '配信URLを再発行する',
    'set.confirmReissue': '現在のURLが使えなくなり、購読中のカレンダーが更新されなくなることを理解しました。',
    'set.revoke': '配信URLを無効にする',
    'set.confirmRevoke': 'このURLを購読中のカレンダーが更新されなくなることを理解しました。',
    'set.confirmRequired': '確認のため、チェックを入れてください。',
    'set.issued': '新しい配信URL',
    'set.once':
      'このURLは今回だけ表示されます。今すぐコピーしてください（itakuにはトークンのハッシュ値のみが保存されます）。',
    'set.url': '配信URL（iCalendar形式）',
    'set.outlook': 'Outlook: 「予定表を追加」→「Web から定期受信」を選び、URLを貼り付けます。',
    'set.google': 'Googleカレンダー: 「他のカレンダー」の「＋」→「URLで追加」を選び、URLを貼り付けます。',
    'set.back': 'カレンダー配信の設定に戻る',
    'set.revoked': '配信URLを無効にしました。',
    'set.idx.title': '設定',
    'set.idx.organisation': '組織の設定',
    'set.idx.yours': '個人の設定',
    'set.idx.selection': '委託先を承認する前に、チェック項目ごとに求める最低限の評価（選定基準）です。',
    'set.idx.holidays': '祝日のほかに休業とする日です。確報の期限など、法定の期限の計算に反映されます。',
    'set.idx.subjectRequests': '本人からの開示等の請求に対応する社内の期限（受付日からの日数）です。',
    'set.sel.title': '委託先の選定基準',
    'set.sel.intro':
      '個人データの取扱いを委託する前に、選定評価で委託先の安全管理措置を確認する必要があります（個人情報保護法第25条、通則編3-4-4(1)）。承認を判断する選定評価で、いずれかの項目の評価がここで定めた基準を下回る場合、承認できません。ガイドラインで「講じなければならない」とされる項目は、少なくとも「要改善」以上である必要があります。',
    'set.sel.legend': '承認に必要な最低限の評価',
    'set.sel.required': 'ガイドライン（通則編10）で必須の項目です。基準は「要改善」以上です。',
    'set.sel.abroad': '外国で個人データを取り扱う場合に必須の項目です（通則編10-7）。それ以外の場合は確認しません。',
    'set.sel.recommended': 'ガイドラインで重要とされる推奨項目です（通則編10-1）。基準を定めない限り確認しません。',
    'set.sel.atLeast': '「{rating}」以上',
    'set.sel.none': '基準なし',
    'set.sel.save': '選定基準を保存する',
    'set.sel.saved': '選定基準を保存しました。以後の承認は、この基準で判断します。',
    'set.sel.defaults': '初期設定（ガイドラインが求める最低限の基準）を適用しています。',
    'set.sel.updated': '最終変更: {at}（{by}）',
    'set.sel.conflict':
      'このページを開いた後に、ほかの人が選定基準を変更しました。入力した内容はそのまま残してありますので、保存内容を置き換える場合はもう一度送信してください。',
  },
);
