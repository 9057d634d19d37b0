import { auditValueTable } from '../../i18n/events';
import type { CheckpointView } from '../../modules/audit/audit.checkpoints';
import type { VerifyResult } from '../../modules/audit/audit.service';
import type { I18n } from '../i18n';
import { FieldError, Layout, type PageContext } from '../layout';
import type { PagerState } from '../pager';
import { type ListPage, PagedList, ScrollTable } from './parts-list';

/** A recorded checkpoint: when, by what, and the link that verifies the chain against it. */
function CheckpointRow(props: { i18n: I18n; checkpoint: CheckpointView }) {
  const { i18n, checkpoint: cp } = props;
  const triggers = auditValueTable('audit', 'trigger') ?? {};
  const trigger = (v: string) =>
    Object.hasOwn(triggers, v) ? i18n.text(triggers[v] as { ja: string; en: string }) : v;
  return (
    <tr data-checkpoint={cp.checkpoint}>
      <td>
        <code class="hash">{cp.checkpoint}</code>
      </td>
      <td>{i18n.dateTime(cp.at)}</td>
      <td>{trigger(cp.trigger)}</td>
      <td>
        <a href={`/audit/verify?run=1&checkpoint=${encodeURIComponent(cp.checkpoint)}`}>{i18n.t('adm.ve.cpVerify')}</a>
      </td>
    </tr>
  );
}

/** The verification of the keyed chain, and the checkpoints to hold it against. */
export function AuditVerifyPage(props: {
  page: PageContext;
  checkpointText: string;
  error: string | undefined;
  result: VerifyResult | null;
  recorded: CheckpointView | null;
  nothingSealed: boolean;
  canRecord: boolean;
  checkpoints: ListPage<CheckpointView>;
  state: PagerState;
}) {
  const { page, result } = props;
  const { i18n } = page;
  const { t } = i18n;
  const n = (v: number) => v.toLocaleString(i18n.lang === 'ja' ? 'ja-JP' : 'en-GB');
  return (
    <Layout page={page} title={t('adm.ve.title')}>
      <h1>{t('adm.ve.title')}</h1>
      <p>{t('adm.ve.intro')}</p>
      {props.recorded ? (
        <p class="notice" role="status">
          {t('adm.ve.recorded', { checkpoint: props.recorded.checkpoint })}
        </p>
      ) : null}
      {props.nothingSealed ? (
        <p class="notice error" role="alert">
          {t('adm.ve.nothingSealed')}
        </p>
      ) : null}
      <form method="get" action="/audit/verify" novalidate>
        <input type="hidden" name="run" value="1" />
        <div>
          <label for="checkpoint">{t('adm.ve.checkpoint')}</label>
          <input
            type="text"
            id="checkpoint"
            name="checkpoint"
            value={props.checkpointText}
            spellcheck={false}
            autocomplete="off"
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'checkpoint-error checkpoint-hint' : 'checkpoint-hint'}
          />
          <p class="hint" id="checkpoint-hint">
            {t('adm.ve.checkpointHint')}
          </p>
          <FieldError id="checkpoint" error={props.error} />
        </div>
        <p class="actions">
          <button type="submit">{t('adm.ve.run')}</button>
        </p>
      </form>
      {result ? (
        <section class="verify-result" aria-labelledby="verify-outcome">
          <p
            id="verify-outcome"
            class={`notice${result.ok ? ' ok' : ' error'}`}
            role={result.ok ? 'status' : 'alert'}
            data-ok={String(result.ok)}
          >
            {result.ok
              ? t('adm.ve.ok', { count: n(result.count) })
              : t('adm.ve.broken', { seq: n(result.firstBrokenSeq ?? result.headSeq + 1) })}
          </p>
          {result.checkpoint ? (
            <p
              class={`notice${result.checkpoint.ok ? ' ok' : ' error'}`}
              data-checkpoint-ok={String(result.checkpoint.ok)}
            >
              {t(result.checkpoint.ok ? 'adm.ve.cpHeld' : 'adm.ve.cpLost', { seq: n(result.checkpoint.seq) })}
            </p>
          ) : null}
          <dl class="facts">
            <dt>{t('adm.ve.count')}</dt>
            <dd>{n(result.count)}</dd>
            <dt>{t('adm.ve.sealed')}</dt>
            <dd>{n(result.sealed)}</dd>
            <dt>{t('adm.ve.unsealed')}</dt>
            <dd>{n(result.unsealed)}</dd>
            <dt>{t('adm.ve.head')}</dt>
            <dd>
              <code class="hash" data-head>{`${result.headSeq}:${result.headHash}`}</code>
            </dd>
          </dl>
        </section>
      ) : null}
      <h2>{t('adm.ve.checkpoints')}</h2>
      <p class="muted">{t('adm.ve.checkpointsIntro')}</p>
      {props.canRecord ? (
        <form method="post" action="/audit/checkpoints" class="actions">
          <input type="hidden" name="_csrf" value={page.csrf} />
          <button type="submit">{t('adm.ve.record')}</button>
        </form>
      ) : null}
      <PagedList i18n={i18n} state={props.state} list={props.checkpoints}>
        <ScrollTable
          columns={[
            t('adm.ve.cpValue'),
            t('adm.ve.cpAt'),
            t('adm.ve.cpTrigger'),
            { text: t('adm.ve.cpVerify'), hidden: true },
          ]}
        >
          {props.checkpoints.items.map((cp) => (
            <CheckpointRow i18n={i18n} checkpoint={cp} />
          ))}
        </ScrollTable>
      </PagedList>
    </Layout>
  );
}
