export interface Waiting {
  id: number;
  updatedAt: string;
}

/**
 * Which requests newly wait for a person, between one answer and the next. A request is new when
 * it was not waiting in the previous answer and has changed since it was last seen waiting (a
 * reopened request changed; one that only came back into view did not). The first answer is the
 * baseline: what already waited when the screen opened is not announced.
 */
export function createNewlyNeeding(): (rows: readonly Waiting[]) => Waiting[] {
  let previous: Set<number> | null = null;
  const lastSeen = new Map<number, string>();
  return (rows) => {
    const fresh = previous === null ? [] : rows.filter((row) => !previous?.has(row.id) && lastSeen.get(row.id) !== row.updatedAt);
    previous = new Set(rows.map((row) => row.id));
    for (const row of rows) lastSeen.set(row.id, row.updatedAt);
    return fresh;
  };
}
