import { currentEndDate, noticeDeadline } from '../../domain/agreement-terms';
import { labels } from '../../i18n/labels';
import { toCleanText, toOneLine } from '../../platform/text-output';
import type { CalendarEntry } from './calendar.ics';
import type { OpenReviewRow, RenewingAgreementRow, ReportableIncidentRow } from './calendar.repo';

/** How rows become calendar entries: summaries in Japanese and English, stable UIDs. */

const UID_DOMAIN = 'itaku';

// Kinds and statuses are named as everywhere else in itaku (src/i18n/labels.ts).
const reviewKinds = labels.reviewKind;
const reviewStatus = (status: OpenReviewRow['status']): string =>
  `${labels.reviewStatus[status].ja} / ${labels.reviewStatus[status].en}`;

/** Links go to the contractor's page of the web UI, only when ITAKU_PUBLIC_URL says where it is. */
export type ContractorLink = (contractorId: string) => string | null;

export const contractorLink =
  (publicUrl: string | undefined): ContractorLink =>
  (contractorId) =>
    publicUrl ? `${publicUrl.replace(/\/+$/, '')}/contractors/${encodeURIComponent(contractorId)}` : null;

const lines = (...parts: (string | null | false)[]) => parts.filter((p): p is string => Boolean(p)).join('\n');

/**
 * Stored text goes into a summary or a `label: value` line of a description: names,
 * titles and assignees on one line (a line break in an old row cannot forge a "Due:"
 * line), a multi-line incident summary with its later lines indented under its label.
 */
const indented = (value: string) => toCleanText(value).split('\n').join('\n  ');

export function reviewEntry(r: OpenReviewRow, link: ContractorLink): CalendarEntry {
  const kind = reviewKinds[r.kind];
  const url = link(r.contractorId);
  const name = toOneLine(r.contractorName);
  return {
    uid: `review-${r.id}@${UID_DOMAIN}`,
    date: r.dueDate,
    summary: `委託先評価: ${name} (${kind.ja} / ${kind.en})`,
    description: lines(
      `委託先 / Contractor: ${name}`,
      `種類 / Kind: ${kind.ja} / ${kind.en}`,
      `期限 / Due: ${r.dueDate}`,
      `状態 / Status: ${reviewStatus(r.status)}`,
      `担当者 / Assignee: ${r.assignee ? toOneLine(r.assignee) : '未割当 / unassigned'}`,
      url,
    ),
    url,
    sequence: r.version,
    lastModified: r.updatedAt,
    category: 'review',
  };
}

/**
 * One entry per report to the PPC still owed on an open, reportable incident (APPI
 * Art. 26; Enforcement Rules Art. 8): the preliminary report (速報) until either report
 * is recorded, the final report (確報) until it is. Mirrors presentIncident().
 */
export function incidentEntries(i: ReportableIncidentRow, link: ContractorLink): CalendarEntry[] {
  const url = link(i.contractorId);
  const name = toOneLine(i.contractorName);
  const reports = [
    {
      key: 'preliminary',
      ja: '速報',
      en: 'preliminary',
      dueOn: !i.preliminaryReportedOn && !i.finalReportedOn ? i.preliminaryDueOn : null,
    },
    { key: 'final', ja: '確報', en: 'final', dueOn: !i.finalReportedOn ? i.finalDueOn : null },
  ];
  return reports.flatMap((report) =>
    report.dueOn
      ? [
          {
            uid: `incident-${i.id}-${report.key}@${UID_DOMAIN}`,
            date: report.dueOn,
            summary: `漏えい等報告（${report.ja}）期限: ${name} (PPC ${report.en} report due)`,
            description: lines(
              `個人情報保護委員会への${report.ja}の期限 / Due date of the ${report.en} report to the PPC (APPI Art. 26)`,
              `委託先 / Contractor: ${name}`,
              `事案 / Incident: ${indented(i.summary)}`,
              `発覚日 / Discovered on: ${i.discoveredOn}`,
              `期限 / Due: ${report.dueOn}`,
              url,
            ),
            url,
            sequence: i.version,
            lastModified: i.updatedAt,
            category: 'incident',
          },
        ]
      : [],
  );
}

/**
 * The last day to give notice so that an auto-renewing agreement does not renew, computed
 * as the agreements API shows it (the stored column lags until the sweep rolls it forward).
 */
export function agreementNoticeEntry(a: RenewingAgreementRow, today: string, link: ContractorLink): CalendarEntry[] {
  const deadline = noticeDeadline(a, today);
  const end = currentEndDate(a, today);
  if (!deadline) return [];
  const url = link(a.contractorId);
  const name = toOneLine(a.contractorName);
  const title = toOneLine(a.title);
  return [
    {
      uid: `agreement-${a.id}-notice@${UID_DOMAIN}`,
      date: deadline,
      summary: `契約の更新拒絶通知期限: ${name}「${title}」 (renewal notice deadline)`,
      description: lines(
        '自動更新しない場合の通知期限 / Last day to give notice so that the agreement does not renew',
        `委託先 / Contractor: ${name}`,
        `契約 / Agreement: ${title}${a.reference ? ` (${toOneLine(a.reference)})` : ''}`,
        end && `現在の終了日 / Current end date: ${end}`,
        a.noticePeriodDays !== null && `通知期間 / Notice period: ${a.noticePeriodDays}日 / days`,
        a.renewalTermMonths !== null && `更新期間 / Renewal term: ${a.renewalTermMonths}か月 / months`,
        url,
      ),
      url,
      sequence: a.version,
      lastModified: a.updatedAt,
      category: 'agreement',
    },
  ];
}
