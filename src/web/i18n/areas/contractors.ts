import { area } from '../area';

/** Additions for the contractors pages: the register, the form, status changes and what to do next. */
export const contractorsArea = area(
  {
    'ctr.sup.selectionPending': 'Not yet selected',
    'ctr.country': 'Country or region',
    'ctr.country.common': 'Frequently used',
    'ctr.country.all': 'All countries and regions',
    'ctr.parent.none': 'None (not a sub-contractor)',
    'ctr.parent.search': 'Find the parent contractor by name',
    'ctr.parent.hint':
      'Type part of the name or its kana and press “Search”: the matching contractors appear above as choices.',
    'ctr.parent.find': 'Search',
    'ctr.parent.found': 'Contractors matching “{q}” ({n}): choose one.',
    'ctr.parent.notFound': 'No contractor matches “{q}”.',
    'ctr.conflict':
      'Someone else saved this contractor after you opened the page. What you entered is kept; save again to apply it over their change.',
    'ctr.disposition': 'Data returned or deleted',
    'ctr.allAlerts': 'All alerts of this contractor',
    'ctr.reason': 'Reason',
    'ctr.required': '(required)',
    'ctr.system': 'itaku (automatically)',
    'ctr.changed': 'The status is now “{status}”.',
    'ctr.to.approved': 'Approve',
    'ctr.to.active': 'Start the work (active)',
    'ctr.to.suspended': 'Suspend',
    'ctr.to.terminated': 'Terminate',
    'ctr.next.title': 'Next step',
    'ctr.next.noSelection':
      'This contractor has not been reviewed yet. Before entrusting it with personal data, schedule and carry out a selection review (APPI Art. 25).',
    'ctr.next.doSelection': 'The selection review is due on {date}. Once it passes, the contractor can be approved.',
    'ctr.next.failedPending':
      'The selection ended “{outcome}”. Next: {kind} review, due on {date}. If it passes (satisfactory or minor findings), the contractor can be approved.',
    'ctr.next.failedNothing':
      'The selection ended “{outcome}” and nothing is scheduled. Schedule a follow-up review (passing it allows approval) or a new selection review.',
    'ctr.next.approve': 'Passed: {kind} review of {date}. The contractor can be approved.',
    'ctr.next.activate': 'Approved. Start the work once the agreement is signed.',
    'ctr.next.openReview': 'Open the review',
    'ctr.next.scheduleFollowUp': 'Schedule a follow-up review',
    'ctr.next.scheduleSelection': 'Schedule a selection review',
    'ctr.tr.title': 'Change the status of {name}',
    'ctr.tr.what.approved': 'Approving records that the contractor was selected after a passing review.',
    'ctr.tr.what.active': 'The contractor starts handling personal data for us and is supervised from now on.',
    'ctr.tr.what.suspended':
      'The contractor stops handling personal data for now. Its reviews stay scheduled; it can be made active again.',
    'ctr.tr.what.terminated':
      'The work ends for good: this cannot be undone. Every agreement must record that the data was returned or deleted.',
    'ctr.tr.cancels': 'Its {n} open review(s) will be cancelled.',
    'ctr.tr.reasonRequired': 'Required: it is kept in the audit trail with the change.',
    'ctr.tr.reasonOptional': 'Optional: it is kept in the audit trail with the change.',
    'ctr.tr.reasonMissing': 'Enter the reason for this change.',
    'ctr.tr.confirm': 'I confirm the change to “{to}”.',
    'ctr.tr.confirmMissing': 'Tick this box to confirm the change.',
    'ctr.tr.back': 'Back to the contractor',
    'ctr.tr.notAllowed': 'This contractor cannot be given this status from its current one.',
    'ctr.tr.conflict':
      'Someone else changed this contractor after you opened the page. It is shown as it is now; what you entered is kept. Send it again to apply it.',
    'ctr.tr.dispositionMissing':
      'Termination needs the return or deletion of the data recorded on every agreement. Not recorded yet on:',
    'ctr.tr.recordDisposition': 'Record the return or deletion for “{title}”',
    'ctr.tr.seeNextStep': 'What to do so that it can be approved',
    'ctr.tr.notSelected':
      'This contractor has not passed a selection review yet (nor a follow-up after a failed one): approval will be refused.',
  },
  {
    'ctr.sup.selectionPending': '選定未了',
    'ctr.country': '所在国・地域',
    'ctr.country.common': 'よく使う国・地域',
    'ctr.country.all': 'すべての国・地域',
    'ctr.parent.none': 'なし（再委託先ではない）',
    'ctr.parent.search': '再委託元の委託先を名称で検索',
    'ctr.parent.hint':
      '名称またはフリガナの一部を入力して「検索」を押すと、該当する委託先が上に選択肢として表示されます。',
    'ctr.parent.find': '検索',
    'ctr.parent.found': '「{q}」に該当する委託先（{n}件）から選んでください。',
    'ctr.parent.notFound': '「{q}」に該当する委託先はありません。',
    'ctr.conflict':
      'この画面を開いた後に、ほかの人がこの委託先を保存しました。入力内容はそのまま残しています。もう一度保存すると、入力内容で上書きします。',
    'ctr.disposition': '個人情報の返却・削除',
    'ctr.allAlerts': 'この委託先のアラートをすべて表示',
    'ctr.reason': '理由',
    'ctr.required': '（必須）',
    'ctr.system': 'itaku（自動）',
    'ctr.changed': 'ステータスを「{status}」に変更しました。',
    'ctr.to.approved': '承認する',
    'ctr.to.active': '委託を開始する',
    'ctr.to.suspended': '委託を停止する',
    'ctr.to.terminated': '委託を終了する',
    'ctr.next.title': '次に行うこと',
    'ctr.next.noSelection':
      'この委託先はまだ評価・監査を受けていません。個人データの取扱いを委託する前に、選定評価を予定して実施してください（個人情報保護法25条）。',
    'ctr.next.doSelection': '選定評価の期限は{date}です。結果が合格であれば承認できます。',
    'ctr.next.failedPending':
      '選定評価の結果は「{outcome}」でした。{kind}（期限 {date}）の結果が「適切」または「軽微な指摘あり」であれば承認できます。',
    'ctr.next.failedNothing':
      '選定評価の結果は「{outcome}」で、予定されている評価・監査はありません。フォローアップ（合格すれば承認できます）または新たな選定評価を予定してください。',
    'ctr.next.approve': '{date}の{kind}に合格しました。承認できます。',
    'ctr.next.activate': '承認済みです。委託契約の締結後に委託を開始してください。',
    'ctr.next.openReview': '評価・監査を開く',
    'ctr.next.scheduleFollowUp': 'フォローアップを予定する',
    'ctr.next.scheduleSelection': '選定評価を予定する',
    'ctr.tr.title': '{name}のステータス変更',
    'ctr.tr.what.approved': '評価・監査に合格し、委託先として選定したことを記録します。',
    'ctr.tr.what.active': '個人データの取扱いの委託を開始し、以後は定期的な監督の対象になります。',
    'ctr.tr.what.suspended':
      '個人データの取扱いの委託を一時的に停止します。予定中の評価・監査はそのまま残り、後で委託を再開できます。',
    'ctr.tr.what.terminated':
      '委託を終了します。元に戻すことはできません。すべての委託契約で、個人情報の返却または削除が記録されている必要があります。',
    'ctr.tr.cancels': '予定中の評価・監査 {n} 件は中止されます。',
    'ctr.tr.reasonRequired': '必須です。変更とともに監査証跡に記録されます。',
    'ctr.tr.reasonOptional': '任意です。変更とともに監査証跡に記録されます。',
    'ctr.tr.reasonMissing': '変更の理由を入力してください。',
    'ctr.tr.confirm': '「{to}」への変更を確認しました。',
    'ctr.tr.confirmMissing': '変更を確認のうえ、チェックを入れてください。',
    'ctr.tr.back': '委託先に戻る',
    'ctr.tr.notAllowed': '現在のステータスからは、このステータスに変更できません。',
    'ctr.tr.conflict':
      'この画面を開いた後に、ほかの人がこの委託先を変更しました。現在の内容を表示しています。入力内容はそのまま残していますので、もう一度送信してください。',
    'ctr.tr.dispositionMissing':
      '委託を終了するには、すべての委託契約で個人情報の返却・削除を記録する必要があります。次の委託契約がまだ記録されていません:',
    'ctr.tr.recordDisposition': '「{title}」の返却・削除を記録する',
    'ctr.tr.seeNextStep': '承認できるようにするには',
    'ctr.tr.notSelected':
      'この委託先は、まだ選定評価（不合格の後はフォローアップ）に合格していません。このままでは承認できません。',
  },
);
