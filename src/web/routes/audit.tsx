import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import {
  checkpointCount,
  createCheckpoint,
  getCheckpoint,
  listCheckpoints,
} from '../../modules/audit/audit.checkpoints';
import { periodBounds } from '../../modules/audit/audit.period';
import { AuditFilterQuery, VerifyQuery } from '../../modules/audit/audit.schemas';
import { countVisibleAuditEvents, listAuditEvents, verifyAuditTrail } from '../../modules/audit/audit.service';
import { contractorNames } from '../../modules/contractors/contractors.repo';
import { listUsers, userNames } from '../../modules/users/users.service';
import { fieldError } from '../../platform/problem';
import { fieldErrors } from '../../platform/router';
import { guardedForm, may } from '../guards';
import { fieldText } from '../i18n/problems';
import { pagerState } from '../pager';
import { type AuditFilterValues, AuditTrailPage } from '../pages/audit';
import { referencedIds } from '../pages/audit-diff';
import { AuditVerifyPage } from '../pages/audit-verify';
import { Cursor, Flag, pageQuery, withQuery } from '../query';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/**
 * The audit trail for every role (events about users and webhooks for admins only, as
 * the API), its verification, and the checkpoints admins record to hold it against.
 */
export const auditPages = new Hono<WebEnv>();

/** Events carry their differences: a shorter page than other lists. */
const PAGE_SIZE = 25;
const CHECKPOINT_PAGE_SIZE = 20;
const FILTERS = ['entityType', 'entityId', 'actor', 'action', 'from', 'to'] as const;

/** The filters as typed (kept in the form), empty ones left out. */
function typedFilters(c: WebContext): AuditFilterValues {
  const typed: AuditFilterValues = {};
  for (const name of FILTERS) {
    const v = c.req.query(name)?.trim();
    if (v) typed[name] = v;
  }
  return typed;
}

/**
 * Whom the actor filter offers. Admins choose from the users (the first 200); the other
 * roles may not read the user list (as in the API), so they choose from the people the
 * page names, themselves, and whoever they filter by.
 */
async function actorChoices(c: WebContext, isAdmin: boolean, named: Map<string, string>, current?: string) {
  const ctx = ctxOf(c);
  const people = isAdmin
    ? (await listUsers(ctx, { limit: 200 })).items.map((u) => ({ id: u.id, name: u.name }))
    : [...named].map(([id, name]) => ({ id, name }));
  const wanted = [ctx.actor.id, current].filter((id): id is string => !!id && id !== 'system');
  const missing = [...new Set(wanted.filter((id) => !people.some((p) => p.id === id)))];
  const names = await userNames(ctx.db, missing);
  for (const id of missing) people.push({ id, name: names.get(id) ?? id });
  return people.filter((p) => p.id !== 'system').sort((a, b) => a.name.localeCompare(b.name));
}

auditPages.get('/audit', async (c) => {
  const ctx = ctxOf(c);
  const page = pageOf(c);
  const isAdmin = may(c, []);
  const typed = typedFilters(c);
  const { cursor } = pageQuery(c, z.object({ cursor: Cursor }));
  const common = { page, isAdmin, timeZone: ctx.config.timeZone, filters: typed };
  const parsed = AuditFilterQuery.safeParse(typed);
  if (!parsed.success) {
    // A filter the trail cannot use is shown next to its field, with what was typed.
    const errors = Object.fromEntries(
      fieldErrors(parsed.error.issues).map((e) => [e.path, fieldText(e, page.i18n.lang)]),
    );
    const names = { users: new Map<string, string>(), contractors: new Map<string, string>() };
    const people = await actorChoices(c, isAdmin, names.users, typed.actor);
    return c.html(<AuditTrailPage {...common} people={people} errors={errors} names={names} listing={null} />, 400);
  }
  const { from, to, ...rest } = parsed.data;
  const filter = { ...rest, ...periodBounds({ from, to }, ctx.config.timeZone) };
  const [list, total] = await Promise.all([
    withQuery(() => listAuditEvents(ctx.db, { ...filter, limit: PAGE_SIZE, cursor }, { isAdmin })),
    countVisibleAuditEvents(ctx.db, filter, { isAdmin }),
  ]);
  const ids = referencedIds(list.items);
  const [users, contractors] = await Promise.all([
    userNames(ctx.db, ids.users),
    contractorNames(ctx.db, ids.contractors),
  ]);
  const people = await actorChoices(c, isAdmin, users, typed.actor);
  return c.html(
    <AuditTrailPage
      {...common}
      people={people}
      errors={{}}
      names={{ users, contractors }}
      listing={{ ...list, total, pageSize: PAGE_SIZE, state: pagerState(c.req.url) }}
    />,
  );
});

const VerifyPageQuery = z.object({
  run: Flag,
  checkpoint: z.string().max(200).optional(),
  /** Set by the redirect after recording: the checkpoint's position, or `none`. */
  recorded: z
    .string()
    .regex(/^(\d{1,15}|none)$/)
    .optional(),
  cursor: Cursor,
});

auditPages.get('/audit/verify', async (c) => {
  const ctx = ctxOf(c);
  const page = pageOf(c);
  const q = pageQuery(c, VerifyPageQuery);
  const checkpointText = q.checkpoint?.trim() ?? '';
  let error: string | undefined;
  let result = null;
  if (q.run) {
    const parsed = VerifyQuery.safeParse({ checkpoint: checkpointText || undefined });
    if (parsed.success) result = await verifyAuditTrail(ctx, parsed.data.checkpoint);
    else
      error = fieldText(fieldErrors(parsed.error.issues)[0] ?? fieldError('checkpoint', 'checkpoint'), page.i18n.lang);
  }
  const [checkpoints, total, recorded] = await Promise.all([
    withQuery(() => listCheckpoints(ctx, { limit: CHECKPOINT_PAGE_SIZE, cursor: q.cursor })),
    checkpointCount(ctx),
    q.recorded && q.recorded !== 'none' ? getCheckpoint(ctx, Number(q.recorded)) : null,
  ]);
  // The pages of checkpoints do not verify again.
  const state = pagerState(c.req.url);
  for (const p of ['run', 'checkpoint', 'recorded']) state.params.delete(p);
  return c.html(
    <AuditVerifyPage
      page={page}
      checkpointText={checkpointText}
      error={error}
      result={result}
      recorded={recorded}
      nothingSealed={q.recorded === 'none'}
      canRecord={may(c, [])}
      checkpoints={{ ...checkpoints, total, pageSize: CHECKPOINT_PAGE_SIZE }}
      state={state}
    />,
    error ? 400 : 200,
  );
});

auditPages.post('/audit/checkpoints', async (c) => {
  const values = await guardedForm(c, []);
  if (values instanceof Response) return values;
  const made = await createCheckpoint(ctxOf(c), 'web');
  return c.redirect(`/audit/verify?recorded=${made ? made.seq : 'none'}`, 303);
});
