import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { dataCategories } from '../../../db/schema';
import {
  CreateProvisionRecordSchema,
  PatchProvisionRecordSchema,
} from '../../modules/provision-records/provision-records.schemas';
import {
  contractorsWithProvisionRecords,
  countProvisionRecordsMatching,
  createProvisionRecord,
  getProvisionRecord,
  listProvisionRecords,
  patchProvisionRecord,
  recordableContractors,
} from '../../modules/provision-records/provision-records.service';
import { ProblemError } from '../../platform/problem';
import { type FormValues, many, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { emptyForm, type FormState, refusal } from '../pages/incident-fields';
import { ProvisionListPage } from '../pages/provision-list';
import { ProvisionDetailPage, ProvisionNewPage } from '../pages/provision-record';
import { Cursor, Flag, OptionalDate, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/**
 * Records of provision abroad on consent (第三者提供記録, APPI Art. 29): the list filtered
 * for a disclosure request, a new record, and a record with its correction. Compliance
 * writes, every role reads, as in the API.
 */
export const provisionRecordPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;
const WRITERS = ['compliance'] as const;

const ListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  country: z
    .string()
    .max(8)
    .transform((v) => v.trim().toUpperCase())
    .optional(),
  dataCategory: z.enum(dataCategories).optional(),
  from: OptionalDate,
  to: OptionalDate,
  retainedOn: OptionalDate,
  cursor: Cursor,
});

provisionRecordPages.get('/provision-records', async (c) => {
  const { cursor, ...filter } = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const [list, total, contractors] = await Promise.all([
    withQuery(() => listProvisionRecords(ctx, { ...filter, limit: PAGE_SIZE, cursor })),
    countProvisionRecordsMatching(ctx, filter),
    contractorsWithProvisionRecords(ctx),
  ]);
  const api = new URLSearchParams(
    Object.entries({ ...filter, limit: '200' }).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return c.html(
    <ProvisionListPage
      page={pageOf(c)}
      query={filter}
      contractors={contractors}
      items={list.items}
      pager={{ state: pagerState(c.req.url), nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      canWrite={may(c, [...WRITERS])}
      download={`/api/v1/provision-records?${api}`}
    />,
  );
});

const NewQuery = z.object({ contractorId: z.string().max(64).optional() });

/** The record's fields as the form posted them, in the API's shape. */
const fromForm = (values: FormValues) => ({
  providedFrom: one(values, 'providedFrom').trim(),
  providedUntil: optional(values, 'providedUntil'),
  country: one(values, 'country'),
  dataCategories: many(values, 'dataCategories'),
  subjects: one(values, 'subjects'),
  items: one(values, 'items'),
  consentNote: optional(values, 'consentNote'),
});

async function newPage(c: WebContext, contractorId: string | undefined, form: FormState, status: 200 | 400 = 200) {
  const choices = await recordableContractors(ctxOf(c));
  const contractor = contractorId ? (choices.find((x) => x.id === contractorId) ?? null) : null;
  const refused =
    contractorId && !contractor && !form.errors.contractorId
      ? { ...form, errors: { ...form.errors, contractorId: pageOf(c).i18n.t('prov.noRecordable') } }
      : form;
  return c.html(<ProvisionNewPage page={pageOf(c)} contractor={contractor} choices={choices} form={refused} />, status);
}

provisionRecordPages.get('/provision-records/new', async (c) => {
  if (!may(c, [...WRITERS])) return forbidden(c);
  const { contractorId } = pageQuery(c, NewQuery);
  const today = c.var.deps.clock.today();
  return newPage(c, contractorId, emptyForm({ providedFrom: today }));
});

provisionRecordPages.post('/provision-records/new', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  const contractorId = one(values, 'contractorId');
  try {
    const input = CreateProvisionRecordSchema.parse({ contractorId, ...fromForm(values) });
    const record = await createProvisionRecord(ctxOf(c), input);
    return c.redirect(`/provision-records/${record.id}?saved=1`, 303);
  } catch (err) {
    return newPage(c, contractorId, { values, ...refusal(err, pickLang(c)) }, 400);
  }
});

const DetailQuery = z.object({ saved: Flag });

async function detail(c: WebContext, id: string, form?: FormState, status: 200 | 400 | 412 = 200) {
  const ctx = ctxOf(c);
  const record = await getProvisionRecord(ctx, id);
  const canWrite = may(c, [...WRITERS]);
  const allowed = canWrite
    ? ((await recordableContractors(ctx)).find((x) => x.id === record.contractorId)?.countries ?? [])
    : [];
  const saved = c.req.method === 'GET' && pageQuery(c, DetailQuery).saved;
  const initial: FormValues = {
    providedFrom: record.providedFrom,
    providedUntil: record.providedUntil ?? '',
    country: record.country,
    dataCategories: record.dataCategories,
    subjects: record.subjects,
    items: record.items,
    consentNote: record.consentNote ?? '',
    version: String(record.version),
  };
  return c.html(
    <ProvisionDetailPage
      page={pageOf(c)}
      record={record}
      countries={[...new Set([record.country, ...allowed])]}
      canWrite={canWrite}
      form={form ?? emptyForm(initial)}
      notice={saved ? pageOf(c).i18n.t('prov.saved') : null}
    />,
    status,
  );
}

provisionRecordPages.get('/provision-records/:id', (c) => detail(c, c.req.param('id')));

provisionRecordPages.post('/provision-records/:id', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    const input = PatchProvisionRecordSchema.parse(fromForm(values));
    await patchProvisionRecord(ctxOf(c), id, input, one(values, 'version') || undefined);
    return c.redirect(`/provision-records/${id}?saved=1`, 303);
  } catch (err) {
    if (err instanceof ProblemError && err.status === 412) {
      // Someone else saved first: the typing stays, now against what is saved, to apply knowingly.
      const current = await getProvisionRecord(ctxOf(c), id);
      const kept: FormValues = { ...values, version: String(current.version) };
      return detail(c, id, { values: kept, errors: {}, summary: pageOf(c).i18n.t('prov.conflict') }, 412);
    }
    return detail(c, id, { values, ...refusal(err, pickLang(c)) }, 400);
  }
});
