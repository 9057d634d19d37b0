import type { IncidentView } from '../../modules/incidents/incidents.service';

/** 【要記入】: what the record cannot say and the compliance officer still has to write. */
export const BLANK = '【要記入】';

const jaDate = (d: string | null) => {
  if (!d) return null;
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

const ITEM_OF: Record<IncidentView['reportableReasons'][number], string> = {
  special_care_data: '要配慮個人情報が含まれる個人データの漏えい等（施行規則第7条第1号）',
  financial_harm: '不正に利用されることにより財産的被害が生じるおそれがある個人データの漏えい等（同条第2号）',
  wrongful_act: '不正の目的をもって行われたおそれがある行為による個人データの漏えい等（同条第3号）',
  over_1000_people: '本人の数が1,000人を超える個人データの漏えい等（同条第4号）',
};

/**
 * The items of a report to the PPC (Enforcement Rules Art. 8(1) items 1–9; the 速報 gives
 * what is known at the time, the 確報 all of them), prefilled in Japanese from what is
 * recorded, for pasting into the PPC's report form; what the record cannot say is marked.
 */
export function ppcReportText(i: IncidentView, contractorName: string): string {
  const report = i.preliminaryReportedOn || i.finalReportedOn ? '確報' : '速報';
  const to =
    i.authority.kind === 'ppc' ? '個人情報保護委員会' : `${i.authority.minister}（法第150条による権限の委任先）`;
  const notice = i.subjectsNotifiedOn
    ? `本人への通知：${jaDate(i.subjectsNotifiedOn)}に実施`
    : i.alternativeNotice
      ? `本人への通知に代わる措置（${i.alternativeNotice.kind === 'inquiry_desk' ? '問合せ窓口の設置' : '事案の公表'}）：${jaDate(i.alternativeNotice.on)}に実施`
      : `本人への通知：未実施（予定：${BLANK}）`;
  const published =
    i.alternativeNotice?.kind === 'public_announcement'
      ? `${jaDate(i.alternativeNotice.on)}に公表`
      : `${BLANK}（公表の有無・予定）`;
  const timeline = [
    i.contractorAwareOn ? `委託先が知った日：${jaDate(i.contractorAwareOn)}` : null,
    i.contractorNotifiedOn ? `委託先から当社への通知日：${jaDate(i.contractorNotifiedOn)}` : null,
  ].filter(Boolean);
  const reasons = (i.reportableReasons.length ? i.reportableReasons : i.excludedReasons).map((r) => ITEM_OF[r]);
  return [
    `【漏えい等報告（${report}）の報告事項　個人情報保護法施行規則第8条第1項】`,
    `報告先：${to}`,
    `委託先との連名：${i.reportedJointly ? 'あり' : 'なし'}`,
    `発覚日：${jaDate(i.discoveredOn)}${i.reportDay1 !== i.discoveredOn ? `（報告対象事態に該当した日：${jaDate(i.reportDay1)}）` : ''}`,
    '',
    `1. 概要：${i.summary}`,
    `   委託先：${contractorName}${timeline.length ? `（${timeline.join('、')}）` : ''}`,
    `2. 漏えい等が発生し、又は発生したおそれがある個人データの項目：${BLANK}${i.factors.specialCare ? '（要配慮個人情報を含む）' : ''}`,
    `3. 漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数：${i.affectedCount.toLocaleString('ja-JP')}人`,
    `4. 原因：${BLANK}${i.factors.wrongfulAct ? '（不正の目的をもって行われたおそれあり）' : ''}`,
    `5. 二次被害又はそのおそれの有無及びその内容：${i.factors.financialHarm ? '財産的被害が生じるおそれあり。' : ''}${BLANK}`,
    `6. 本人への対応の実施状況：${notice}`,
    `7. 公表の実施状況：${published}`,
    `8. 再発防止のための措置：${BLANK}`,
    `9. その他参考となる事項：${reasons.length ? `該当する事態：${reasons.join('、')}` : ''}${i.factors.highlyEncrypted ? `／暗号化の状況：${i.encryptionNote ?? ''}` : ''}`,
  ].join('\n');
}
