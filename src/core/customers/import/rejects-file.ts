import { closeSync, openSync, writeSync } from 'node:fs';
import type { CustomerImportReject } from '@shared/contract/customers';
import Papa from 'papaparse';
import { makePrivate } from '../../secrets/private-file';

/**
 * The rejects of an import as a CSV file: the row's original columns, then row, column and reason, so
 * the supervisor can fix the file and import just these lines again. Written as rejects arise, never
 * held in memory; the file is created at the first reject.
 */
export function createRejectsFile(path: string) {
  let fd: number | undefined;
  let bytes = 0;
  let headerCells: string[] = [];
  const line = (cells: unknown[]) => `${Papa.unparse([cells], { newline: '\r\n' })}\r\n`;
  const append = (text: string) => {
    if (fd === undefined) {
      // Whole rows of customers' data: readable by the user only.
      fd = openSync(path, 'w', 0o600);
      makePrivate(path);
    }
    bytes += writeSync(fd, text);
  };
  return {
    path,
    setHeader(headers: string[]) {
      headerCells = headers;
    },
    write(cells: string[], reject: CustomerImportReject) {
      if (bytes === 0) append(`\uFEFF${line([...headerCells, 'row', 'column', 'reason'])}`);
      const padded = headerCells.map((_, i) => cells[i] ?? '');
      // Cells beyond the header's width are kept too: they are often why the row was refused.
      append(line([...padded, reject.row, reject.column, reject.reason, ...cells.slice(headerCells.length)]));
    },
    get bytes() {
      return bytes;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

export type RejectsFile = ReturnType<typeof createRejectsFile>;
