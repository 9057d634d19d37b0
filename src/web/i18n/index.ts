import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Label, type LabelTable, labelOf } from '../../i18n/labels';
import { type Lang, negotiateLang } from '../../i18n/language';
import { type AreaKey, areaEn, areaJa } from './areas';
import { type MessageKey as CoreKey, en } from './en';
import { ja } from './ja';

/** Japanese and English for every message of the web UI; enum values use the shared labels (src/i18n). */
export type { Lang };
export type MessageKey = CoreKey | AreaKey;

const dictionaries: Record<Lang, Record<MessageKey, string>> = {
  en: { ...en, ...areaEn },
  ja: { ...ja, ...areaJa },
};

export interface I18n {
  lang: Lang;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The label of an enum value from its table in src/i18n/labels.ts; the value itself when the table lacks it. */
  label<V extends string>(table: LabelTable<V>, value: V | null | undefined): string;
  /** A single label (one that belongs to no table) in this language. */
  text(label: Label): string;
  /** A calendar date as this language writes it. */
  date(date: string | null | undefined): string;
  /** An instant (ISO timestamp) as a date and time in the organisation's time zone (ITAKU_TIMEZONE). */
  dateTime(iso: string | null | undefined): string;
}

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }),
};

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function timeFormat(lang: Lang, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang} ${timeZone}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    timeFormats.set(key, f);
  }
  return f;
}

export function i18n(lang: Lang, timeZone = 'Asia/Tokyo'): I18n {
  const dict = dictionaries[lang];
  return {
    lang,
    t: (key, params) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? '')),
    label: (table, value) => labelOf(table, value, lang),
    text: (label) => label[lang],
    // Civil dates are formatted at UTC midnight so no zone can move them a day.
    date: (date) => (date ? dateFormats[lang].format(new Date(`${date}T00:00:00Z`)) : ''),
    dateTime: (iso) => (iso ? timeFormat(lang, timeZone).format(new Date(iso)) : ''),
  };
}

export const LANG_COOKIE = 'itaku_lang';

/** `?lang=` first, then the remembered choice, then Accept-Language; Japanese by default. */
export function pickLang(c: Context): Lang {
  return negotiateLang({
    explicit: c.req.query('lang'),
    remembered: getCookie(c, LANG_COOKIE),
    acceptLanguage: c.req.header('accept-language'),
  });
}
