/** The tail of the queue of runs on each client; weak, so a closed client is forgotten. */
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `work` after every earlier run on the same client has settled. The advisory lock serialises
 * runners across sessions, but calls on one PGlite instance share its single session, where the lock
 * is re-entrant and one call's statements would land inside the other's open transaction ("current
 * transaction is aborted"); so calls on one client (or one drizzle db over it) queue in-process.
 */
export function singleFlight<T>(client: object, work: () => Promise<T>): Promise<T> {
  const key = ('$client' in client ? (client as { $client: object }).$client : client) ?? client;
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
