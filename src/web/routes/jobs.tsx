import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { waitUntilOf } from '../../modules/job-runs/job-runs.routes';
import { getJobRun, jobRunCount, listJobRuns, sweepNow } from '../../modules/job-runs/job-runs.service';
import { guardedForm, may } from '../guards';
import { pagerState } from '../pager';
import { JobsPage } from '../pages/jobs';
import { Cursor, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf } from '../web-context';

/** Jobs (admin): run the sweep now, and every run of every job. */
export const jobPages = new Hono<WebEnv>();

const PAGE_SIZE = 25;

/** `run` is set by the redirect after running the sweep here: its counts are shown. */
const JobsQuery = z.object({ run: z.string().max(64).optional(), cursor: Cursor });

jobPages.get('/jobs', async (c) => {
  if (!may(c, [])) return forbidden(c);
  const q = pageQuery(c, JobsQuery);
  const ctx = ctxOf(c);
  const [runs, total, lastRun] = await Promise.all([
    withQuery(() => listJobRuns(ctx, { limit: PAGE_SIZE, cursor: q.cursor })),
    jobRunCount(ctx),
    q.run ? getJobRun(ctx, q.run) : null,
  ]);
  const state = pagerState(c.req.url);
  state.params.delete('run');
  return c.html(
    <JobsPage page={pageOf(c)} lastRun={lastRun} {...runs} total={total} pageSize={PAGE_SIZE} state={state} />,
  );
});

jobPages.post('/jobs/sweep', async (c) => {
  const values = await guardedForm(c, []);
  if (values instanceof Response) return values;
  const result = await sweepNow(c.var.deps, 'web', waitUntilOf(c));
  return c.redirect(`/jobs?run=${result.runId}`, 303);
});
