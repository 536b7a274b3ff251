import Database from 'better-sqlite3';

/** One write a statement made: its SQL and the values it was run with. */
export type CapturedWrite = [sql: string, args: unknown[]];

export interface StatementCounts {
  reads: number;
  writes: number;
  /** SAVEPOINT / RELEASE / ROLLBACK TO: the group commit's per-write atomicity. */
  savepoints: number;
  /** BEGIN / COMMIT: one per group commit. */
  commits: number;
}

const control = /^\s*(savepoint|release|rollback|begin|commit|end)\b/i;

/**
 * Counts every statement better-sqlite3 runs in this process (prepared or built by drizzle), and can
 * keep every write with its values, for a bench to replay them raw. Patched once on the prototype.
 */
export function countStatements() {
  const counts: StatementCounts = { reads: 0, writes: 0, savepoints: 0, commits: 0 };
  let captured: CapturedWrite[] | undefined;
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = prototype[method] as (...args: unknown[]) => unknown;
    prototype[method] = function (this: Database.Statement, ...args: unknown[]) {
      const sql = this.source;
      if (this.reader) counts.reads++;
      else if (control.test(sql)) {
        if (/^\s*(savepoint|release|rollback)/i.test(sql)) counts.savepoints++;
        else counts.commits++;
      } else {
        counts.writes++;
        captured?.push([sql, args]);
      }
      return original.apply(this, args);
    };
  }
  return {
    counts,
    reset() {
      counts.reads = counts.writes = counts.savepoints = counts.commits = 0;
    },
    /** Starts keeping every write (with its values); returns the list it fills. */
    capture(): CapturedWrite[] {
      captured = [];
      return captured;
    },
    stopCapture() {
      captured = undefined;
    },
  };
}

/** Replays captured writes into `client` with one prepared statement per SQL text, in batches. */
export function replayWrites(client: Database.Database, writes: CapturedWrite[], batch = 5_000): void {
  const statements = new Map<string, Database.Statement>();
  const statementOf = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = client.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  for (let i = 0; i < writes.length; i += batch) {
    client.transaction(() => {
      for (let j = i; j < Math.min(i + batch, writes.length); j++) {
        const [sql, args] = writes[j];
        statementOf(sql).run(...args);
      }
    })();
  }
}
