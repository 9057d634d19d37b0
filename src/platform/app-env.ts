import type { Role } from '../../db/schema';
import type { AuditTrail } from './audit/trail';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db';
import type { ExportReader } from './export-reader';
import type { FileStore } from './files';
import type { Logger } from './logger';
import type { Mailer } from './mailer';

/** Files the API docs page needs; each runtime supplies them its own way. */
export interface DocsAssets {
  'swagger-ui-bundle.js': string;
  'swagger-ui.css': string;
}

/** What createApp() needs from its runtime. */
export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Seals audit events into the keyed chain, and holds the keys derived from the audit secret. */
  audit: AuditTrail;
  /**
   * Uploaded documents' bytes by SHA-256: a directory on Node, the R2 bucket FILES on
   * Workers. Both servers always have one; operator commands and the sweep need none.
   */
  files?: FileStore;
  docsAssets?: () => Promise<DocsAssets>;
  /** SMTP transport (Node only); without one, no e-mail digests are queued. */
  mailer?: Mailer;
  /** Outgoing HTTP for webhooks; the global fetch when absent. */
  fetch?: typeof fetch;
  /**
   * Every address a host name resolves to, so that a webhook whose name points at the
   * internal network is refused before delivery (Node: `dns.lookup`). Absent on Workers,
   * where Cloudflare itself refuses private targets: only the literal host is checked.
   */
  resolveHost?: (host: string) => Promise<string[]>;
  /** Keeps work going after a response (Workers: waitUntil; Node: tracked for shutdown). */
  background?: (work: Promise<unknown>) => void;
  /** Reads CSV exports off the request's thread (Node: worker threads); absent: in place, in pages. */
  exportReader?: ExportReader;
}

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** itaku itself acting: scheduled jobs, start-up, operator commands. */
export interface SystemActor {
  id: 'system';
}

export const SYSTEM_ACTOR: SystemActor = { id: 'system' };

/**
 * The one context every service verb takes as its first argument: the dependencies, and
 * who is acting (for the audit trail and role rules). Reads ignore the actor.
 */
export interface ServiceContext extends AppDeps {
  actor: Actor | SystemActor;
  requestId?: string;
}

/** A service context for a request made by a signed-in user (routes, pages). */
export interface RequestContext extends ServiceContext {
  actor: Actor;
  requestId: string;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    actor: Actor;
    /** Resolves a bearer token to its user; prepared once per app. */
    authLookup: (token: string) => Promise<Actor | undefined>;
    /** Resolves a browser session id (the cookie's value) to its user, for GETs of the API. */
    sessionLookup: (sessionId: string) => Promise<Actor | undefined>;
  };
};
