import type { Sql } from 'postgres';
import { TimeoutError } from '../errors/errors.ts';

/** One pooled connection: a postgres.js client of `max: 1`, so everything sent through it shares one session. */
export interface Slot {
  readonly sql: Sql;
  /** Statements in flight on it outside a transaction (postgres.js pipelines them). */
  shared: number;
  /** Held whole by a transaction or a reservation. */
  exclusive: boolean;
  /** Takes no new shared statements: an exclusive waiter is waiting for it to drain. */
  draining: boolean;
}

/** What the pool looks like right now. */
export interface PoolStats {
  /** Connections that exist (opened lazily, up to `max`). */
  size: number;
  max: number;
  /** Held by a transaction or reservation. */
  exclusive: number;
  /** Running statements outside transactions. */
  busy: number;
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
}

interface Waiter {
  exclusive: boolean;
  grant(slot: Slot): void;
}

/**
 * A pool of single-connection postgres.js clients, in place of postgres.js's own pool for everything
 * that must hold a connection. postgres.js 3.4.9's `reserve()` can be stranded for good when a
 * connection closes while it waits (porsager/postgres#1195), a released dead reservation breaks the pool
 * (#1199), and its queue waits forever; here every wait is bounded and typed, a lost connection is just
 * a `max: 1` client that reconnects on its next statement, and no pool state lives in postgres.js.
 *
 * Statements outside transactions share slots (postgres.js pipelines them on the connection); a
 * transaction takes a slot whole. Waiters are served first come, first served.
 */
export class SlotPool {
  private readonly slots: Slot[] = [];
  private readonly waiters: Waiter[] = [];
  private ended = false;

  constructor(
    private readonly open: () => Sql,
    readonly max: number,
    readonly acquireTimeoutMs: number,
  ) {}

  /** A slot for one statement outside a transaction. */
  acquireShared(): Promise<Slot> | Slot {
    const slot = this.freeSlot() ?? this.newSlot() ?? this.leastBusy();
    if (slot && this.waiters.length === 0) {
      slot.shared++;
      return slot;
    }
    return this.wait(false);
  }

  /** A whole slot, for a transaction or a reservation. */
  acquireExclusive(): Promise<Slot> | Slot {
    const slot = this.waiters.length === 0 ? (this.freeSlot() ?? this.newSlot()) : undefined;
    if (slot) {
      slot.exclusive = true;
      return slot;
    }
    // Stop new shared statements on the least busy slot, so it drains for this waiter.
    const drain = this.leastBusy();
    if (drain) drain.draining = true;
    return this.wait(true);
  }

  /** Gives back what `acquireShared` gave. */
  releaseShared(slot: Slot): void {
    slot.shared--;
    if (this.slots.includes(slot)) this.serve();
  }

  /** Gives back what `acquireExclusive` gave. */
  releaseExclusive(slot: Slot): void {
    slot.exclusive = false;
    this.serve();
  }

  /**
   * Drops a slot whose session ended (killed, timed out, server restarted): its client is ended and a
   * new one is opened on demand. postgres.js would otherwise hand the next statement to the dying
   * connection until its close event arrives, and that statement fails with the old session's error.
   */
  discard(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    slot.exclusive = false;
    slot.sql.end({ timeout: 0 }).catch(() => {});
    this.serve();
  }

  stats(): PoolStats {
    const exclusive = this.slots.filter((s) => s.exclusive).length;
    const busy = this.slots.filter((s) => !s.exclusive && s.shared > 0).length;
    return { size: this.slots.length, max: this.max, exclusive, busy, idle: this.slots.length - exclusive - busy, waiting: this.waiters.length };
  }

  /** Ends every connection (waiting up to `timeout` seconds for running statements). */
  async end(options?: { timeout?: number }): Promise<void> {
    this.ended = true;
    await Promise.all(this.slots.map((s) => s.sql.end(options)));
  }

  private freeSlot(): Slot | undefined {
    return this.slots.find((s) => !s.exclusive && s.shared === 0);
  }

  private newSlot(): Slot | undefined {
    if (this.slots.length >= this.max || this.ended) return undefined;
    const slot: Slot = { sql: this.open(), shared: 0, exclusive: false, draining: false };
    this.slots.push(slot);
    return slot;
  }

  private leastBusy(): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) if (!s.exclusive && !s.draining && (!best || s.shared < best.shared)) best = s;
    return best;
  }

  private wait(exclusive: boolean): Promise<Slot> {
    return new Promise<Slot>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new TimeoutError('connection'));
      }, this.acquireTimeoutMs);
      const waiter: Waiter = {
        exclusive,
        grant: (slot) => {
          clearTimeout(timer);
          resolve(slot);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Hands free capacity to waiters, in order. */
  private serve(): void {
    this.grantWaiters();
    if (!this.waiters.some((w) => w.exclusive)) for (const s of this.slots) s.draining = false;
  }

  private grantWaiters(): void {
    while (this.waiters.length > 0) {
      const waiter = this.waiters[0]!;
      if (waiter.exclusive) {
        const slot = this.freeSlot() ?? this.newSlot();
        if (!slot) {
          const drain = this.leastBusy();
          if (drain) drain.draining = true;
          return;
        }
        slot.exclusive = true;
        slot.draining = false;
        this.waiters.shift();
        waiter.grant(slot);
      } else {
        const slot = this.freeSlot() ?? this.newSlot() ?? this.leastBusy();
        if (!slot) return;
        slot.shared++;
        this.waiters.shift();
        waiter.grant(slot);
      }
    }
  }
}
