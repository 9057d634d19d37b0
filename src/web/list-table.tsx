import type { Child } from 'hono/jsx';
import type { I18n } from './i18n';

/** A column's header: its text, or text with a class (e.g. `num`); null leaves the column out. */
export type Column = string | { text: Child; class?: string } | null;

function HeaderCells(props: { columns: Column[] }) {
  return (
    <tr>
      {props.columns.map((c) =>
        c === null ? null : typeof c === 'string' ? (
          <th scope="col">{c}</th>
        ) : (
          <th scope="col" class={c.class}>
            {c.text}
          </th>
        ),
      )}
    </tr>
  );
}

/**
 * A list page's table: "nothing to show" when empty, else the table in a box that scrolls
 * sideways on a phone rather than squeezing its cells, with one header cell per column.
 */
export function ListTable(props: { i18n: I18n; class: string; columns: Column[]; empty: boolean; children?: Child }) {
  if (props.empty) return <p class="muted">{props.i18n.t('list.empty')}</p>;
  return (
    <div class="scroll">
      <table class={props.class}>
        <HeaderCells columns={props.columns} />
        {props.children}
      </table>
    </div>
  );
}

/**
 * A list table whose rows stack into cards on a phone (`stack`, each cell naming its column by
 * `data-label`): "nothing to show" when empty, else header and body.
 */
export function StackTable(props: {
  i18n: I18n;
  class: string;
  label?: string;
  columns: Column[];
  empty: boolean;
  children?: Child;
}) {
  if (props.empty) return <p class="muted">{props.i18n.t('list.empty')}</p>;
  return (
    <table class={`stack ${props.class}`} aria-label={props.label}>
      <thead>
        <HeaderCells columns={props.columns} />
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
