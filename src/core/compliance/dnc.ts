import type { DncEntry } from '../../shared/contract/settings';
import { AppError } from '../../shared/errors';
import { readPhone } from '../customers/import/read-phone';
import type { Db } from '../db/open';

/** Reads a number the way a supervisor types it, into the E.164 form calls are placed with. */
export function normalisePhone(text: string, defaultRegion: string): string {
  const phone = readPhone(text.trim(), defaultRegion);
  if (!phone.ok) throw new AppError('invalid_input', `“${text}” is not a valid phone number`);
  return phone.e164;
}

export function listDnc(
  db: Db,
  search: string | undefined,
  limit: number,
): { total: number; rows: DncEntry[] } {
  const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
  const c = db.$client;
  return {
    total: c
      .prepare("select count(*) from dnc_numbers where phone like ? escape '\\'")
      .pluck()
      .get(like) as number,
    rows: c
      .prepare(`select phone, source, reason, added_at as addedAt from dnc_numbers where phone like ? escape '\\'
        order by added_at desc limit ?`)
      .all(like, limit) as DncEntry[],
  };
}

export function addDnc(db: Db, phone: string, reason: string | null, now: number): DncEntry {
  db.$client
    .prepare(
      "insert into dnc_numbers (phone, source, reason, added_at) values (?, 'manual', ?, ?) on conflict (phone) do nothing",
    )
    .run(phone, reason, now);
  return db.$client
    .prepare('select phone, source, reason, added_at as addedAt from dnc_numbers where phone = ?')
    .get(phone) as DncEntry;
}

export function removeDnc(db: Db, phone: string): boolean {
  return db.$client.prepare('delete from dnc_numbers where phone = ?').run(phone).changes > 0;
}
