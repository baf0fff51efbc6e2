import { ConfigurationError } from '../errors/errors.ts';
import type { ClientOptions } from './createDatabase.ts';

/**
 * Which engine the options ask for, checked before anything opens.
 *
 * @example
 * chooseEngine({ pglite: true }); // { kind: 'pglite', dataDir: undefined }
 */
export function chooseEngine(options: ClientOptions): { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | undefined } {
  const embedded = options.pglite !== undefined || options.dataDir !== undefined;
  if (Object.hasOwn(options, 'url')) {
    if (embedded) throw new ConfigurationError('url and pglite/dataDir name two engines: pass one');
    return { kind: 'postgres', url: checkUrl(options.url, 'url') };
  }
  const dataDir = (typeof options.pglite === 'object' ? options.pglite.dataDir : undefined) ?? options.dataDir;
  return { kind: 'pglite', dataDir };
}

/**
 * A server URL that is there and parses; the message never repeats it (it may hold a password).
 *
 * @example
 * checkUrl(process.env.DATABASE_URL, 'url');
 */
export function checkUrl(url: unknown, what: string): string {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ConfigurationError(`${what} is empty: set DATABASE_URL (or pass the URL), or ask for an embedded database with pglite: true`);
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigurationError(`${what} must be a postgres:// or postgresql:// URL`);
  return url;
}
