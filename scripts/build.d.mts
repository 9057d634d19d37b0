/** The repository root, and its dist/ (the built server). */
export const ROOT: string;
export const DIST: string;
/** True when `root`/dist was built from exactly the sources on disk now. */
export function isFresh(root?: string): boolean;
/** Builds `root`/dist; resolves with the number of modules written. */
export function build(root?: string, entries?: readonly string[]): Promise<number>;
/** The entry points built into dist/src/. */
export const ENTRIES: readonly string[];
/** Builds unless `root`/dist is fresh; true when it built. */
export function ensureBuilt(root?: string, entries?: readonly string[]): Promise<boolean>;
/** Builds the repository's dist/ and prints how long it took. */
export function main(): Promise<void>;
