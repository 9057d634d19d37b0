/** mulberry32: tiny, fast and seedable, so every run seeds the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => {
    const item = list[Math.floor(next() * list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const chance = (p: number): boolean => next() < p;
  /** A non-empty subset of `list`, in the list's own order. */
  const subset = <T>(list: readonly T[], p: number): T[] => {
    const out = list.filter(() => next() < p);
    return out.length > 0 ? out : [pick(list)];
  };
  /** Picks a key by weight: `{ active: 65, proposed: 10 }`. */
  const weighted = <K extends string>(weights: Record<K, number>): K => {
    const entries = Object.entries(weights) as [K, number][];
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1]?.[0] as K;
  };
  return { next, int, pick, chance, subset, weighted };
}
export type Prng = ReturnType<typeof prng>;
