import { area } from '../area';

/** The organisation's extra closed days (settings), which report deadlines roll past. */
export const holidaysArea = area(
  {
    'hol.title': 'Closed days',
    'hol.intro':
      'A report deadline that falls on a Saturday, Sunday, national holiday or 29 Dec–3 Jan moves to the next open day (通則編 3-5-3-4; 行政機関の休日に関する法律 Art. 1). National holidays come from the holiday data; add here a holiday it does not know yet, such as a one-off holiday enacted by its own law.',
    'hol.dataEnds': 'The holiday data covers national holidays up to {date}.',
    'hol.list': 'Extra closed days',
    'hol.none': 'No extra closed day is listed.',
    'hol.day': 'Day',
    'hol.name': 'Name',
    'hol.added': 'Added',
    'hol.addedBy': '{at} by {who}',
    'hol.add': 'Add a closed day',
    'hol.addButton': 'Add',
    'hol.added.notice': 'Added. Open deadlines that fell on it have moved.',
    'hol.removed.notice': 'Removed. Open deadlines it had moved have moved back.',
    'hol.remove': 'Remove',
    'hol.confirm': 'Yes, remove {day}',
    'hol.confirmRequired': 'Tick the box to confirm the removal.',
    'hol.actions': 'Actions',
    'hol.readOnly': 'Only compliance and administrators can change the closed days.',
  },
  {
    'hol.title': '休業日の設定',
    'hol.intro':
      '報告期限が土曜日・日曜日・国民の祝日・12月29日～1月3日に当たるときは、その翌日以降の最初の開庁日が期限になります（通則編3-5-3-4、行政機関の休日に関する法律第1条）。祝日は祝日データから判定します。特別法で定められた臨時の祝日など、データにまだない休日はここに追加してください。',
    'hol.dataEnds': '祝日データは{date}までの国民の祝日を収録しています。',
    'hol.list': '追加の休業日',
    'hol.none': '追加の休業日はありません。',
    'hol.day': '日付',
    'hol.name': '名称',
    'hol.added': '登録',
    'hol.addedBy': '{at}（{who}）',
    'hol.add': '休業日を追加',
    'hol.addButton': '追加する',
    'hol.added.notice': '追加しました。この日に当たっていた対応中の報告期限は繰り下げられました。',
    'hol.removed.notice': '削除しました。この日により繰り下げられていた報告期限は元に戻りました。',
    'hol.remove': '削除',
    'hol.confirm': '{day}を削除する',
    'hol.confirmRequired': '削除する場合はチェックを入れてください。',
    'hol.actions': '操作',
    'hol.readOnly': '休業日を変更できるのはコンプライアンス担当者と管理者のみです。',
  },
);
