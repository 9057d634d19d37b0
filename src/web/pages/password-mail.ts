import { i18n } from '../i18n';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/**
 * The e-mail with a link to set a new password, in Japanese then English: whoever
 * receives it may read either. The expiry is shown in the organisation's time zone.
 */
export function resetMail(url: string, expiresAt: string, timeZone: string) {
  const parts = (['ja', 'en'] as const).map((lang) => {
    const l = i18n(lang, timeZone);
    return [l.t('people.mailBody', { expires: l.dateTime(expiresAt) }), url, l.t('people.mailIgnore')];
  });
  const subject = `${i18n('ja').t('people.mailSubject')} / ${i18n('en').t('people.mailSubject')}`;
  const text = `${parts.map((p) => p.join('\n\n')).join('\n\n----\n\n')}\n`;
  const paragraph = (p: string) =>
    p === url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : `<p>${escapeHtml(p)}</p>`;
  const html = parts.map((p) => p.map(paragraph).join('\n')).join('\n<hr>\n');
  return { subject, text, html };
}
