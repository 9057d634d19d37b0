import type { ServiceContext } from '../../platform/app-env';
import type { ContractorView } from './contractors.present';
import type { ListedKey } from './contractors.repo';

/**
 * The presented form of the contractors listed lately, and its JSON, so that a list page
 * whose rows did not change since they were last shown reads only their keys (id, version,
 * next review date) instead of every column, and neither parses their JSON columns nor
 * presents nor serialises them again: on a page of 50 that is most of its cost.
 *
 * A view holds while its row's version and `next_review_due` are the ones it was made from
 * (every other change to a contractor bumps the version: contractorUpdate) and "today" is
 * the day it was made on (the supervision status depends on it). Each page checks this
 * against the keys it has just read from the database, so a view is never shown after its
 * row changed, whichever process or instance changed it. At most CAPACITY views are kept,
 * the least recently shown going first.
 */
export const VIEW_CACHE_CAPACITY = 4_096;

interface Entry {
  version: number;
  nextReviewDue: string | null;
  today: string;
  view: ContractorView;
  json: string | undefined;
}

export class ViewCache {
  readonly #entries = new Map<string, Entry>();
  constructor(readonly capacity = VIEW_CACHE_CAPACITY) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The view kept for this key on `today`, if it still holds (a stale one is dropped). */
  get(key: ListedKey, today: string): Entry | undefined {
    const entry = this.#entries.get(key.id);
    if (!entry) return undefined;
    this.#entries.delete(key.id);
    if (entry.version !== key.version || entry.nextReviewDue !== key.nextReviewDue || entry.today !== today) {
      return undefined;
    }
    this.#entries.set(key.id, entry); // the most recently shown now
    return entry;
  }

  /** Keeps the view of a row as read (its own version and date, which may be newer than a key read before). */
  put(view: ContractorView, today: string): Entry {
    const entry: Entry = { version: view.version, nextReviewDue: view.nextReviewDue, today, view, json: undefined };
    this.#entries.delete(view.id);
    this.#entries.set(view.id, entry);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return entry;
  }
}

/** The JSON of a kept view, serialised once. */
export const viewJson = (entry: Entry): string => {
  entry.json ??= JSON.stringify(entry.view);
  return entry.json;
};

/**
 * One cache per database and configuration: a view depends on the review intervals of the
 * configuration (tests run apps with different ones on one process).
 */
const caches = new WeakMap<object, WeakMap<object, ViewCache>>();
export function viewCacheOf(ctx: ServiceContext): ViewCache {
  let byConfig = caches.get(ctx.db);
  if (!byConfig) {
    byConfig = new WeakMap();
    caches.set(ctx.db, byConfig);
  }
  const intervals = ctx.config.reviewIntervals;
  let cache = byConfig.get(intervals);
  if (!cache) {
    cache = new ViewCache();
    byConfig.set(intervals, cache);
  }
  return cache;
}
