import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { findingSeverities } from '../../../db/schema';
import { contractorNames } from '../../modules/contractors/contractors.repo';
import { getContractor } from '../../modules/contractors/contractors.service';
import { PatchFindingSchema } from '../../modules/findings/findings.schemas';
import {
  contractorsWithFindings,
  countFindings,
  getFinding,
  listFindings,
  patchFinding,
} from '../../modules/findings/findings.service';
import { getReview } from '../../modules/reviews/reviews.service';
import { ProblemError } from '../../platform/problem';
import { type FormValues, one, optional } from '../forms';
import { guardedForm, may, safeNext } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { FindingDetailPage } from '../pages/finding-detail';
import { FindingListPage } from '../pages/findings';
import { emptyForm, type FormState, refusal } from '../pages/incident-fields';
import { Cursor, Flag, pageQuery, withQuery } from '../query';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/**
 * Findings (corrective actions, 是正措置) across contractors: filtered lists, and resolving
 * one with the day and what was done. Compliance resolves, every role reads, as in the API.
 */
export const findingPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;

const ListQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  severity: z.enum(findingSeverities).optional(),
  overdue: z.enum(['true']).optional(),
  contractorId: z.string().max(64).optional(),
  cursor: Cursor,
  saved: Flag,
});

findingPages.get('/findings', async (c) => {
  const query = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const filter = {
    status: query.status === 'all' ? undefined : query.status,
    severity: query.severity,
    overdue: query.overdue ? true : undefined,
    contractorId: query.contractorId,
  };
  const [list, total, contractors] = await Promise.all([
    withQuery(() => listFindings(ctx, { ...filter, limit: PAGE_SIZE, cursor: query.cursor })),
    countFindings(ctx, filter),
    contractorsWithFindings(ctx),
  ]);
  const names = await contractorNames(ctx.db, [...new Set(list.items.map((f) => f.contractorId))]);
  // The contractor filtered by stays choosable however long the list of choices.
  if (query.contractorId && !contractors.some((x) => x.id === query.contractorId)) {
    const chosen = await getContractor(ctx, query.contractorId).catch(() => null);
    if (chosen) contractors.unshift({ id: chosen.id, name: chosen.name });
  }
  const state = pagerState(c.req.url);
  state.params.delete('saved');
  const here = new URL(c.req.url);
  here.searchParams.delete('saved');
  here.searchParams.delete('lang');
  return c.html(
    <FindingListPage
      page={pageOf(c)}
      query={query}
      contractors={contractors}
      items={list.items.map((f) => ({ ...f, contractorName: names.get(f.contractorId) ?? f.contractorId }))}
      pager={{ state, nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      here={here.pathname + here.search}
      canResolve={may(c, ['compliance'])}
      notice={query.saved ? pageOf(c).i18n.t('fnd.resolved') : null}
    />,
  );
});

/** Where "back" leads: a findings list of this site, else the plain list. */
function backTo(typed: string | undefined): string {
  const path = safeNext(typed);
  return /^\/findings(\?|$)/.test(path) ? path : '/findings';
}

const DetailQuery = z.object({ back: z.string().max(8192).optional(), saved: Flag });

async function detail(c: WebContext, id: string, back: string, form?: FormState, status: 200 | 400 | 412 = 200) {
  const ctx = ctxOf(c);
  const finding = await getFinding(ctx, id);
  const [contractor, review] = await Promise.all([
    getContractor(ctx, finding.contractorId),
    finding.reviewId ? getReview(ctx, finding.reviewId) : null,
  ]);
  const today = c.var.deps.clock.today();
  const saved = c.req.method === 'GET' && pageQuery(c, DetailQuery).saved;
  return c.html(
    <FindingDetailPage
      page={pageOf(c)}
      today={today}
      finding={finding}
      contractorName={contractor.name}
      review={review}
      back={back}
      canResolve={may(c, ['compliance'])}
      form={form ?? emptyForm({ resolvedOn: today, version: String(finding.version) })}
      refused={form !== undefined}
      notice={saved ? pageOf(c).i18n.t('fnd.resolved') : null}
    />,
    status,
  );
}

findingPages.get('/findings/:id', (c) => detail(c, c.req.param('id'), backTo(pageQuery(c, DetailQuery).back)));

// The API's rules for the two fields; resolving needs its day.
const ResolveSchema = PatchFindingSchema.pick({ resolvedOn: true, resolutionNote: true }).required({
  resolvedOn: true,
});

findingPages.post('/findings/:id/resolve', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const back = backTo(one(values, 'back'));
  try {
    const input = ResolveSchema.parse({
      resolvedOn: optional(values, 'resolvedOn') ?? undefined,
      resolutionNote: optional(values, 'resolutionNote'),
    });
    await patchFinding(ctxOf(c), id, { ...input, status: 'resolved' }, one(values, 'version') || undefined);
    return c.redirect(`${back}${back.includes('?') ? '&' : '?'}saved=1`, 303);
  } catch (err) {
    if (err instanceof ProblemError && err.status === 412) {
      // Someone else saved first: the typing stays, now against what is saved, to apply knowingly.
      const current = await getFinding(ctxOf(c), id);
      const kept: FormValues = { ...values, version: String(current.version) };
      return detail(c, id, back, { values: kept, errors: {}, summary: pageOf(c).i18n.t('fnd.conflict') }, 412);
    }
    return detail(c, id, back, { values, ...refusal(err, pickLang(c)) }, 400);
  }
});
