import { alertKinds } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { presentWebhook, WebhookMessageView } from '../../modules/webhooks/webhooks.service';
import { type FormValues, many, one } from '../forms';
import type { I18n, MessageKey } from '../i18n';
import { Badge, FieldError, Layout, type PageContext } from '../layout';
import { Pager, type PagerState } from '../pager';

export type WebhookView = ReturnType<typeof presentWebhook>;

const statusKeys: Record<string, MessageKey> = {
  pending: 'adm.wh.st.pending',
  delivered: 'adm.wh.st.delivered',
  failed: 'adm.wh.st.failed',
};
const eventKeys: Record<string, MessageKey> = {
  'alert.raised': 'adm.wh.ev.alert.raised',
  'alert.escalated': 'adm.wh.ev.alert.escalated',
  'audit.checkpoint': 'adm.wh.ev.audit.checkpoint',
};
const word = (i18n: I18n, keys: Record<string, MessageKey>, value: string) =>
  Object.hasOwn(keys, value) ? i18n.t(keys[value] as MessageKey) : value;

const eventList = (i18n: I18n, events: readonly string[]) =>
  events.map((e) => <Badge value="info" label={i18n.label(labels.alertKind, e as (typeof alertKinds)[number])} />);

const Notice = (props: { text: string | null }) =>
  props.text ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : null;

export function WebhookListPage(props: {
  page: PageContext;
  notice: string | null;
  items: WebhookView[];
  nextCursor: string | null;
  total: number;
  pageSize: number;
  state: PagerState;
}) {
  const { page } = props;
  const { i18n } = page;
  const { t, dateTime } = i18n;
  return (
    <Layout page={page} title={t('adm.wh.title')}>
      <h1>{t('adm.wh.title')}</h1>
      <Notice text={props.notice} />
      <p class="muted">{t('adm.wh.intro')}</p>
      <p class="actions">
        <a class="button" href="/webhooks/new">
          {t('adm.wh.new')}
        </a>
      </p>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <div class="scroll">
          <table class="webhooks">
            <tr>
              <th scope="col">{t('adm.wh.url')}</th>
              <th scope="col">{t('adm.wh.events')}</th>
              <th scope="col">{t('adm.wh.active')}</th>
              <th scope="col">{t('adm.wh.created')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('adm.wh.delete')}</span>
              </th>
            </tr>
            {props.items.map((w) => (
              <tr data-webhook={w.id}>
                <td class="url">
                  <a href={`/webhooks/${w.id}`}>{w.url}</a>
                  {w.description ? <div class="muted">{w.description}</div> : null}
                </td>
                <td class="labels">{eventList(i18n, w.events)}</td>
                <td>{t(w.active ? 'yes' : 'no')}</td>
                <td>{dateTime(w.createdAt)}</td>
                <td>
                  <a href={`/webhooks/${w.id}/delete`} aria-label={`${t('adm.wh.delete')}: ${w.url}`}>
                    {t('adm.wh.delete')}
                  </a>
                </td>
              </tr>
            ))}
          </table>
        </div>
      )}
      <Pager
        i18n={i18n}
        state={props.state}
        nextCursor={props.nextCursor}
        shown={props.items.length}
        total={props.total}
        pageSize={props.pageSize}
      />
    </Layout>
  );
}

/** The registration form. The secret is write-only: it never comes back, not even with errors. */
export function WebhookFormPage(props: {
  page: PageContext;
  values: FormValues;
  errors: Record<string, string>;
  summary: string | null;
}) {
  const { page, values, errors } = props;
  const { t, label } = page.i18n;
  const chosen = many(values, 'events');
  const described = (name: string, hint: boolean) =>
    [errors[name] ? `${name}-error` : '', hint ? `${name}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Layout page={page} title={t('adm.wh.new')}>
      <h1>{t('adm.wh.new')}</h1>
      {props.summary || Object.keys(errors).length ? (
        <div class="notice error" role="alert">
          <p>{props.summary ?? t('err.title')}</p>
        </div>
      ) : null}
      <form method="post" action="/webhooks" novalidate>
        <input type="hidden" name="_csrf" value={page.csrf} />
        <div>
          <label for="url">{t('adm.wh.url')}</label>
          <input
            type="text"
            inputmode="url"
            id="url"
            name="url"
            value={one(values, 'url')}
            autocomplete="off"
            spellcheck={false}
            aria-invalid={errors.url ? 'true' : undefined}
            aria-describedby={described('url', true)}
          />
          <p class="hint" id="url-hint">
            {t('adm.wh.urlHint')}
          </p>
          <FieldError id="url" error={errors.url} />
        </div>
        <div>
          <label for="secret">{t('adm.wh.secret')}</label>
          <input
            type="password"
            id="secret"
            name="secret"
            value=""
            autocomplete="new-password"
            aria-invalid={errors.secret ? 'true' : undefined}
            aria-describedby={described('secret', true)}
          />
          <p class="hint" id="secret-hint">
            {t('adm.wh.secretHint')}
          </p>
          <FieldError id="secret" error={errors.secret} />
        </div>
        <fieldset
          id="events"
          aria-invalid={errors.events ? 'true' : undefined}
          aria-describedby={errors.events ? 'events-error' : undefined}
        >
          <legend>{t('adm.wh.events')}</legend>
          {alertKinds.map((kind) => (
            <label class="check">
              <input type="checkbox" name="events" value={kind} checked={chosen.includes(kind)} />{' '}
              {label(labels.alertKind, kind)}
            </label>
          ))}
          <FieldError id="events" error={errors.events} />
        </fieldset>
        <div>
          <label for="description">{t('adm.wh.description')}</label>
          <input
            type="text"
            id="description"
            name="description"
            value={one(values, 'description')}
            aria-invalid={errors.description ? 'true' : undefined}
            aria-describedby={described('description', false)}
          />
          <FieldError id="description" error={errors.description} />
        </div>
        <p class="actions">
          <button type="submit">{t('adm.wh.save')}</button>
          <a class="button secondary" href="/webhooks">
            {t('adm.wh.cancel')}
          </a>
        </p>
      </form>
    </Layout>
  );
}

function Facts(props: { i18n: I18n; webhook: WebhookView; createdBy: string }) {
  const { i18n, webhook: w } = props;
  const { t, dateTime } = i18n;
  return (
    <dl class="facts">
      <dt>{t('adm.wh.url')}</dt>
      <dd class="url">{w.url}</dd>
      <dt>{t('adm.wh.events')}</dt>
      <dd class="labels">{eventList(i18n, w.events)}</dd>
      <dt>{t('adm.wh.description')}</dt>
      <dd>{w.description ?? '—'}</dd>
      <dt>{t('adm.wh.active')}</dt>
      <dd>{t(w.active ? 'yes' : 'no')}</dd>
      <dt>{t('adm.wh.created')}</dt>
      <dd>{dateTime(w.createdAt)}</dd>
      <dt>{t('adm.wh.createdBy')}</dt>
      <dd>{props.createdBy}</dd>
    </dl>
  );
}

/** One webhook and its deliveries: one row per event sent, however many attempts it took. */
export function WebhookDetailPage(props: {
  page: PageContext;
  webhook: WebhookView;
  createdBy: string;
  notice: string | null;
  deliveries: { items: WebhookMessageView[]; nextCursor: string | null; total: number; pageSize: number };
  state: PagerState;
}) {
  const { page, webhook: w, deliveries } = props;
  const { i18n } = page;
  const { t, dateTime } = i18n;
  return (
    <Layout page={page} title={`${t('adm.wh.title')}: ${w.url}`}>
      <p>
        <a href="/webhooks">{t('adm.wh.back')}</a>
      </p>
      <h1 class="url">{w.url}</h1>
      <Notice text={props.notice} />
      <Facts i18n={i18n} webhook={w} createdBy={props.createdBy} />
      <p class="actions">
        <a class="button secondary danger" href={`/webhooks/${w.id}/delete`}>
          {t('adm.wh.delete')}
        </a>
      </p>
      <h2>{t('adm.wh.deliveries')}</h2>
      {deliveries.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <div class="scroll">
          <table>
            <tr>
              <th scope="col">{t('adm.wh.event')}</th>
              <th scope="col">{t('adm.wh.status')}</th>
              <th scope="col" class="num">
                {t('adm.wh.attempts')}
              </th>
              <th scope="col">{t('adm.wh.lastError')}</th>
              <th scope="col">{t('adm.wh.queued')}</th>
              <th scope="col">{t('adm.wh.when')}</th>
            </tr>
            {deliveries.items.map((d) => (
              <tr data-delivery={d.id} data-status={d.status}>
                <td>{word(i18n, eventKeys, d.eventType)}</td>
                <td>
                  <Badge value={d.status} label={word(i18n, statusKeys, d.status)} />
                </td>
                <td class="num">{d.attempts}</td>
                <td class="error-text">{d.lastError ?? '—'}</td>
                <td>{dateTime(d.createdAt)}</td>
                <td>
                  {d.deliveredAt
                    ? dateTime(d.deliveredAt)
                    : d.nextAttemptAt
                      ? t('adm.wh.next', { at: dateTime(d.nextAttemptAt) })
                      : '—'}
                </td>
              </tr>
            ))}
          </table>
        </div>
      )}
      <Pager
        i18n={i18n}
        state={props.state}
        nextCursor={deliveries.nextCursor}
        shown={deliveries.items.length}
        total={deliveries.total}
        pageSize={deliveries.pageSize}
      />
    </Layout>
  );
}

/** The explicit step before a deletion, which cannot be undone. */
export function WebhookDeletePage(props: { page: PageContext; webhook: WebhookView; createdBy: string }) {
  const { page, webhook: w } = props;
  const { t } = page.i18n;
  return (
    <Layout page={page} title={t('adm.wh.deleteTitle')}>
      <h1>{t('adm.wh.deleteTitle')}</h1>
      <Facts i18n={page.i18n} webhook={w} createdBy={props.createdBy} />
      <p class="notice error">{t('adm.wh.deleteWarning')}</p>
      <form method="post" action={`/webhooks/${w.id}/delete`} class="actions">
        <input type="hidden" name="_csrf" value={page.csrf} />
        <button type="submit" class="danger">
          {t('adm.wh.deleteConfirm')}
        </button>
        <a class="button secondary" href={`/webhooks/${w.id}`}>
          {t('adm.wh.cancel')}
        </a>
      </form>
    </Layout>
  );
}
