import type { Child } from 'hono/jsx';
import type { I18n, MessageKey } from '../i18n';
import { Pager, type PagerState } from '../pager';

/** One page of a keyset list with the list's count, as a list page receives it. */
export interface ListPage<T = unknown> {
  items: readonly T[];
  nextCursor: string | null;
  total: number;
  pageSize: number;
}

/** A list's body: "nothing to show" when the page is empty, else its table; previous / next under it. */
export function PagedList(props: { i18n: I18n; state: PagerState; list: ListPage; children: Child }) {
  const { i18n, list } = props;
  return (
    <>
      {list.items.length === 0 ? <p class="muted">{i18n.t('list.empty')}</p> : props.children}
      <Pager
        i18n={i18n}
        state={props.state}
        nextCursor={list.nextCursor}
        shown={list.items.length}
        total={list.total}
        pageSize={list.pageSize}
      />
    </>
  );
}

/**
 * A column's header cell: its name, or one with a class (`num`), or one only screen readers
 * read (a column of links whose text says what they do); null, a column this reader lacks.
 */
export type Column = string | { text: string; class?: string; hidden?: boolean } | null;

const headings = (columns: Column[]) =>
  columns.map((c) =>
    c === null ? null : typeof c === 'string' ? (
      <th scope="col">{c}</th>
    ) : (
      <th scope="col" class={c.class}>
        {c.hidden ? <span class="visually-hidden">{c.text}</span> : c.text}
      </th>
    ),
  );

/** A table in a box that scrolls sideways on a phone rather than squeezing its cells. */
export function ScrollTable(props: { class?: string; columns: Column[]; children: Child }) {
  return (
    <div class="scroll">
      <table class={props.class}>
        <tr>{headings(props.columns)}</tr>
        {props.children}
      </table>
    </div>
  );
}

/** A table that turns into one card per row on a phone, its caption for screen readers only. */
export function StackTable(props: { class: string; caption: string; columns: Column[]; children: Child }) {
  return (
    <table class={props.class}>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>{headings(props.columns)}</tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

/**
 * The choices of a filter form over `query`: `select(name, title, options, text)` offers any,
 * or one of `options` in words, with the one the list is filtered by selected.
 */
export const filterSelect =
  <K extends string>(i18n: I18n, query: Partial<Record<K, string>>) =>
  <V extends string>(name: K, title: string, options: readonly V[], text: (value: V) => string) => (
    <div>
      <label for={`f-${name}`}>{title}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{i18n.t('list.any')}</option>
        {options.map((o) => (
          <option value={o} selected={query[name] === o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );

/** A stored code in the reader's words, or the code itself when it has none. */
export const keyedWord = (i18n: I18n, keys: Record<string, MessageKey>, value: string) =>
  Object.hasOwn(keys, value) ? i18n.t(keys[value] as MessageKey) : value;
