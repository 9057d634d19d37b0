import { labels } from '../../i18n/labels';
import type { DocumentView } from '../../modules/documents/documents.service';
import type { I18n } from '../i18n';
import { Layout, type PageContext } from '../layout';
import { RenewalWindow, StatusBadge, validityText } from './document-validity';
import { Confirm, type FormProps, Problems } from './supervision';

export interface DocumentFacts {
  document: DocumentView;
  contractorName: string;
  uploaderName: string;
  /** A newer document of the same kind is on file for the contractor. */
  superseded: boolean;
  today: string;
}

const size = (i18n: I18n, n: number) =>
  i18n.t('doc.bytes', { n: n.toLocaleString(i18n.lang === 'ja' ? 'ja-JP' : 'en-GB') });

/** What is known of a document, as a two-column table. */
function Facts(props: { i18n: I18n; facts: DocumentFacts }) {
  const { i18n, facts } = props;
  const { t, label, dateTime } = i18n;
  const d = facts.document;
  const row = (name: string, value: unknown) => (
    <tr>
      <th scope="row">{name}</th>
      <td>{value === null || value === undefined || value === '' ? '—' : (value as string)}</td>
    </tr>
  );
  return (
    <table class="profile">
      {row(t('doc.contractor'), <a href={`/contractors/${d.contractorId}`}>{facts.contractorName}</a>)}
      {row(t('doc.kind'), label(labels.documentKind, d.kind))}
      {row(t('doc.number'), d.number)}
      {row(t('doc.issuer'), d.issuer)}
      {row(
        t('doc.validity'),
        <>
          {validityText(i18n, d)}{' '}
          <RenewalWindow i18n={i18n} document={d} today={facts.today} superseded={facts.superseded} />
        </>,
      )}
      {row(t('doc.status'), facts.superseded ? t('doc.superseded') : <StatusBadge i18n={i18n} status={d.status} />)}
      {d.reviewId ? row(t('doc.linkedReview'), <a href={`/reviews/${d.reviewId}`}>{t('doc.openReview')}</a>) : null}
      {d.agreementId
        ? row(t('doc.linkedAgreement'), <a href={`/agreements/${d.agreementId}`}>{t('doc.openAgreement')}</a>)
        : null}
      {d.questionnaireId
        ? row(
            t('doc.linkedQuestionnaire'),
            <a href={`/questionnaires/${d.questionnaireId}`}>{t('doc.openQuestionnaire')}</a>,
          )
        : null}
      {row(t('doc.fileName'), d.fileName)}
      {row(t('doc.contentType'), d.contentType)}
      {row(t('doc.size'), size(i18n, d.size))}
      {row(t('doc.sha256'), <code class="digest">{d.sha256}</code>)}
      {row(t('doc.uploadedBy'), facts.uploaderName)}
      {row(t('doc.uploadedAt'), <time datetime={d.createdAt}>{dateTime(d.createdAt)}</time>)}
    </table>
  );
}

/** One document: its facts, the download, and the way to delete it for roles that may. */
export function DocumentDetailPage(props: {
  page: PageContext;
  facts: DocumentFacts;
  canDelete: boolean;
  notice: string | null;
}) {
  const { page, facts } = props;
  const { t, label } = page.i18n;
  const d = facts.document;
  const title = d.title ?? d.fileName;
  return (
    <Layout page={page} title={title}>
      <h1>
        {title} <span class="muted kind">{label(labels.documentKind, d.kind)}</span>
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="actions">
        <a class="button" href={`/documents/${d.id}/download`}>
          {t('doc.download')}
          <span class="visually-hidden">: {d.fileName}</span>
        </a>
        {props.canDelete ? (
          <a class="button secondary danger" href={`/documents/${d.id}/delete`}>
            {t('doc.delete')}
          </a>
        ) : null}
        <a class="button secondary" href={`/documents?contractorId=${d.contractorId}`}>
          {t('doc.allDocuments')}
        </a>
      </p>
      {d.kind === 'privacy_mark' ? <p class="hint">{t('doc.pm.hint')}</p> : null}
      <Facts i18n={page.i18n} facts={facts} />
    </Layout>
  );
}

/**
 * The confirmation before a deletion. It carries the version it was shown at: a deletion
 * sent after someone else's comes back here (412) instead of acting on what changed.
 * `facts` is null when the document is gone meanwhile.
 */
export function DeleteDocumentPage(
  props: FormProps & { facts: DocumentFacts | null; documentId: string; contractorId: string },
) {
  const { page, facts } = props;
  const { t } = page.i18n;
  return (
    <Layout page={page} title={t('doc.deleteTitle')}>
      <h1>{t('doc.deleteTitle')}</h1>
      <Problems {...props} />
      {facts ? (
        <>
          <p>
            <strong>{facts.document.title ?? facts.document.fileName}</strong>
          </p>
          <Facts i18n={page.i18n} facts={facts} />
          <p>{t('doc.deleteHint')}</p>
          <form method="post" action={`/documents/${props.documentId}/delete`} novalidate>
            <input type="hidden" name="_csrf" value={page.csrf} />
            <input type="hidden" name="version" value={String(facts.document.version)} />
            <input type="hidden" name="contractorId" value={facts.document.contractorId} />
            <Confirm {...props} name="confirm" label={t('doc.deleteConfirm')} />
            <p class="actions">
              <button type="submit" class="danger">
                {t('doc.delete')}
              </button>
              <a class="button secondary" href={`/documents/${props.documentId}`}>
                {t('doc.cancel')}
              </a>
            </p>
          </form>
        </>
      ) : (
        <p>
          <a
            href={
              props.contractorId ? `/documents?contractorId=${encodeURIComponent(props.contractorId)}` : '/documents'
            }
          >
            {t('doc.allDocuments')}
          </a>
        </p>
      )}
    </Layout>
  );
}
