import type { I18n } from './i18n';

/**
 * Previous / next for keyset lists. The server pages forward by cursor only, so the way
 * back is carried in the link: `back` holds the cursors of the pages before this one,
 * `-` standing for the first (at most 50 are kept).
 */
export interface PagerState {
  /** The list's path and its filters, without cursor or back. */
  base: string;
  params: URLSearchParams;
  cursor: string | undefined;
  back: string[];
}

const MAX_BACK = 50;
const SEP = '~';
/** The first page in the trail: it has no cursor. */
const FIRST = '-';

/** Reads `cursor` and `back` from the query; `base` is the list's path. */
export function pagerState(url: string): PagerState {
  const u = new URL(url);
  const params = new URLSearchParams(u.search);
  const cursor = params.get('cursor') || undefined;
  const back = (params.get('back') ?? '')
    .split(SEP)
    .filter((s) => s !== '' && s.length < 400)
    .slice(-MAX_BACK);
  params.delete('cursor');
  params.delete('back');
  params.delete('lang');
  return { base: u.pathname, params, cursor, back };
}

function href(state: PagerState, cursor: string | undefined, back: string[]): string {
  const p = new URLSearchParams(state.params);
  if (cursor) p.set('cursor', cursor);
  if (cursor && back.length) p.set('back', back.join(SEP));
  const qs = p.toString();
  return qs ? `${state.base}?${qs}` : state.base;
}

/** The links of a page: previous (null on the first page) and next (null on the last). */
export function pagerLinks(state: PagerState, nextCursor: string | null): { prev: string | null; next: string | null } {
  const here = state.cursor;
  let prev: string | null = null;
  if (here !== undefined) {
    const last = state.back.at(-1);
    prev = href(state, last === undefined || last === FIRST ? undefined : last, state.back.slice(0, -1));
  }
  const next = nextCursor ? href(state, nextCursor, [...state.back, here ?? FIRST]) : null;
  return { prev, next };
}

/** One page of a list as the server answered it: where it is, the next cursor, the count of all. */
export interface ListPaging {
  state: PagerState;
  nextCursor: string | null;
  total: number;
  pageSize: number;
}

/**
 * "Previous · 51–100 of 1,234 · Next" under a list. `offset` is how many rows come before
 * this page (the length of the trail times the page size).
 */
export function Pager(props: ListPaging & { i18n: I18n; shown: number }) {
  const { t } = props.i18n;
  const { prev, next } = pagerLinks(props.state, props.nextCursor);
  const first = props.state.cursor === undefined ? 0 : props.state.back.length * props.pageSize;
  const from = props.shown ? first + 1 : 0;
  const to = first + props.shown;
  const n = (v: number) => v.toLocaleString(props.i18n.lang === 'ja' ? 'ja-JP' : 'en-GB');
  return (
    <nav class="pager" aria-label={t('list.pages')}>
      {prev !== null ? (
        <a class="button secondary" rel="prev" href={prev}>
          {t('list.prev')}
        </a>
      ) : null}
      <span class="muted">{t('list.range', { from: n(from), to: n(to), total: n(props.total) })}</span>
      {next !== null ? (
        <a class="button secondary" rel="next" href={next}>
          {t('list.next')}
        </a>
      ) : null}
    </nav>
  );
}
