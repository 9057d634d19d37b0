import { auditFieldLabel, auditValueTable, entityTypeLabels, systemActorLabel } from '../../i18n/events';
import type { Label } from '../../i18n/labels';
import type { AuditEventView } from '../../modules/audit/audit.service';
import type { I18n } from '../i18n';

/**
 * An audit event's before/after records as people read them: field by field, with the
 * field's name, enum values by their labels, dates and times as the reader's language
 * writes them (times in ITAKU_TIMEZONE), people and contractors by name.
 */

/** Names of the people and contractors the events refer to by id. */
export interface Names {
  users: Map<string, string>;
  contractors: Map<string, string>;
}

type Flat = Record<string, unknown>;

/** Fields that change with every write and tell the reader nothing the event does not. */
const NOISE = new Set(['version', 'updatedAt']);
/** Left out of a created or removed record's listing: the event itself says them. */
const IMPLIED = new Set(['id', 'version', 'createdAt', 'updatedAt']);
/** Fields holding a user id (or "system"). */
const USER_FIELDS = new Set(['acknowledgedBy', 'resolvedBy', 'createdBy', 'scheduledBy']);
/** Fields holding a contractor id. */
const CONTRACTOR_FIELDS = new Set(['contractorId', 'parentId']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One level of nesting becomes `parent.child` (checklist.human, dataDisposition.method). */
function flatten(value: unknown): Flat {
  if (!isRecord(value)) return {};
  const flat: Flat = {};
  for (const [key, v] of Object.entries(value)) {
    if (isRecord(v)) for (const [sub, w] of Object.entries(v)) flat[`${key}.${sub}`] = w;
    else flat[key] = v;
  }
  return flat;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

/** What an event changed: the differing fields of an update, or every field of a record made or removed. */
export function changesOf(e: Pick<AuditEventView, 'before' | 'after'>): {
  kind: 'update' | 'create' | 'delete' | 'none';
  changes: Change[];
} {
  const before = flatten(e.before);
  const after = flatten(e.after);
  if (isRecord(e.before) && isRecord(e.after)) {
    const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((p) => !NOISE.has(p));
    const changes = paths
      .filter((p) => !same(before[p], after[p]))
      .map((path) => ({ path, before: before[path], after: after[path] }));
    return { kind: 'update', changes };
  }
  const only = isRecord(e.after) ? after : before;
  const changes = Object.keys(only)
    .filter((p) => !IMPLIED.has(p))
    .map((path) => ({ path, before: before[path], after: after[path] }));
  if (isRecord(e.after)) return { kind: 'create', changes };
  if (isRecord(e.before)) return { kind: 'delete', changes };
  return { kind: 'none', changes: [] };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** Who acted (or is named in a field), by name. */
export function personName(i18n: I18n, names: Names, id: string): string {
  if (id === 'system') return i18n.text(systemActorLabel);
  return names.users.get(id) ?? id;
}

/** One value of a field, in words. */
export function valueText(i18n: I18n, names: Names, entityType: string, path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const field = path.split('.').at(-1) ?? path;
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    const sep = i18n.lang === 'ja' ? '、' : ', ';
    return value.map((v) => valueText(i18n, names, entityType, path, v)).join(sep);
  }
  if (typeof value === 'boolean') return i18n.t(value ? 'yes' : 'no');
  if (typeof value === 'number') return value.toLocaleString(i18n.lang === 'ja' ? 'ja-JP' : 'en-GB');
  if (typeof value !== 'string') return JSON.stringify(value);
  const table = auditValueTable(entityType, path);
  if (table && Object.hasOwn(table, value)) return i18n.text(table[value] as Label);
  if (USER_FIELDS.has(field)) return personName(i18n, names, value);
  if (CONTRACTOR_FIELDS.has(field)) return names.contractors.get(value) ?? value;
  if (DATE.test(value)) return i18n.date(value);
  if (INSTANT.test(value)) return i18n.dateTime(value);
  return value;
}

/** The ids of people and contractors the events name, to look their names up at once. */
export function referencedIds(events: readonly AuditEventView[]): { users: string[]; contractors: string[] } {
  const users = new Set<string>();
  const contractors = new Set<string>();
  for (const e of events) {
    users.add(e.actor);
    if (e.entityType === 'user') users.add(e.entityId);
    if (e.entityType === 'contractor') contractors.add(e.entityId);
    for (const record of [flatten(e.before), flatten(e.after)]) {
      for (const [path, v] of Object.entries(record)) {
        const field = path.split('.').at(-1) ?? path;
        if (typeof v !== 'string') continue;
        if (USER_FIELDS.has(field)) users.add(v);
        if (CONTRACTOR_FIELDS.has(field)) contractors.add(v);
      }
    }
  }
  return { users: [...users], contractors: [...contractors] };
}

/** Where an event's record is shown, for the entity types that have a page of their own. */
export function entityHref(entityType: string, id: string): string | null {
  const safe = encodeURIComponent(id);
  switch (entityType) {
    case 'contractor':
      return `/contractors/${safe}`;
    case 'review':
      return `/reviews/${safe}`;
    case 'incident':
      return `/incidents/${safe}`;
    case 'agreement':
      return `/agreements/${safe}/edit`;
    case 'webhook':
      return `/webhooks/${safe}`;
    case 'job_run':
      return '/jobs';
    default:
      return null;
  }
}

const NAME_FIELDS = ['name', 'title', 'summary', 'description', 'url'];

/**
 * What the event is about, in words: the record's name or title, else its kind, else its
 * id; null for the trail's own events that name no record (its key, its protections).
 */
function entityName(i18n: I18n, names: Names, e: AuditEventView): string | null {
  const record = (isRecord(e.after) ? e.after : isRecord(e.before) ? e.before : {}) as Record<string, unknown>;
  if (e.entityType === 'user') return names.users.get(e.entityId) ?? e.entityId;
  if (e.entityType === 'audit') return /^\d+$/.test(e.entityId) ? i18n.t('adm.au.seq', { seq: e.entityId }) : null;
  // A sweep is known by the day it swept.
  if (e.entityType === 'job_run' && typeof record.today === 'string') return i18n.date(record.today);
  if (e.entityType === 'contractor' && names.contractors.has(e.entityId))
    return names.contractors.get(e.entityId) as string;
  for (const f of NAME_FIELDS) {
    const v = record[f];
    if (typeof v === 'string' && v.trim()) return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  }
  if (typeof record.kind === 'string') return valueText(i18n, names, e.entityType, 'kind', record.kind);
  return e.entityId;
}

/** The event's record: its type, its name (linked to its page) and, for a contractor's records, the contractor. */
export function EntityLine(props: { i18n: I18n; names: Names; event: AuditEventView }) {
  const { i18n, names, event: e } = props;
  const type = entityTypeLabels[e.entityType];
  const href = entityHref(e.entityType, e.entityId);
  const name = entityName(i18n, names, e);
  const record = (isRecord(e.after) ? e.after : isRecord(e.before) ? e.before : {}) as Record<string, unknown>;
  const contractorId = e.entityType !== 'contractor' && typeof record.contractorId === 'string' && record.contractorId;
  return (
    <p class="audit-entity">
      <span class="muted">{type ? i18n.text(type) : e.entityType}</span>
      {name === null ? null : (
        <>
          <span class="muted">: </span>
          {href ? <a href={href}>{name}</a> : <span>{name}</span>}
        </>
      )}
      {contractorId ? (
        <>
          {' · '}
          <a href={`/contractors/${encodeURIComponent(contractorId)}`}>
            {names.contractors.get(contractorId) ?? contractorId}
          </a>
        </>
      ) : null}
    </p>
  );
}

function Field(props: { i18n: I18n; entityType: string; path: string }) {
  return <th scope="row">{props.i18n.text(auditFieldLabel(props.entityType, props.path))}</th>;
}

/** The event's differences as a table: before and after for an update, the values of a record made or removed. */
export function Changes(props: { i18n: I18n; names: Names; event: AuditEventView }) {
  const { i18n, names, event: e } = props;
  const { t } = i18n;
  const { kind, changes } = changesOf(e);
  const value = (path: string, v: unknown) => valueText(i18n, names, e.entityType, path, v);
  if (kind === 'none') return null;
  if (kind === 'update') {
    if (changes.length === 0) return <p class="muted">{t('adm.au.noChange')}</p>;
    return (
      <div class="scroll">
        <table class="diff">
          <tr>
            <th scope="col">{t('adm.au.field')}</th>
            <th scope="col">{t('adm.au.before')}</th>
            <th scope="col">{t('adm.au.after')}</th>
          </tr>
          {changes.map((c) => (
            <tr>
              <Field i18n={i18n} entityType={e.entityType} path={c.path} />
              <td class="before">{value(c.path, c.before)}</td>
              <td class="after">{value(c.path, c.after)}</td>
            </tr>
          ))}
        </table>
      </div>
    );
  }
  if (changes.length === 0) return null;
  const key = kind === 'create' ? 'adm.au.recorded' : 'adm.au.removed';
  return (
    <details class="audit-record">
      <summary>{t(key, { n: changes.length })}</summary>
      <div class="scroll">
        <table class="diff">
          <tr>
            <th scope="col">{t('adm.au.field')}</th>
            <th scope="col">{t('adm.au.value')}</th>
          </tr>
          {changes.map((c) => (
            <tr>
              <Field i18n={i18n} entityType={e.entityType} path={c.path} />
              <td>{value(c.path, kind === 'create' ? c.after : c.before)}</td>
            </tr>
          ))}
        </table>
      </div>
    </details>
  );
}
