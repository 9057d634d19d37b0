import { documentKinds } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { DocumentView } from '../../modules/documents/documents.service';
import type { I18n } from '../i18n';
import { Badge } from '../layout';
import { RenewalWindow, StatusBadge, supersededIds, validityText } from './document-validity';

/** A questionnaire as the contractor's page lists it. */
export interface ContractorQuestionnaire {
  id: string;
  status: 'sent' | 'in_progress' | 'submitted' | 'returned' | 'accepted' | 'revoked';
  dueDate: string;
  overdue: boolean;
  templateName: { ja: string; en: string };
  answeredCount: number;
  questionCount: number;
}

/** Certificates first (in the order of the kinds), the latest of each kind on top. */
const inOrder = (docs: readonly DocumentView[]) =>
  [...docs].sort(
    (a, b) =>
      documentKinds.indexOf(a.kind) - documentKinds.indexOf(b.kind) ||
      (b.validUntil ?? '').localeCompare(a.validUntil ?? '') ||
      b.createdAt.localeCompare(a.createdAt),
  );

/**
 * The contractor's certificates (Privacy Mark, ISMS, …) and other evidence, each with its
 * validity and, for the newest Privacy Mark, when its renewal must be applied for.
 */
export function ContractorDocuments(props: {
  i18n: I18n;
  contractorId: string;
  documents: readonly DocumentView[];
  today: string;
  canUpload: boolean;
}) {
  const { i18n } = props;
  const { t, label } = i18n;
  const superseded = supersededIds(props.documents);
  return (
    <>
      <h2 id="documents">{t('doc.certificates')}</h2>
      {props.documents.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <table class="stack documents" aria-labelledby="documents">
          <thead>
            <tr>
              <th scope="col">{t('doc.kind')}</th>
              <th scope="col">{t('doc.docTitle')}</th>
              <th scope="col">{t('doc.validity')}</th>
              <th scope="col">{t('doc.status')}</th>
            </tr>
          </thead>
          <tbody>
            {inOrder(props.documents).map((d) => (
              <tr data-document={d.id}>
                <td data-label={t('doc.kind')}>{label(labels.documentKind, d.kind)}</td>
                <td data-label={t('doc.docTitle')}>
                  <a href={`/documents/${d.id}`}>{d.title ?? d.fileName}</a>
                  {d.number ? <div class="muted">{d.number}</div> : null}
                </td>
                <td data-label={t('doc.validity')}>
                  <span class="validity">{validityText(i18n, d)}</span>
                  <RenewalWindow i18n={i18n} document={d} today={props.today} superseded={superseded.has(d.id)} />
                </td>
                <td data-label={t('doc.status')}>
                  {superseded.has(d.id) ? (
                    <span class="muted">{t('doc.superseded')}</span>
                  ) : (
                    <StatusBadge i18n={i18n} status={d.status} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="actions doc-actions">
        {props.canUpload ? (
          <a class="button secondary" href={`/documents/new?contractorId=${props.contractorId}`}>
            {t('doc.upload')}
          </a>
        ) : null}
        <a href={`/documents?contractorId=${props.contractorId}`}>{t('doc.ofContractor')}</a>
      </p>
    </>
  );
}

/** The questionnaires sent to the contractor: where each stands and by when it is due. */
export function ContractorQuestionnaires(props: { i18n: I18n; questionnaires: readonly ContractorQuestionnaire[] }) {
  const { t, date, lang, label } = props.i18n;
  return (
    <>
      <h2 id="questionnaires">{t('doc.questionnaires')}</h2>
      {props.questionnaires.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <ul class="questionnaires">
          {props.questionnaires.map((q) => (
            <li data-questionnaire={q.id}>
              <a href={`/questionnaires/${q.id}`}>{q.templateName[lang]}</a> · {t('doc.q.due')} {date(q.dueDate)} ·{' '}
              <Badge
                value={q.overdue ? 'overdue' : `q-${q.status}`}
                label={q.overdue ? t('doc.q.overdue') : label(labels.questionnaireStatus, q.status)}
              />{' '}
              <span class="muted">{t('doc.q.answered', { n: q.answeredCount, total: q.questionCount })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
