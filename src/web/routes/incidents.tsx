import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { contractorNames } from '../../modules/contractors/contractors.repo';
import { getContractor, listContractors } from '../../modules/contractors/contractors.service';
import { CreateIncidentSchema } from '../../modules/incidents/incidents.schemas';
import {
  contractorsWithIncidents,
  countIncidents,
  createIncident,
  listIncidents,
} from '../../modules/incidents/incidents.service';
import { one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { pagerState } from '../pager';
import { emptyForm, type FormState } from '../pages/incident-fields';
import { NewIncidentPage } from '../pages/incident-form';
import { IncidentListPage } from '../pages/incidents';
import { Cursor, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';
import { incidentChangePages } from './incident-changes';
import { facts, refused } from './incident-form-data';

/**
 * Leak incidents (漏えい等, APPI Art. 26): the list with the deadlines owed, recording one,
 * its reports to the PPC and notice to the individuals, corrections and closing. Compliance
 * writes, every role reads, as in the API.
 */
export const incidentPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;
/** Contractors offered in the record form's list before a search narrows it. */
const CHOICES = 100;

const ListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  contractorId: z.string().max(64).optional(),
  reportable: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true']).optional(),
  cursor: Cursor,
});

incidentPages.get('/incidents', async (c) => {
  const query = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const filter = {
    status: query.status === 'all' ? undefined : query.status,
    contractorId: query.contractorId,
    reportable: query.reportable === undefined ? undefined : query.reportable === 'true',
    overdue: query.overdue ? true : undefined,
  };
  const [list, total, contractors] = await Promise.all([
    withQuery(() => listIncidents(ctx, { ...filter, limit: PAGE_SIZE, cursor: query.cursor })),
    countIncidents(ctx, filter),
    contractorsWithIncidents(ctx),
  ]);
  const names = await contractorNames(ctx.db, [...new Set(list.items.map((i) => i.contractorId))]);
  // The contractor filtered by stays choosable however long the list of choices.
  if (query.contractorId && !contractors.some((x) => x.id === query.contractorId)) {
    const chosen = await getContractor(ctx, query.contractorId).catch(() => null);
    if (chosen) contractors.unshift({ id: chosen.id, name: chosen.name });
  }
  return c.html(
    <IncidentListPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      query={query}
      contractors={contractors}
      items={list.items.map((i) => ({ ...i, contractorName: names.get(i.contractorId) ?? i.contractorId }))}
      pager={{ state: pagerState(c.req.url), nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      canRecord={may(c, ['compliance'])}
    />,
  );
});

// ——— Recording ———

const NewQuery = z.object({
  q: z.string().trim().max(100).optional(),
  contractorId: z.string().max(64).optional(),
});

/** The contractors the record form offers: a name search's matches, always with the one chosen. */
async function choices(c: WebContext, q: string | undefined, chosen: string) {
  const ctx = ctxOf(c);
  const found = await listContractors(ctx, { q: q || undefined, limit: CHOICES });
  const list = found.items.map((x) => ({ id: x.id, name: x.name }));
  if (chosen && !list.some((x) => x.id === chosen)) {
    const one = await getContractor(ctx, chosen).catch(() => null);
    if (one) list.unshift({ id: one.id, name: one.name });
  }
  list.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  return { list, more: found.nextCursor !== null };
}

async function newForm(c: WebContext, form: FormState, q?: string) {
  const { list, more } = await choices(c, q, one(form.values, 'contractorId'));
  return c.html(
    <NewIncidentPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      form={form}
      contractors={list}
      search={{ q, more }}
    />,
    form.summary || Object.keys(form.errors).length ? 400 : 200,
  );
}

incidentPages.get('/incidents/new', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const { q, contractorId } = pageQuery(c, NewQuery);
  return newForm(c, emptyForm({ contractorId: contractorId ?? '', discoveredOn: c.var.deps.clock.today() }), q);
});

incidentPages.post('/incidents', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  try {
    const input = CreateIncidentSchema.parse({
      contractorId: optional(values, 'contractorId') ?? undefined,
      ...facts(values),
    });
    const created = await createIncident(ctxOf(c), input);
    return c.redirect(`/incidents/${created.id}?saved=1`, 303);
  } catch (err) {
    return newForm(c, refused(c, values, err));
  }
});

// ——— One incident, its reports, corrections and closing: src/web/routes/incident-changes.tsx ———

incidentPages.route('/', incidentChangePages);
