import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { openClient } from './openClient.ts';

/** Runs `work` with the scratch database of `--scratch-url` (closed after), or with none (PGlite in process). */
export async function withScratch<T>(url: string | undefined, work: (scratch: MigrationClient | undefined) => Promise<T>): Promise<T> {
  if (!url) return work(undefined);
  const { client, close } = await openClient({ url });
  try {
    return await work(client);
  } finally {
    await close();
  }
}
