import { z } from '@hono/zod-openapi';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { labels } from '../../i18n/labels';
import { listAgreements } from '../../modules/agreements/agreements.service';
import { contractorNames } from '../../modules/contractors/contractors.repo';
import { getContractor, listContractors } from '../../modules/contractors/contractors.service';
import { DocumentKindSchema, UploadDocumentForm } from '../../modules/documents/documents.schemas';
import {
  contractorsWithDocuments,
  countDocuments,
  listDocuments,
  maxUploadBytes,
  uploadDocument,
} from '../../modules/documents/documents.service';
import { listReviews } from '../../modules/reviews/reviews.service';
import { type FormProblem, type FormValues, noProblem, one } from '../forms';
import { guardedForm, may } from '../guards';
import { pagerState } from '../pager';
import { ChooseContractorPage, DocumentFormPage } from '../pages/document-form';
import { DOCUMENT_STATUSES, DocumentListPage } from '../pages/document-list';
import { uploadRefusal } from '../pages/document-refusal';
import { Cursor, Flag, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';
import { DOCUMENT_WRITERS, documentItemPages } from './document-pages';

/** Contractors' documents and certificates: upload, validity, download, delete. */
export const documentPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;
/** The multipart framing and the form's other fields around the file. */
const FORM_OVERHEAD = 64 * 1024;

const ListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  kind: DocumentKindSchema.optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  cursor: Cursor,
  deleted: Flag,
});

documentPages.get('/documents', async (c) => {
  const query = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const filter = {
    contractorId: query.contractorId,
    kind: query.kind,
    expiringWithinDays: query.expiringWithinDays,
    status: query.status,
  };
  const [list, total, contractors] = await withQuery(() =>
    Promise.all([
      listDocuments(ctx, { ...filter, limit: PAGE_SIZE, cursor: query.cursor }),
      countDocuments(ctx, filter),
      contractorsWithDocuments(ctx),
    ]),
  );
  const names = await contractorNames(ctx.db, [...new Set(list.items.map((d) => d.contractorId))]);
  // The contractor filtered by stays choosable however long the list of choices.
  if (query.contractorId && !contractors.some((x) => x.id === query.contractorId)) {
    const own = await contractorNames(ctx.db, [query.contractorId]);
    const name = own.get(query.contractorId);
    if (name) contractors.push({ id: query.contractorId, name });
  }
  const state = pagerState(c.req.url);
  state.params.delete('deleted');
  return c.html(
    <DocumentListPage
      page={pageOf(c)}
      query={query}
      contractors={contractors}
      items={list.items.map((d) => ({ ...d, contractorName: names.get(d.contractorId) ?? d.contractorId }))}
      pager={{ state, nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      canUpload={may(c, DOCUMENT_WRITERS)}
      notice={query.deleted ? pageOf(c).i18n.t('doc.deleted') : null}
    />,
  );
});

const maxMib = (c: WebContext) => c.var.deps.config.maxUploadMb;

/** The upload form for a contractor, with its reviews and agreements to tie the document to. */
async function uploadForm(
  c: WebContext,
  contractorId: string,
  values: FormValues,
  problem: FormProblem,
  status: 200 | 400 | 413 | 415 = 200,
) {
  const ctx = ctxOf(c);
  const page = pageOf(c);
  const { date, label } = page.i18n;
  const [contractor, reviews, agreements] = await Promise.all([
    getContractor(ctx, contractorId),
    listReviews(ctx, { contractorId, limit: 200 }),
    listAgreements(ctx, { contractorId, limit: 200 }),
  ]);
  return c.html(
    <DocumentFormPage
      page={page}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
      maxMib={maxMib(c)}
      chooseFileAgain={status !== 200}
      choices={{
        contractor: { id: contractor.id, name: contractor.name },
        reviews: reviews.items.map((r) => ({
          id: r.id,
          label: `${date(r.dueDate)} · ${label(labels.reviewKind, r.kind)}`,
        })),
        agreements: agreements.items.map((a) => ({ id: a.id, label: a.title })),
      }}
    />,
    status,
  );
}

const NewQuery = z.object({ contractorId: z.string().max(64).optional() });

documentPages.get('/documents/new', async (c) => {
  if (!may(c, DOCUMENT_WRITERS)) return forbidden(c);
  const { contractorId } = pageQuery(c, NewQuery);
  if (contractorId) return uploadForm(c, contractorId, {}, noProblem());
  const contractors = await listContractors(ctxOf(c), { limit: 200 });
  const choices = contractors.items.map((x) => ({ id: x.id, name: x.name }));
  return c.html(<ChooseContractorPage page={pageOf(c)} contractors={choices} />);
});

/**
 * Uploads up to ITAKU_MAX_UPLOAD_MB, refused before they are read (the pages' 1 MiB form
 * limit does not apply here). A body refused unread leaves nothing to keep but the
 * contractor, which the form's address carries.
 */
const uploadLimit: MiddlewareHandler<WebEnv> = (c, next) =>
  bodyLimit({
    maxSize: maxUploadBytes(ctxOf(c)) + FORM_OVERHEAD,
    onError: async () => {
      if (!may(c, DOCUMENT_WRITERS)) return forbidden(c);
      const { contractorId } = pageQuery(c, NewQuery);
      const fields = { file: pageOf(c).i18n.t('doc.unread', { mib: maxMib(c) }) };
      if (!contractorId) {
        const contractors = (await listContractors(ctxOf(c), { limit: 200 })).items;
        return c.html(<ChooseContractorPage page={pageOf(c)} contractors={contractors} refusal={fields.file} />, 413);
      }
      return uploadForm(c, contractorId, {}, { fields, summary: null }, 413);
    },
  })(c, next);

const TEXT_FIELDS = ['kind', 'title', 'number', 'issuer', 'validFrom', 'validUntil', 'reviewId', 'agreementId'];

documentPages.post('/documents', uploadLimit, async (c) => {
  const values = await guardedForm(c, DOCUMENT_WRITERS);
  if (values instanceof Response) return values;
  const contractorId = one(values, 'contractorId');
  const i18n = pageOf(c).i18n;
  // The form is already read and cached; the file is the one part readForm leaves out.
  const sent = (await c.req.parseBody()).file;
  const file = sent instanceof File && sent.size > 0 ? sent : undefined;
  try {
    const input = UploadDocumentForm.parse({
      file,
      contractorId,
      ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, one(values, k).trim()])),
    });
    const stored = await uploadDocument(ctxOf(c), input);
    return c.redirect(`/documents/${stored.id}?uploaded=1`, 303);
  } catch (err) {
    const refusal = uploadRefusal(err, i18n, maxMib(c));
    return uploadForm(c, contractorId, values, refusal, refusal.status);
  }
});

documentPages.route('/', documentItemPages);
