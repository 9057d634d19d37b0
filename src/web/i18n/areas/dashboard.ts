import { area } from '../area';

/** Additions for the dashboard pages. */
export const dashboardArea = area(
  {
    'dsh.matrixNote':
      '“{pending}” counts contractors not yet selected (proposed: no selection review passed yet) apart, unless a review of theirs is overdue or due soon: “On track” and “Nothing scheduled” count only selected contractors. Terminated contractors are not counted.',
    'dsh.month': 'Month',
  },
  {
    'dsh.matrixNote':
      '「{pending}」は、まだ選定していない委託先（提案中：選定評価に合格していない委託先）を別に数えたものです（期限超過・期限間近の評価がある場合はその列に数えます）。「予定どおり」「予定なし」には選定済みの委託先だけを数えます。終了した委託先は数えません。',
    'dsh.month': '月',
  },
);
