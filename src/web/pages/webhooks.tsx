import { alertKinds } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { presentWebhook, WebhookMessageView } from '../../modules/webhooks/webhooks.service';
import { type FormValues, many, one } from '../forms';
import type { I18n } from '../i18n';
import { Badge, FieldError, Layout, type PageContext } from '../layout';
import type { PagerState } from '../pager';
import { type ListPage, PagedList, ScrollTable } from './parts-list';
import { Notice } from './parts-record';
import { DeliveryTable } from './webhook-deliveries';

export type WebhookView = ReturnType<typeof presentWebhook>;

const eventList = (i18n: I18n, events: readonly string[]) =>
  events.map((e) => <Badge value="info" label={i18n.label(labels.alertKind, e as (typeof alertKinds)[number])} />);

export function WebhookListPage(
  props: ListPage<WebhookView> & {
    page: PageContext;
    notice: string | null;
    state: PagerState;
  },
) {
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
      <PagedList i18n={i18n} state={props.state} list={props}>
        <ScrollTable
          class="webhooks"
          columns={[
            t('adm.wh.url'),
            t('adm.wh.events'),
            t('adm.wh.active'),
            t('adm.wh.created'),
            { text: t('adm.wh.delete'), hidden: true },
          ]}
        >
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
        </ScrollTable>
      </PagedList>
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
  const { t } = i18n;
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
      <DeliveryTable i18n={i18n} deliveries={deliveries} state={props.state} />
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
