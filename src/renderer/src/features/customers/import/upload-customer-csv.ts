import type { CustomerImportResult } from '@shared/contract/customers';
import {
  type CsvEncoding,
  encodingNotice,
  inspectCsvBytes,
  multilineWarning,
} from '@shared/customers/csv-text';
import { client } from '../../../client';

/** Bytes per uploaded piece: a piece's text is at most this many characters, far below the 4 MiB limit. */
const pieceBytes = 1024 * 1024;

async function* piecesOf(file: File) {
  for (let offset = 0; offset < file.size; offset += pieceBytes)
    yield new Uint8Array(await file.slice(offset, Math.min(file.size, offset + pieceBytes)).arrayBuffer());
}

/** What reading each picked file found: its encoding and what the user should know about it. */
const inspected = new WeakMap<File, Promise<{ encoding: CsvEncoding; notices: string[] }>>();

/**
 * The file's encoding and notices, read once per file before anything is imported: a NUL character or
 * a quote never closed is refused here (the promise rejects with the reason).
 */
export function inspectFile(file: File) {
  let found = inspected.get(file);
  if (!found) {
    found = inspectCsvBytes(() => piecesOf(file)).then(({ encoding, multilineRows }) => ({
      encoding,
      notices: [encodingNotice(encoding), multilineWarning(multilineRows)].filter((n): n is string => !!n),
    }));
    inspected.set(file, found);
  }
  return found;
}

/** The start of a file as text, enough for its header and first rows. */
export async function readFileStart(file: File, bytes = 64 * 1024): Promise<string> {
  const { encoding } = await inspectFile(file);
  // `stream: true` drops a character cut in half at the end instead of garbling it.
  return new TextDecoder(encoding).decode(await file.slice(0, bytes).arrayBuffer(), { stream: true });
}

/**
 * Sends a file to an import begun with `customers.import.begin`, a piece at a time and in order, then
 * finishes it. Only one piece is in memory at a time. Pieces are cut on bytes and decoded with a
 * streaming decoder, so a character split between pieces arrives whole.
 */
export async function uploadCustomerCsv(
  file: File,
  importId: string,
  onSent: (bytes: number) => void,
  isCancelled: () => boolean,
): Promise<CustomerImportResult | undefined> {
  const decoder = new TextDecoder((await inspectFile(file)).encoding);
  for (let offset = 0; offset < file.size; offset += pieceBytes) {
    if (isCancelled()) return undefined;
    const end = Math.min(file.size, offset + pieceBytes);
    const text = decoder.decode(await file.slice(offset, end).arrayBuffer(), { stream: end < file.size });
    await client.invoke('customers.import.chunk', { importId, text });
    onSent(end);
  }
  if (isCancelled()) return undefined;
  return client.invoke('customers.import.finish', { importId });
}

/** The whole rejects CSV of a finished import, fetched in pieces. */
export async function fetchRejectsCsv(importId: string): Promise<string> {
  const pieces: string[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const piece: { text: string; nextOffset: number | null } = await client.invoke(
      'customers.import.rejectsCsv',
      { importId, offset },
    );
    pieces.push(piece.text);
    offset = piece.nextOffset;
  }
  return pieces.join('');
}
