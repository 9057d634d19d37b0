/** One benchmark scenario of benchmarks.md; `npm run bench -- <name>` runs only the named ones. */
export interface Scenario {
  name: string;
  title: string;
  /** Prints its `scenario: figure (baseline, ratio)` lines through `print`; returns the figures for latest.json. */
  run(print: (line: string) => void): Promise<Record<string, unknown>>;
}
