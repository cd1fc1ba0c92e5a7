// Ids inside one timeline: short, readable, never reused while the item they named is present.
// Derived from the timeline itself so `apply` stays pure and repeatable.

/** Returns `count` fresh ids like c7, c8 given the ids already in use. */
export function freshIds(prefix: string, used: Iterable<string>, count = 1): string[] {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let max = 0;
  for (const id of used) {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Array.from({ length: count }, (_, i) => `${prefix}${max + 1 + i}`);
}

export function freshId(prefix: string, used: Iterable<string>): string {
  return freshIds(prefix, used, 1)[0]!;
}
