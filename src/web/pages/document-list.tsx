import { documentKinds } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { DocumentView } from '../../modules/documents/documents.service';
import { Layout } from '../layout';
import { ContractorFilter, type FilteredListProps, FilterForm, SelectFilter } from '../list-filters';
import { StackTable } from '../list-table';
import { Pager } from '../pager';
import { StatusBadge, validityText } from './document-validity';

export const DOCUMENT_STATUSES = ['valid', 'expiring', 'expired'] as const;

export interface DocumentListQuery {
  contractorId?: string;
  kind?: (typeof documentKinds)[number];
  expiringWithinDays?: number;
  status?: (typeof DOCUMENT_STATUSES)[number];
}

/** Every contractor's documents, filtered, newest uploads last (the API's order). */
export function DocumentListPage(
  props: FilteredListProps<DocumentListQuery, DocumentView & { contractorName: string }> & {
    canUpload: boolean;
    notice: string | null;
  },
) {
  const { page, query } = props;
  const { i18n } = page;
  const { t, label, dateTime } = i18n;
  return (
    <Layout page={page} title={t('doc.title')}>
      <h1>{t('doc.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.canUpload ? (
        <p class="actions">
          <a
            class="button"
            href={query.contractorId ? `/documents/new?contractorId=${query.contractorId}` : '/documents/new'}
          >
            {t('doc.upload')}
          </a>
        </p>
      ) : null}
      <FilterForm i18n={i18n} action="/documents">
        <ContractorFilter
          i18n={i18n}
          label={t('doc.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
        <SelectFilter
          id="f-kind"
          name="kind"
          label={t('doc.kind')}
          any={t('list.any')}
          values={documentKinds}
          text={(k) => label(labels.documentKind, k)}
          selected={query.kind}
        />
        <SelectFilter
          id="f-status"
          name="status"
          label={t('doc.status')}
          any={t('doc.anyStatus')}
          values={DOCUMENT_STATUSES}
          text={(s) => t(`doc.status.${s}`)}
          selected={query.status}
        />
        <div>
          <label for="f-within">{t('doc.expiringWithin')}</label>
          <input
            type="number"
            id="f-within"
            name="expiringWithinDays"
            min="0"
            max="3650"
            inputmode="numeric"
            value={query.expiringWithinDays === undefined ? '' : String(query.expiringWithinDays)}
          />
        </div>
      </FilterForm>
      <StackTable
        i18n={i18n}
        class="documents"
        label={t('doc.title')}
        columns={[
          t('doc.docTitle'),
          t('doc.contractor'),
          t('doc.kind'),
          t('doc.validity'),
          t('doc.status'),
          t('doc.uploadedAt'),
        ]}
        empty={props.items.length === 0}
      >
        {props.items.map((d) => (
          <tr data-document={d.id}>
            <td data-label={t('doc.docTitle')}>
              <a href={`/documents/${d.id}`}>{d.title ?? d.fileName}</a>
            </td>
            <td data-label={t('doc.contractor')}>
              <a href={`/contractors/${d.contractorId}`}>{d.contractorName}</a>
            </td>
            <td data-label={t('doc.kind')}>{label(labels.documentKind, d.kind)}</td>
            <td data-label={t('doc.validity')}>{validityText(i18n, d)}</td>
            <td data-label={t('doc.status')}>
              <StatusBadge i18n={i18n} status={d.status} />
            </td>
            <td data-label={t('doc.uploadedAt')}>{dateTime(d.createdAt)}</td>
          </tr>
        ))}
      </StackTable>
      <Pager i18n={i18n} {...props.pager} shown={props.items.length} />
    </Layout>
  );
}
