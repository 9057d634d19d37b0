import { entityTypeLabels, eventLabel, eventLabels } from '../../i18n/events';
import type { AuditEventView } from '../../modules/audit/audit.service';
import { FieldError, Layout, type PageContext } from '../layout';
import { Pager, type PagerState } from '../pager';
import { Changes, EntityLine, type Names, personName } from './audit-diff';

export interface AuditFilterValues {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditListing {
  items: AuditEventView[];
  nextCursor: string | null;
  total: number;
  pageSize: number;
  state: PagerState;
}

/** Entity types and actions a role may filter by: non-admins never see users' and webhooks' events. */
const ADMIN_ONLY_TYPES = ['user', 'webhook'];
const ADMIN_ONLY_ACTION = /^(user|token|webhook)\./;

export function AuditTrailPage(props: {
  page: PageContext;
  isAdmin: boolean;
  timeZone: string;
  filters: AuditFilterValues;
  errors: Record<string, string>;
  /** Everyone who may appear as the actor, by id. */
  people: { id: string; name: string }[];
  names: Names;
  listing: AuditListing | null;
}) {
  const { page, filters, errors } = props;
  const { i18n } = page;
  const { t, text, dateTime } = i18n;
  const types = Object.keys(entityTypeLabels).filter((k) => props.isAdmin || !ADMIN_ONLY_TYPES.includes(k));
  const actions = Object.keys(eventLabels)
    .filter((a) => props.isAdmin || !ADMIN_ONLY_ACTION.test(a))
    .sort((a, b) => eventLabel(a, i18n.lang).localeCompare(eventLabel(b, i18n.lang), i18n.lang));
  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `f-${name}-error` } : {};
  const select = (name: keyof AuditFilterValues, title: string, options: [string, string][]) => (
    <div>
      <label for={`f-${name}`}>{title}</label>
      <select id={`f-${name}`} name={name} {...invalid(name)}>
        <option value="">{t('list.any')}</option>
        {options.map(([value, label]) => (
          <option value={value} selected={filters[name] === value}>
            {label}
          </option>
        ))}
      </select>
      <FieldError id={`f-${name}`} error={errors[name]} />
    </div>
  );
  const input = (name: keyof AuditFilterValues, title: string, type: string) => (
    <div>
      <label for={`f-${name}`}>{title}</label>
      <input type={type} id={`f-${name}`} name={name} value={filters[name] ?? ''} {...invalid(name)} />
      <FieldError id={`f-${name}`} error={errors[name]} />
    </div>
  );
  const listing = props.listing;
  return (
    <Layout page={page} title={t('adm.au.title')}>
      <h1>{t('adm.au.title')}</h1>
      <p class="muted">{t('adm.au.intro', { zone: props.timeZone })}</p>
      <div class="actions">
        <form method="get" action="/audit/verify" class="inline">
          <input type="hidden" name="run" value="1" />
          <button type="submit">{t('adm.au.verifyButton')}</button>
        </form>
        <a class="button secondary" href="/audit/verify">
          {t('adm.au.checkpointsLink')}
        </a>
      </div>
      <form class="filters" method="get" action="/audit" aria-label={t('list.filter')} novalidate>
        {select(
          'entityType',
          t('adm.au.entityType'),
          types.map((k) => [k, text(entityTypeLabels[k] ?? { ja: k, en: k })]),
        )}
        {input('entityId', t('adm.au.entityId'), 'text')}
        {select('actor', t('adm.au.actor'), [
          ['system', personName(i18n, props.names, 'system')],
          ...props.people.map((p): [string, string] => [p.id, p.name]),
        ])}
        {select(
          'action',
          t('adm.au.action'),
          actions.map((a) => [a, eventLabel(a, i18n.lang)]),
        )}
        {input('from', t('adm.au.from'), 'date')}
        {input('to', t('adm.au.to'), 'date')}
        <button type="submit">{t('list.filter')}</button>
        <a class="button secondary" href="/audit">
          {t('list.clear')}
        </a>
      </form>
      {Object.keys(errors).length ? (
        <p class="notice error" role="alert">
          {t('err.title')}
        </p>
      ) : null}
      {listing && listing.items.length === 0 ? <p class="muted">{t('list.empty')}</p> : null}
      {listing && listing.items.length > 0 ? (
        <ol class="audit-events">
          {listing.items.map((e) => (
            <li class="audit-event" data-seq={e.seq}>
              <h2>{eventLabel(e.action, i18n.lang)}</h2>
              <p class="audit-meta">
                <time datetime={e.at}>{dateTime(e.at)}</time>
                {' · '}
                <span class="audit-actor">{personName(i18n, props.names, e.actor)}</span>
                {' · '}
                {t('adm.au.seq', { seq: e.seq })}
                {e.sealed ? null : (
                  <>
                    {' · '}
                    <span class="badge pending">{t('adm.au.unsealed')}</span>
                  </>
                )}
              </p>
              <EntityLine i18n={i18n} names={props.names} event={e} />
              <Changes i18n={i18n} names={props.names} event={e} />
            </li>
          ))}
        </ol>
      ) : null}
      {listing ? (
        <Pager
          i18n={i18n}
          state={listing.state}
          nextCursor={listing.nextCursor}
          shown={listing.items.length}
          total={listing.total}
          pageSize={listing.pageSize}
        />
      ) : null}
    </Layout>
  );
}
