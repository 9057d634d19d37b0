import { labelOf, labels } from '../i18n/labels';
import { alertsOfRun } from '../modules/alerts/alerts.repo';
import type { ServiceContext } from '../platform/app-env';
import type { MailMessage } from '../platform/mailer';
import { toOneLine } from '../platform/text-output';

export interface DigestPayload {
  runId: string;
  audience: string;
  chainHead: { seq: number; hash: string } | null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const CHECKPOINT_LABEL = '監査ログのチェックポイント / Audit checkpoint:';

/**
 * The audit chain head as a checkpoint (`seq:hash`) a reader can keep elsewhere and paste
 * back into either check: once the database is rewritten or rows are removed, the chain
 * no longer holds it.
 */
function auditCheckpoint(head: DigestPayload['chainHead']): { value: string; hints: string[] } {
  if (!head) return { value: '(なし / none yet)', hints: [] };
  const value = toOneLine(`${head.seq}:${head.hash}`);
  return {
    value,
    hints: [
      '保管しておくと、後からデータベースが書き換えられた場合に次のどちらかで検知できます。',
      'Keep it: either of these later reveals a rewritten database.',
      `  GET /api/v1/audit-events/verify?checkpoint=${value}`,
      `  npm run cli -- verify-audit --checkpoint ${value}`,
    ],
  };
}

/**
 * The e-mail digest of one sweep for one recipient, in Japanese then English: each new
 * (or, for managers, escalated) alert with contractor, due date and a link, closing
 * with the audit checkpoint (`seq:hash`) so that a later rewrite of the database can be
 * detected by pasting it back into the verification.
 *
 * Every stored value goes through toOneLine() before it is placed on a line: rows written
 * before the text rules existed may hold line breaks, controls or bidi overrides, and none
 * of them may add a line to the digest, or reorder what a reader sees after it.
 */
export async function composeDigest(
  ctx: Pick<ServiceContext, 'db'>,
  to: string,
  payload: DigestPayload,
  baseUrl: string,
): Promise<MailMessage | null> {
  const rows = await alertsOfRun(
    ctx.db,
    payload.runId,
    payload.audience === 'manager' ? 'escalated' : 'raised-or-escalated',
  );
  if (rows.length === 0) return null;
  const link = (contractorId: string) =>
    `${baseUrl.replace(/\/$/, '')}/contractors/${encodeURIComponent(toOneLine(contractorId))}`;
  const escalated = rows.filter((r) => r.escalatedRun === payload.runId).length;
  const subject = `[itaku] 新しいアラート ${rows.length} 件${escalated ? `（うちエスカレーション ${escalated} 件）` : ''} / ${rows.length} new alert${rows.length === 1 ? '' : 's'}${escalated ? ` (${escalated} escalated)` : ''}`;
  const line = (r: (typeof rows)[number], lang: 'ja' | 'en') => {
    // A value no table knows (a row from a newer version) is shown as stored, on one line.
    const kind = toOneLine(labelOf(labels.alertKind, r.kind, lang));
    // In the bracketed tag the English severity is written in lower case: `[warning]`.
    const severity = toOneLine(labelOf(labels.severity, r.severity, lang));
    const sev = lang === 'en' ? severity.toLowerCase() : severity;
    const esc = r.escalatedRun === payload.runId ? (lang === 'ja' ? '【エスカレーション】' : '[escalated] ') : '';
    const due = r.dueDate
      ? lang === 'ja'
        ? `期限 ${toOneLine(r.dueDate)}`
        : `due ${toOneLine(r.dueDate)}`
      : lang === 'ja'
        ? '期限なし'
        : 'no due date';
    return { text: `${esc}[${sev}] ${kind}: ${toOneLine(r.contractorName)} (${due})`, url: link(r.contractorId) };
  };
  const checkpoint = auditCheckpoint(payload.chainHead);
  const textParts = [
    'itaku 監督アラート（日次スイープ）',
    '',
    ...rows.flatMap((r) => {
      const l = line(r, 'ja');
      return [`・${l.text}`, `  ${l.url}`];
    }),
    '',
    '----',
    'itaku supervision alerts (daily sweep)',
    '',
    ...rows.flatMap((r) => {
      const l = line(r, 'en');
      return [`- ${l.text}`, `  ${l.url}`];
    }),
    '',
    '----',
    `${CHECKPOINT_LABEL} ${checkpoint.value}`,
    ...checkpoint.hints,
  ];
  const htmlList = (lang: 'ja' | 'en') =>
    `<ul>${rows
      .map((r) => {
        const l = line(r, lang);
        return `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`;
      })
      .join('')}</ul>`;
  const html = `<!doctype html><html><body>
<h2 lang="ja">itaku 監督アラート</h2>${htmlList('ja')}
<hr><h2 lang="en">itaku supervision alerts</h2>${htmlList('en')}
<hr><p><small>${escapeHtml(CHECKPOINT_LABEL)} <code>${escapeHtml(checkpoint.value)}</code>${checkpoint.hints
    .map((h) => `<br>${escapeHtml(h.trim())}`)
    .join('')}</small></p>
</body></html>`;
  return { to, subject, text: textParts.join('\n'), html };
}
