import type { JobRunRow } from '../../modules/job-runs/job-runs.repo';
import type { I18n, MessageKey } from '../i18n';
import { Badge, Layout, type PageContext } from '../layout';
import type { PagerState } from '../pager';
import { type ListPage, PagedList, ScrollTable, keyedWord as word } from './parts-list';

const jobKeys: Record<string, MessageKey> = { sweep: 'adm.job.sweep' };
const triggerKeys: Record<string, MessageKey> = {
  schedule: 'adm.job.tr.schedule',
  api: 'adm.job.tr.api',
  cli: 'adm.job.tr.cli',
  web: 'adm.job.tr.web',
};
const statusKeys: Record<string, MessageKey> = {
  running: 'adm.job.st.running',
  succeeded: 'adm.job.st.succeeded',
  failed: 'adm.job.st.failed',
  skipped: 'adm.job.st.skipped',
};
const countKeys: Record<string, MessageKey> = {
  raised: 'adm.job.c.raised',
  resolved: 'adm.job.c.resolved',
  escalated: 'adm.job.c.escalated',
  agreementsRolledForward: 'adm.job.c.agreementsRolledForward',
  queuedWebhooks: 'adm.job.c.queuedWebhooks',
  queuedEmails: 'adm.job.c.queuedEmails',
};

/**
 * A run's counts as "name: n" lines, in the order the sweep reports them; `changesOnly`
 * leaves out the zeros (the list of runs), saying so when nothing changed.
 */
function Counts(props: { i18n: I18n; counts: Record<string, number> | null; changesOnly?: boolean }) {
  if (!props.counts) return <span>—</span>;
  const entries = Object.entries(props.counts).filter(([, v]) => !props.changesOnly || v !== 0);
  if (entries.length === 0) return <span class="muted">{props.i18n.t('adm.job.noChange')}</span>;
  const n = (v: number) => v.toLocaleString(props.i18n.lang === 'ja' ? 'ja-JP' : 'en-GB');
  return (
    <dl class="counts">
      {entries.map(([k, v]) => (
        <div data-count={k}>
          <dt>{word(props.i18n, countKeys, k)}</dt>
          <dd>{n(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the sweep just run on this page did. */
function LastRun(props: { i18n: I18n; run: JobRunRow }) {
  const { i18n, run } = props;
  const { t } = i18n;
  if (run.status === 'skipped')
    return (
      <p class="notice" role="status" data-run={run.id}>
        {t('adm.job.skippedNotice')}
      </p>
    );
  if (run.status === 'failed')
    return (
      <p class="notice error" role="alert" data-run={run.id}>
        {t('adm.job.failedNotice', { error: run.error ?? '' })}
      </p>
    );
  return (
    <div class="notice" role="status" data-run={run.id}>
      <p>{t('adm.job.done')}</p>
      <Counts i18n={i18n} counts={run.counts} />
    </div>
  );
}

export function JobsPage(
  props: ListPage<JobRunRow> & {
    page: PageContext;
    lastRun: JobRunRow | null;
    state: PagerState;
  },
) {
  const { page } = props;
  const { i18n } = page;
  const { t, dateTime } = i18n;
  return (
    <Layout page={page} title={t('adm.job.title')}>
      <h1>{t('adm.job.title')}</h1>
      {props.lastRun ? <LastRun i18n={i18n} run={props.lastRun} /> : null}
      <p class="muted">{t('adm.job.intro')}</p>
      <form method="post" action="/jobs/sweep" class="actions">
        <input type="hidden" name="_csrf" value={page.csrf} />
        <button type="submit">{t('adm.job.run')}</button>
      </form>
      <h2>{t('adm.job.runs')}</h2>
      <PagedList i18n={i18n} state={props.state} list={props}>
        <ScrollTable
          class="job-runs"
          columns={[
            t('adm.job.job'),
            t('adm.job.trigger'),
            t('adm.job.started'),
            t('adm.job.finished'),
            t('adm.job.status'),
            t('adm.job.counts'),
            t('adm.job.error'),
          ]}
        >
          {props.items.map((r) => (
            <tr data-run={r.id} data-status={r.status}>
              <td>{word(i18n, jobKeys, r.job)}</td>
              <td>{word(i18n, triggerKeys, r.trigger)}</td>
              <td>{dateTime(r.startedAt)}</td>
              <td>{r.finishedAt ? dateTime(r.finishedAt) : '—'}</td>
              <td>
                <Badge value={r.status} label={word(i18n, statusKeys, r.status)} />
              </td>
              <td>
                <Counts i18n={i18n} counts={r.counts} changesOnly />
              </td>
              <td class="error-text">{r.error ?? '—'}</td>
            </tr>
          ))}
        </ScrollTable>
      </PagedList>
    </Layout>
  );
}
