import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Role } from '../../../db/schema';
import { getContractor } from '../../modules/contractors/contractors.service';
import { contentDisposition } from '../../modules/documents/disposition';
import {
  deleteDocument,
  documentContent,
  getDocument,
  listDocuments,
  riskMitigations,
} from '../../modules/documents/documents.service';
import { listQuestionnaires } from '../../modules/questionnaires/staff.service';
import { userNames } from '../../modules/users/users.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormValues, one } from '../forms';
import { guardedForm, may } from '../guards';
import type { ContractorQuestionnaire } from '../pages/contractor-documents';
import { DeleteDocumentPage, DocumentDetailPage, type DocumentFacts } from '../pages/document-detail';
import { supersededIds } from '../pages/document-validity';
import { Flag, pageQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** One document: its page, its download, and its deletion behind a confirmation. */
export const documentItemPages = new Hono<WebEnv>();

/** The API's roles (documents.routes.ts): procurement and compliance store and delete; every role reads. */
export const DOCUMENT_WRITERS: Role[] = ['procurement', 'compliance'];

const isGone = (err: unknown) => err instanceof ProblemError && err.status === 404;

/** A document with its contractor's and uploader's names, and whether a newer one replaced it. */
export async function documentFacts(c: WebContext, id: string): Promise<DocumentFacts> {
  const ctx = ctxOf(c);
  const document = await getDocument(ctx, id);
  const [contractor, names, sameKind] = await Promise.all([
    getContractor(ctx, document.contractorId),
    userNames(ctx.db, [document.uploadedBy]),
    listDocuments(ctx, { contractorId: document.contractorId, kind: document.kind, limit: 200 }),
  ]);
  const respondent = document.uploadedBy.startsWith('respondent:');
  return {
    document,
    contractorName: contractor.name,
    uploaderName:
      names.get(document.uploadedBy) ?? (respondent ? pageOf(c).i18n.t('doc.respondent') : document.uploadedBy),
    superseded: supersededIds(sameKind.items).has(id),
    today: c.var.deps.clock.today(),
  };
}

/** The contractor page's sections: its documents (and who may add one), and its questionnaires, newest first. */
export async function contractorDocuments(c: WebContext, contractorId: string) {
  const [page, sent, mitigations] = await Promise.all([
    listDocuments(ctxOf(c), { contractorId, limit: 200 }),
    listQuestionnaires(ctxOf(c), { contractorId, limit: 50 }),
    riskMitigations(ctxOf(c), contractorId),
  ]);
  const questionnaires: ContractorQuestionnaire[] = sent.items;
  return {
    documents: page.items,
    questionnaires,
    mitigations,
    today: c.var.deps.clock.today(),
    canUpload: may(c, DOCUMENT_WRITERS),
  };
}

const DetailQuery = z.object({ uploaded: Flag });

documentItemPages.get('/documents/:id', async (c) => {
  const { uploaded } = pageQuery(c, DetailQuery);
  return c.html(
    <DocumentDetailPage
      page={pageOf(c)}
      facts={await documentFacts(c, c.req.param('id'))}
      canDelete={may(c, DOCUMENT_WRITERS)}
      notice={uploaded ? pageOf(c).i18n.t('doc.uploaded') : null}
    />,
  );
});

/**
 * The content as an attachment, never shown in itaku's origin: the type found from the
 * content, nosniff, and a sandbox should a browser render it all the same.
 */
documentItemPages.get('/documents/:id/download', async (c) => {
  const { row, file } = await documentContent(ctxOf(c), c.req.param('id'));
  return new Response(file.body, {
    status: 200,
    headers: {
      'Content-Type': row.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(row.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
});

async function confirmPage(
  c: WebContext,
  id: string,
  values: FormValues,
  problem: { fields: Record<string, string>; summary: string | null },
  status: 200 | 400 | 412,
) {
  // After a conflict the document may be gone: the page says so instead of a 404.
  const facts = await documentFacts(c, id).catch((err) => {
    if (status === 412 && isGone(err)) return null;
    throw err;
  });
  return c.html(
    <DeleteDocumentPage
      page={pageOf(c)}
      facts={facts}
      documentId={id}
      contractorId={facts?.document.contractorId ?? one(values, 'contractorId')}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    status,
  );
}

documentItemPages.get('/documents/:id/delete', (c) =>
  may(c, DOCUMENT_WRITERS) ? confirmPage(c, c.req.param('id'), {}, { fields: {}, summary: null }, 200) : forbidden(c),
);

/**
 * Deletes with the version the confirmation was shown at (If-Match). A document deleted by
 * someone else meanwhile is a failed precondition too (RFC 9110 §13.1.1), not a 404.
 */
documentItemPages.post('/documents/:id/delete', async (c) => {
  const values = await guardedForm(c, DOCUMENT_WRITERS);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const { t } = pageOf(c).i18n;
  if (!checked(values, 'confirm')) {
    return confirmPage(c, id, values, { fields: { confirm: t('doc.confirmMissing') }, summary: null }, 400);
  }
  const version = one(values, 'version') || undefined;
  const conflict = () =>
    confirmPage(c, id, { contractorId: one(values, 'contractorId') }, { fields: {}, summary: t('doc.conflict') }, 412);
  try {
    const current = await getDocument(ctxOf(c), id);
    await deleteDocument(ctxOf(c), id, version);
    return c.redirect(`/documents?contractorId=${encodeURIComponent(current.contractorId)}&deleted=1`, 303);
  } catch (err) {
    if (err instanceof ProblemError && (err.status === 412 || (isGone(err) && version !== undefined))) {
      return conflict();
    }
    throw err;
  }
});
