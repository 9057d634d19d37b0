/**
 * The messages of one area of the web UI (its pages), English and Japanese side by side:
 * the Japanese table must have every key of the English one, and no other.
 */
export const area = <const E extends Record<string, string>>(en: E, ja: { [K in keyof E]: string }) => ({ en, ja });
