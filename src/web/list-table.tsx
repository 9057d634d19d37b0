import type { Child } from 'hono/jsx';
import type { I18n } from './i18n';

/**
 * A list page's table: "nothing to show" when empty, else the table in a box that scrolls
 * sideways on a phone rather than squeezing its cells, with one header cell per column.
 */
export function ListTable(props: { i18n: I18n; class: string; columns: string[]; empty: boolean; children?: Child }) {
  if (props.empty) return <p class="muted">{props.i18n.t('list.empty')}</p>;
  return (
    <div class="scroll">
      <table class={props.class}>
        <tr>
          {props.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
        {props.children}
      </table>
    </div>
  );
}
