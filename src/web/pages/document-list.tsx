import { documentKinds } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { DocumentView } from '../../modules/documents/documents.service';
import { Layout, type PageContext } from '../layout';
import { ContractorFilter } from '../list-filters';
import { Pager, type PagerState } from '../pager';
import { StatusBadge, validityText } from './document-validity';

export const DOCUMENT_STATUSES = ['valid', 'expiring', 'expired'] as const;

export interface DocumentListQuery {
  contractorId?: string;
  kind?: (typeof documentKinds)[number];
  expiringWithinDays?: number;
  status?: (typeof DOCUMENT_STATUSES)[number];
}

/** Every contractor's documents, filtered, newest uploads last (the API's order). */
export function DocumentListPage(props: {
  page: PageContext;
  query: DocumentListQuery;
  contractors: { id: string; name: string }[];
  items: (DocumentView & { contractorName: string })[];
  pager: { state: PagerState; nextCursor: string | null; total: number; pageSize: number };
  canUpload: boolean;
  notice: string | null;
}) {
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
      <form class="filters" method="get" action="/documents" aria-label={t('list.filter')}>
        <ContractorFilter
          i18n={i18n}
          label={t('doc.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
        <div>
          <label for="f-kind">{t('doc.kind')}</label>
          <select id="f-kind" name="kind">
            <option value="">{t('list.any')}</option>
            {documentKinds.map((k) => (
              <option value={k} selected={query.kind === k}>
                {label(labels.documentKind, k)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-status">{t('doc.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t('doc.anyStatus')}</option>
            {DOCUMENT_STATUSES.map((s) => (
              <option value={s} selected={query.status === s}>
                {t(`doc.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
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
        <button type="submit">{t('list.filter')}</button>
        <a class="button secondary" href="/documents">
          {t('list.clear')}
        </a>
      </form>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <table class="stack documents" aria-label={t('doc.title')}>
          <thead>
            <tr>
              <th scope="col">{t('doc.docTitle')}</th>
              <th scope="col">{t('doc.contractor')}</th>
              <th scope="col">{t('doc.kind')}</th>
              <th scope="col">{t('doc.validity')}</th>
              <th scope="col">{t('doc.status')}</th>
              <th scope="col">{t('doc.uploadedAt')}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      )}
      <Pager
        i18n={i18n}
        state={props.pager.state}
        nextCursor={props.pager.nextCursor}
        shown={props.items.length}
        total={props.pager.total}
        pageSize={props.pager.pageSize}
      />
    </Layout>
  );
}
