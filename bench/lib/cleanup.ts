/**
 * Synchronous clean-ups run however the bench ends: normally, on an error, or on Ctrl-C
 * / SIGTERM (which skip `finally` blocks), so no server or temp database outlives it.
 */
const tasks = new Set<() => void>();

export function atExit(task: () => void): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

function runAll(): void {
  for (const task of tasks) {
    try {
      task();
    } catch {
      // Best effort: one failed clean-up must not skip the others.
    }
  }
  tasks.clear();
}

process.once('exit', runAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}
