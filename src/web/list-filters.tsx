import type { I18n } from './i18n';

/** The contractor filter of a list: any, or one of the contractors the list can show. */
export function ContractorFilter(props: {
  i18n: I18n;
  label: string;
  contractors: readonly { id: string; name: string }[];
  selected: string | undefined;
}) {
  return (
    <div>
      <label for="f-contractor">{props.label}</label>
      <select id="f-contractor" name="contractorId">
        <option value="">{props.i18n.t('list.any')}</option>
        {props.contractors.map((c) => (
          <option value={c.id} selected={props.selected === c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The end of a filter form: "only overdue", then Filter and Clear (back to the bare list). */
export function FilterActions(props: { i18n: I18n; overdueLabel: string; overdue: boolean; clearHref: string }) {
  const { t } = props.i18n;
  return (
    <>
      <label class="check">
        <input type="checkbox" name="overdue" value="true" checked={props.overdue} /> {props.overdueLabel}
      </label>
      <button type="submit">{t('list.filter')}</button>
      <a class="button secondary" href={props.clearHref}>
        {t('list.clear')}
      </a>
    </>
  );
}
