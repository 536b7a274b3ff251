import Papa from 'papaparse';
import type { DncImportResult } from '../../shared/contract/settings';
import { AppError } from '../../shared/errors';
import { squash } from '../customers/import/column-mapping';
import { defaultBatchSize } from '../customers/import/customer-importer';
import { invalidPhoneReason, readPhone } from '../customers/import/read-phone';
import type { Db } from '../db/open';

const phoneHeaders = ['phone', 'number', 'phonenumber', 'mobile', 'telephone', 'tel', 'msisdn'];
const reasonHeaders = ['reason', 'note', 'notes', 'comment'];
const keptRejects = 200;

/**
 * Adds the numbers of a CSV to the do-not-call list: the column named phone/number (or the first
 * column), each read as E.164 in `region`. A file may or may not have a header row: a first row whose
 * number cell is not a number but names a column is taken as the header. Bad numbers are reported per
 * row; numbers already on the list are counted, not duplicated.
 */
export function importDncCsv(
  db: Db,
  csvText: string,
  options: { region: string; now: number },
): DncImportResult {
  const { data } = Papa.parse<string[]>(csvText.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const firstRow = data[0]?.map((cell) => squash(cell)) ?? [];
  const namedPhone = firstRow.findIndex((h) => phoneHeaders.includes(h));
  const hasHeader =
    namedPhone >= 0 ||
    (firstRow.length > 0 && !readPhone(data[0][0] ?? '', options.region).ok && /[a-z]/.test(firstRow[0]));
  const phoneColumn = Math.max(0, namedPhone);
  const reasonColumn = hasHeader ? firstRow.findIndex((h) => reasonHeaders.includes(h)) : -1;
  const columnName = hasHeader ? data[0][phoneColumn].trim() : 'column 1';

  const insert = db.$client.prepare(
    "insert into dnc_numbers (phone, source, reason, added_at) values (?, 'import', ?, ?) on conflict (phone) do nothing",
  );
  const result: DncImportResult = { added: 0, alreadyListed: 0, rejected: 0, rejects: [] };
  const reject = (row: number, reason: string) => {
    result.rejected++;
    if (result.rejects.length < keptRejects) result.rejects.push({ row, column: columnName, reason });
  };

  const first = hasHeader ? 1 : 0;
  let numbersSeen = 0;
  for (let start = first; start < data.length; start += defaultBatchSize) {
    db.$client
      .transaction(() => {
        for (let i = start; i < Math.min(start + defaultBatchSize, data.length); i++) {
          const record = data[i];
          const text = (record[phoneColumn] ?? '').trim();
          if (record.every((cell) => cell.trim() === '')) continue;
          numbersSeen++;
          const row = i + 1;
          if (!text) {
            reject(row, 'phone: missing');
            continue;
          }
          const phone = readPhone(text, options.region);
          if (!phone.ok) {
            reject(row, `phone: ${invalidPhoneReason(text, options.region)}`);
            continue;
          }
          const reason = reasonColumn >= 0 ? record[reasonColumn]?.trim() || null : null;
          if (insert.run(phone.e164, reason, options.now).changes > 0) result.added++;
          else result.alreadyListed++;
        }
      })
      .immediate();
  }
  if (numbersSeen === 0) throw new AppError('invalid_input', 'The file has no phone numbers');
  return result;
}
