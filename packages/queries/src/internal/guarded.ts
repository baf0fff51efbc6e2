import { mapDatabaseError } from '../errors/mapDatabaseError.ts';

/** Runs database work and rethrows its errors as typed data-layer errors. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapDatabaseError(error);
  }
}
