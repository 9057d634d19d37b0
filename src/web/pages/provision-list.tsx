import { dataCategories } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { ProvisionRecordView } from '../../modules/provision-records/provision-records.service';
import { Layout, type PageContext } from '../layout';
import { ContractorFilter, type FilteredListProps, FilterForm, SelectFilter } from '../list-filters';
import { ListTable } from '../list-table';
import { Pager } from '../pager';
import { countryName } from './contractor-country';

export interface ProvisionListQuery {
  contractorId?: string;
  country?: string;
  dataCategory?: (typeof dataCategories)[number];
  from?: string;
  to?: string;
  retainedOn?: string;
}

/** The first line of a text, short enough for a list cell. */
const short = (text: string, max = 60) => {
  const first = text.split('\n')[0]?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
};

/** The period of a provision: one day, or first – last. */
export function period(page: PageContext, r: { providedFrom: string; providedUntil: string | null }): string {
  const { date } = page.i18n;
  return r.providedUntil ? `${date(r.providedFrom)} – ${date(r.providedUntil)}` : date(r.providedFrom);
}

function DateFilter(props: { id: string; name: string; label: string; value: string | undefined }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <input type="date" id={props.id} name={props.name} value={props.value ?? ''} />
    </div>
  );
}

/** Records of provision, filtered for a disclosure request (APPI Art. 33(5)). */
export function ProvisionListPage(
  props: FilteredListProps<ProvisionListQuery, ProvisionRecordView> & { canWrite: boolean; download: string },
) {
  const { page, query } = props;
  const { i18n } = page;
  const { t, label, date } = i18n;
  return (
    <Layout page={page} title={t('prov.title')}>
      <h1>{t('prov.title')}</h1>
      <p class="prov-intro">{t('prov.intro')}</p>
      {props.canWrite ? (
        <p>
          <a class="button" href="/provision-records/new">
            {t('prov.new')}
          </a>
        </p>
      ) : null}
      <FilterForm i18n={i18n} action="/provision-records">
        <ContractorFilter
          i18n={i18n}
          label={t('prov.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
        <SelectFilter
          id="f-category"
          name="dataCategory"
          label={t('prov.categories')}
          any={t('list.any')}
          values={dataCategories}
          text={(d) => label(labels.dataCategory, d)}
          selected={query.dataCategory}
        />
        <div>
          <label for="f-country">{t('prov.country')}</label>
          <input id="f-country" name="country" value={query.country ?? ''} size={4} maxlength={2} autocomplete="off" />
        </div>
        <DateFilter id="f-from" name="from" label={t('prov.from')} value={query.from} />
        <DateFilter id="f-to" name="to" label={t('prov.to')} value={query.to} />
        <DateFilter id="f-retained" name="retainedOn" label={t('prov.retainedOn')} value={query.retainedOn} />
      </FilterForm>
      <ListTable
        i18n={i18n}
        class="prov-list"
        columns={[
          t('prov.period'),
          t('prov.contractor'),
          t('prov.country'),
          t('prov.categories'),
          t('prov.subjects'),
          t('prov.retainUntil'),
        ]}
        empty={props.items.length === 0}
      >
        {props.items.map((r) => (
          <tr data-record={r.id}>
            <td class="date">
              <a href={`/provision-records/${r.id}`}>{period(page, r)}</a>
            </td>
            <td>
              <a href={`/contractors/${r.contractorId}`}>{r.contractorName}</a>
            </td>
            <td>{countryName(i18n.lang, r.country)}</td>
            <td>{r.dataCategories.map((d) => label(labels.dataCategory, d)).join(i18n.lang === 'ja' ? '、' : ', ')}</td>
            <td>{short(r.subjects)}</td>
            <td class="date">{date(r.retainUntil)}</td>
          </tr>
        ))}
      </ListTable>
      <Pager i18n={i18n} {...props.pager} shown={props.items.length} />
      <p>
        <a href={props.download}>{t('prov.download')}</a>
      </p>
    </Layout>
  );
}
