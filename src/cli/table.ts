import { DateTime } from 'luxon';

/**
 * A plain-text table for a terminal: a header, a rule, then the rows, each column as wide as its widest
 * cell. Numbers (cells of digits) are right-aligned so they line up.
 */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const text = rows.map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => row[i]?.length ?? 0)));
  const numeric = headers.map(
    (_, i) => text.length > 0 && text.every((row) => /^-?[\d.,$%]*$/.test(row[i] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...text.map(line)].join('\n');
}

/** An instant in this computer's time zone, to the second; a dash for none. */
export const localTime = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : DateTime.fromMillis(ms).toFormat('yyyy-LL-dd HH:mm:ss');

/** The same instant on the customer's clock, with their zone's abbreviation (calling hours are theirs). */
export const customerTime = (ms: number | null | undefined, zone: string) =>
  ms === null || ms === undefined ? '—' : DateTime.fromMillis(ms, { zone }).toFormat('HH:mm ZZZZ');

/** The zone this computer's times are in, for a table's caption. */
export const localZone = () => DateTime.local().toFormat('ZZZZ');
