/** The languages itaku speaks; Japanese is the default. */
export const langs = ['ja', 'en'] as const;
export type Lang = (typeof langs)[number];
export const DEFAULT_LANG: Lang = 'ja';

export const isLang = (value: unknown): value is Lang => value === 'ja' || value === 'en';

/** The first of `ja` or `en` an Accept-Language header names, in its order; null when it names neither. */
export function langFromAcceptLanguage(header: string | undefined): Lang | null {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return null;
}

/** An explicit choice first, then a remembered one, then the client's preference, else Japanese. */
export function negotiateLang(choice: { explicit?: unknown; remembered?: unknown; acceptLanguage?: string }): Lang {
  if (isLang(choice.explicit)) return choice.explicit;
  if (isLang(choice.remembered)) return choice.remembered;
  return langFromAcceptLanguage(choice.acceptLanguage) ?? DEFAULT_LANG;
}
