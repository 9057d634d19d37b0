import { area } from '../area';

/** The calendar feed settings: issue, show once, revoke. */
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
  },
);
