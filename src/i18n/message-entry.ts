/** One message code's text in both languages; the type makes both required. */
export type Params = Record<string, string | number>;
export type Text<P extends Params> = (p: P) => string;
export interface Entry<P extends Params> {
  en: Text<P>;
  ja: Text<P>;
}
export const entry = <P extends Params = Record<never, never>>(en: Text<P>, ja: Text<P>): Entry<P> => ({ en, ja });
