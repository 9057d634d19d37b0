import { addMonths } from '../../domain/calendar';
import type { DocumentView } from '../../modules/documents/documents.service';
import type { I18n } from '../i18n';
import { Badge } from '../layout';

/**
 * A Privacy Mark's renewal: JIPDEC takes the application from 8 months before the mark
 * expires until 4 months before; applied for later, the registration lapses at expiry
 * (プライバシーマーク付与適格性審査 更新申請). The sweep warns from the same day.
 */
export function renewalWindow(validUntil: string, today: string) {
  const opens = addMonths(validUntil, -8);
  const closes = addMonths(validUntil, -4);
  const state = today < opens ? 'upcoming' : today <= closes ? 'open' : 'closed';
  return { opens, closes, state } as const;
}

/** valid / expiring / expired as a badge; a document without an end date says so. */
export function StatusBadge(props: { i18n: I18n; status: DocumentView['status'] }) {
  const { t } = props.i18n;
  if (props.status === null) return <span class="muted">{t('doc.status.none')}</span>;
  return <Badge value={`doc-${props.status}`} label={t(`doc.status.${props.status}`)} />;
}

/** "from – until", either end possibly open. */
export function validityText(i18n: I18n, d: Pick<DocumentView, 'validFrom' | 'validUntil'>): string {
  if (!d.validFrom && !d.validUntil) return '—';
  return `${d.validFrom ? i18n.date(d.validFrom) : ''} – ${d.validUntil ? i18n.date(d.validUntil) : ''}`;
}

/** The renewal window of a Privacy Mark that is the newest on file; nothing for other documents. */
export function RenewalWindow(props: { i18n: I18n; document: DocumentView; today: string; superseded: boolean }) {
  const { t, date } = props.i18n;
  const d = props.document;
  if (d.kind !== 'privacy_mark' || !d.validUntil || props.superseded) return null;
  const w = renewalWindow(d.validUntil, props.today);
  return (
    <span class={`pm-window ${w.state}`}>
      {t('doc.pm.window', { from: date(w.opens), until: date(w.closes) })}{' '}
      <Badge value={`pm-${w.state}`} label={t(`doc.pm.${w.state}`)} />
    </span>
  );
}

/**
 * Documents replaced by a newer one of the same kind for the same contractor (valid for
 * longer): the sweep no longer warns about them, and neither does the page.
 */
export function supersededIds(docs: readonly DocumentView[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) {
    if (!d.validUntil) continue;
    const until = d.validUntil;
    if (docs.some((o) => o.id !== d.id && o.kind === d.kind && o.validUntil !== null && o.validUntil > until)) {
      out.add(d.id);
    }
  }
  return out;
}
