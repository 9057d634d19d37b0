import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The one source of truth for the database layout. `npm run db:generate` turns changes
 * here into SQL files under db/migrations, which both runtimes apply: the drizzle
 * migrator on Node, `wrangler d1 migrations apply` on D1.
 *
 * Calendar dates are `YYYY-MM-DD` text in the organisation's time zone; instants are
 * RFC 3339 UTC text. Both compare correctly as strings.
 */

export const roles = ['admin', 'procurement', 'compliance', 'manager'] as const;
export type Role = (typeof roles)[number];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role', { enum: roles }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('users_role_idx').on(t.role, t.id), uniqueIndex('users_email_uq').on(t.email)],
);

export const tokenKinds = ['api', 'feed'] as const;

/** Only the SHA-256 of a token is stored; the token itself is shown once. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: tokenKinds }).notNull().default('api'),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId, t.kind)],
);

/**
 * Append-only, hash-chained audit log. Triggers (migration 0001) refuse UPDATE and
 * DELETE; the unique `seq` makes two concurrent appends conflict instead of forking
 * the chain. No foreign keys: audit rows outlive what they describe.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId, t.seq),
    index('audit_actor_idx').on(t.actor, t.seq),
    index('audit_at_idx').on(t.at),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type AuditRow = typeof auditEvents.$inferSelect;

/** Small key/value settings; `bootstrap` marks the first start, guarding a double admin. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
