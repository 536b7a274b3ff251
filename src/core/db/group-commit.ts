import type Database from 'better-sqlite3';

export interface GroupCommitOptions {
  /** Real milliseconds a write may wait for its commit. */
  maxDelayMs?: number;
  /** Writes after which the batch commits at once, whatever the delay. */
  maxWrites?: number;
}

export interface GroupCommit {
  /**
   * Runs `write` atomically (a savepoint) inside the open batch, opening one if none is: it becomes
   * durable when the batch commits. Reads on the same connection see it at once.
   */
  write<T>(write: () => T): T;
  /** Commits the batch now. Call before anything that must not happen unless the writes are on disk. */
  flush(): void;
  /** Commits and stops batching: later writes commit one by one (the connection is about to close). */
  close(): void;
  /**
   * Told when a commit due on its timer fails (a full disk, another process holding the lock too long):
   * the batch stays open and is tried again; nothing is thrown into the timer.
   */
  onFailure(listener: (err: unknown) => void): () => void;
}

const batches = new WeakMap<Database.Database, GroupCommit>();

/**
 * The group commit of one SQLite connection. A transaction costs about as much as the writes in it
 * (the WAL append), so a call's follow-up transitions — ringing, answered, transcript lines, ended,
 * analysis, the retry it queues — share one transaction with everything else written in the same few
 * milliseconds, instead of one transaction each. Shared per connection so that the simulator's ledger
 * and the engine's rows land in the same batch.
 */
export function groupCommitOf(client: Database.Database, options: GroupCommitOptions = {}): GroupCommit {
  const existing = batches.get(client);
  if (existing) return existing;
  const maxDelayMs = options.maxDelayMs ?? 10;
  const maxWrites = options.maxWrites ?? 5_000;
  let open = false;
  let closed = false;
  let writes = 0;
  /** Writes running now, the outermost first: a batch may commit only between outermost writes. */
  let depth = 0;
  let timer: NodeJS.Timeout | undefined;
  const failureListeners = new Set<(err: unknown) => void>();
  // Prepared once: a transaction wrapper built per write cost more than the write. Immediate: the batch
  // takes the write lock when it begins, so another process's write (waited for up to the busy timeout)
  // can never make it fail half-way with SQLITE_BUSY, as a read upgraded to a write can.
  const begin = client.prepare('BEGIN IMMEDIATE');
  const commit = client.prepare('COMMIT');
  const savepoint = client.prepare('SAVEPOINT group_write');
  const release = client.prepare('RELEASE group_write');
  const rollbackTo = client.prepare('ROLLBACK TO group_write');

  /** Each write is all-or-nothing inside the batch, as if it were its own transaction. */
  const atomically = <T>(write: () => T): T => {
    savepoint.run();
    depth++;
    try {
      const result = write();
      release.run();
      return result;
    } catch (err) {
      if (client.inTransaction) {
        rollbackTo.run();
        release.run();
      }
      throw err;
    } finally {
      depth--;
    }
  };

  const flush = () => {
    // Committing inside a write would end its savepoint and leave it half-written.
    if (depth > 0) throw new Error('group commit: flush() called inside a write');
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!open) return;
    // An I/O error can make SQLite roll the transaction back by itself; there is then nothing to commit.
    // If the commit itself fails, the batch stays open (and this throws) so that a later flush retries.
    try {
      if (client.inTransaction && client.open) commit.run();
    } catch (err) {
      timer = setTimeout(flushOnTimer, maxDelayMs);
      timer.unref();
      throw err;
    }
    open = false;
    writes = 0;
  };

  /** The timer's commit: a failure goes to the listeners (and the retry is already set), never up the timer. */
  function flushOnTimer() {
    try {
      flush();
    } catch (err) {
      for (const listener of failureListeners) listener(err);
    }
  }

  const batch: GroupCommit = {
    write(write) {
      // Inside someone else's transaction (or after close), the write simply joins what is there.
      if (closed || (client.inTransaction && !open)) return atomically(write);
      if (!open) {
        begin.run();
        open = true;
        // Real time, not the engine's clock: a virtual day still reaches the disk every few milliseconds.
        timer = setTimeout(flushOnTimer, maxDelayMs);
        timer.unref();
      }
      const result = atomically(write);
      if (++writes >= maxWrites && depth === 0) flush();
      return result;
    },
    flush,
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      closed = true;
      batches.delete(client);
      failureListeners.clear();
      // Last: a commit that fails here (a full disk) is reported to whoever closes.
      if (open && client.inTransaction && client.open) commit.run();
      open = false;
    },
    onFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
  };
  batches.set(client, batch);
  return batch;
}
