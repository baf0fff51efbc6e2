import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { transaction, type OrgDb } from '../../src/index.ts';

/** Proves no pool slot is stuck (or left in an aborted transaction): `max` transactions at once, each holding its connection until all have one. */
export async function fullPoolServes(db: OrgDb, max: number): Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const allIn = new Promise<void>((resolve) => (open = resolve));
  const results = await Promise.all(
    Array.from({ length: max }, (_, i) =>
      transaction(db, async (tx) => {
        await tx.execute(sql`select 1`);
        if (++arrived === max) open();
        await allIn;
        return i;
      }),
    ),
  );
  expect(results).toHaveLength(max);
}
