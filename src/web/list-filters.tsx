import type { Child } from 'hono/jsx';
import type { I18n } from './i18n';
import type { PageContext } from './layout';
import type { ListPaging } from './pager';

/** What every filtered list page is given: its query, the contractors to filter by, one page of rows. */
export interface FilteredListProps<Query, Item> {
  page: PageContext;
  query: Query;
  contractors: { id: string; name: string }[];
  items: Item[];
  pager: ListPaging;
}

/**
 * A list's filter form, sent by GET to the list itself. After the filters come "only overdue"
 * (where the list has it), then Filter and Clear (back to the bare list).
 */
export function FilterForm(props: {
  i18n: I18n;
  action: string;
  overdue?: { label: string; checked: boolean };
  children: Child;
}) {
  const { t } = props.i18n;
  return (
    <form class="filters" method="get" action={props.action} aria-label={t('list.filter')}>
      {props.children}
      {props.overdue ? (
        <label class="check">
          <input type="checkbox" name="overdue" value="true" checked={props.overdue.checked} /> {props.overdue.label}
        </label>
      ) : null}
      <button type="submit">{t('list.filter')}</button>
      <a class="button secondary" href={props.action}>
        {t('list.clear')}
      </a>
    </form>
  );
}

/**
 * A filter's drop-down, one option a value. `any` is the text of a leading empty option (no
 * filter); `all` that of a trailing "all" option, for a filter whose default narrows the list.
 */
export function SelectFilter<V extends string>(props: {
  id: string;
  name: string;
  label: string;
  values: readonly V[];
  text: (value: V) => string;
  selected: string | undefined;
  any?: string;
  all?: string;
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.any !== undefined ? <option value="">{props.any}</option> : null}
        {props.values.map((v) => (
          <option value={v} selected={props.selected === v}>
            {props.text(v)}
          </option>
        ))}
        {props.all !== undefined ? (
          <option value="all" selected={props.selected === 'all'}>
            {props.all}
          </option>
        ) : null}
      </select>
    </div>
  );
}

/** The contractor filter of a list: any, or one of the contractors the list can show. */
export function ContractorFilter(props: {
  i18n: I18n;
  label: string;
  contractors: readonly { id: string; name: string }[];
  selected: string | undefined;
}) {
  const names = new Map(props.contractors.map((c) => [c.id, c.name]));
  return (
    <SelectFilter
      id="f-contractor"
      name="contractorId"
      label={props.label}
      any={props.i18n.t('list.any')}
      values={props.contractors.map((c) => c.id)}
      text={(id) => names.get(id) ?? ''}
      selected={props.selected}
    />
  );
}
