/**
 * Reading a CSV file's bytes as text, the same way in the desktop app's renderer (a File) and the CLI (a
 * path): the encoding is taken from a byte-order mark, else UTF-8 when every byte sequence is valid
 * UTF-8, else Windows-1252 (what Excel writes on Western Windows) — said to the user, never guessed
 * silently. Text that is not a CSV (NUL characters) or a quote that is never closed (which would swallow
 * the rest of the file into one row) is refused before anything is imported.
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const encodingNames: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

/** The encoding a file's first bytes announce (a byte-order mark, or UTF-16's zero bytes), if any. */
export function announcedEncoding(head: Uint8Array): CsvEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark: ASCII text has a zero in every other byte.
  const pairs = Math.min(256, Math.floor(head.length / 2));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  if (pairs >= 8 && oddZeros > pairs * 0.6 && evenZeros === 0) return 'utf-16le';
  if (pairs >= 8 && evenZeros > pairs * 0.6 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** A quoted field open for more lines than this has lost its closing quote. */
const maxLinesInQuotes = 1_000;
/** Nor may one field be longer than this: memory stays flat whatever the file. */
const maxFieldChars = 100_000;

export class CsvTextError extends Error {}

/**
 * Follows CSV text piece by piece (any delimiter): refuses NUL characters and a quoted field that runs on
 * for more than 1,000 lines or 100,000 characters, and counts rows whose quoted fields hold line breaks
 * (worth a warning: one missing quote makes them).
 */
export function createCsvTextChecker() {
  let line = 1;
  let state: 'start' | 'plain' | 'quoted' | 'quote' = 'start';
  let openedOn = 0;
  let fieldChars = 0;
  let multilineRows = 0;
  let countedLine = 0;
  return {
    check(text: string) {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 0)
          throw new CsvTextError(
            `Line ${line} contains a NUL character: this is not a text CSV file (is it a spreadsheet, or UTF-16 saved without its mark?). Save it as CSV (UTF-8) and import it again.`,
          );
        if (state === 'quoted') {
          if (ch === 34) state = 'quote';
          else if (ch === 10) {
            line++;
            if (countedLine !== openedOn) {
              countedLine = openedOn;
              multilineRows++;
            }
            if (line - openedOn > maxLinesInQuotes) throw runaway(openedOn);
          }
          if (++fieldChars > maxFieldChars) throw runaway(openedOn);
          continue;
        }
        const separator = ch === 44 || ch === 59 || ch === 9 || ch === 124 || ch === 10;
        if (ch === 10) line++;
        if (state === 'quote') state = ch === 34 ? 'quoted' : separator ? 'start' : 'plain';
        else if (state === 'start' && ch === 34) {
          state = 'quoted';
          openedOn = line;
          fieldChars = 0;
        } else state = separator ? 'start' : 'plain';
      }
    },
    /** Rows whose quoted fields spanned lines. */
    get multilineRows() {
      return multilineRows;
    },
    /** Call at the end: a quote still open there swallowed the end of the file. */
    finish() {
      if (state === 'quoted') throw runaway(openedOn);
    },
  };
}

const runaway = (line: number) =>
  new CsvTextError(
    `Line ${line} opens a quoted field that is not closed (it runs on for more than ${maxLinesInQuotes.toLocaleString('en-US')} lines or to the end of the file): a quote mark is probably missing. Nothing was imported; fix that line and import again.`,
  );

/** The warning for rows whose fields hold line breaks; undefined when none do. */
export const multilineWarning = (rows: number) =>
  rows > 0
    ? `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row has' : 'rows have'} line breaks inside quoted fields: check that no quote mark is missing there.`
    : undefined;

/**
 * Reads a file's bytes once (twice when they turn out not to be UTF-8) to settle its encoding and check
 * its text, before any row is imported. `pieces` gives the bytes from the start each time it is called.
 */
export async function inspectCsvBytes(
  pieces: () => AsyncIterable<Uint8Array>,
): Promise<{ encoding: CsvEncoding; multilineRows: number }> {
  const read = async (encoding: CsvEncoding, fatal: boolean) => {
    const decoder = new TextDecoder(encoding, { fatal });
    const checker = createCsvTextChecker();
    for await (const piece of pieces()) checker.check(decoder.decode(piece, { stream: true }));
    checker.check(decoder.decode());
    checker.finish();
    return { encoding, multilineRows: checker.multilineRows };
  };
  let announced: CsvEncoding | undefined;
  for await (const piece of pieces()) {
    announced = announcedEncoding(piece.subarray(0, 512));
    break;
  }
  if (announced) return read(announced, false);
  try {
    return await read('utf-8', true);
  } catch (err) {
    if (err instanceof CsvTextError) throw err;
    // Not UTF-8: a byte sequence was invalid. Read as Windows-1252, and the import says so.
    return read('windows-1252', false);
  }
}

/** The text of a file's bytes in `encoding`, piece by piece (a character split between pieces arrives whole). */
export async function* decodeCsvPieces(pieces: AsyncIterable<Uint8Array>, encoding: CsvEncoding) {
  const decoder = new TextDecoder(encoding);
  for await (const piece of pieces) {
    const text = decoder.decode(piece, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** What the import tells the user about how it read the file, if anything is worth saying. */
export function encodingNotice(encoding: CsvEncoding): string | undefined {
  return encoding === 'windows-1252'
    ? `The file is not UTF-8: it was read as ${encodingNames[encoding]}. Check that names with accents look right; if not, save the file as CSV (UTF-8) and import it again.`
    : undefined;
}
