import { area } from '../area';

/** The findings pages: corrective actions (是正措置) from reviews, followed up to their resolution. */
export const findings = area(
  {
    'fnd.title': 'Findings (corrective actions)',
    'fnd.detail': 'Finding at {name}',
    'fnd.contractor': 'Contractor',
    'fnd.review': 'Review',
    'fnd.openReview': 'Open the review',
    'fnd.noReview': 'recorded outside a review',
    'fnd.status': 'Status',
    'fnd.allStatuses': 'All',
    'fnd.overdueOnly': 'Only past the correction date',
    'fnd.resolve': 'Resolve',
    'fnd.resolveTitle': 'Resolve the finding',
    'fnd.resolveHint': 'Record the day the correction was confirmed and what was done.',
    'fnd.resolvedOn': 'Resolved on',
    'fnd.note': 'What was done',
    'fnd.markResolved': 'Mark as resolved',
    'fnd.resolved': 'The finding is resolved.',
    'fnd.conflict':
      'Someone else changed this finding meanwhile. What is saved now is shown; your entries are kept. Save again to apply them.',
    'fnd.back': 'Back to the list',
  },
  {
    'fnd.title': '指摘事項（是正措置）',
    'fnd.detail': '{name}への指摘事項',
    'fnd.contractor': '委託先',
    'fnd.review': '評価・監査',
    'fnd.openReview': '評価・監査を表示',
    'fnd.noReview': '評価・監査以外で記録',
    'fnd.status': '対応状況',
    'fnd.allStatuses': 'すべて',
    'fnd.overdueOnly': '是正期限を過ぎたもののみ',
    'fnd.resolve': '解決を記録',
    'fnd.resolveTitle': '指摘事項の解決を記録',
    'fnd.resolveHint': '是正を確認した日と、実施された是正の内容を記録してください。',
    'fnd.resolvedOn': '解決日',
    'fnd.note': '是正の内容',
    'fnd.markResolved': '解決済みにする',
    'fnd.resolved': '指摘事項を解決済みにしました。',
    'fnd.conflict':
      'ほかの人がこの指摘事項を先に変更しました。現在の内容を表示しています。入力した内容は残っているので、もう一度保存すると反映されます。',
    'fnd.back': '一覧に戻る',
  },
);
