import {
  type CustomerImportField,
  type CustomerImportMapping,
  customerImportFields,
} from '../shared/contract/customers';
import { CliError } from './cli-context';

/** Commander's collector for a repeatable option. */
export const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * The guessed mapping with each `--map COLUMN=FIELD` applied in turn: the column now holds that field
 * (and nothing else), `COLUMN=none` leaves a column out. Unknown columns and fields are refused with the
 * ones there are.
 */
export function applyMapOptions(
  guessed: CustomerImportMapping,
  headers: string[],
  options: string[],
): CustomerImportMapping {
  const mapping: CustomerImportMapping = { ...guessed };
  for (const option of options) {
    const at = option.lastIndexOf('=');
    if (at <= 0)
      throw new CliError(
        `--map takes COLUMN=FIELD, e.g. --map "Consent to call=consent" (got “${option}”)`,
        2,
      );
    const wanted = option.slice(0, at).trim();
    const fieldName = option.slice(at + 1).trim();
    const column = headers.find((h) => h.toLowerCase() === wanted.toLowerCase());
    if (!column)
      throw new CliError(
        `--map: the file has no column “${wanted}”; its columns are ${headers.join(', ')}`,
        2,
      );
    const field = customerImportFields.find((f) => f.toLowerCase() === fieldName.toLowerCase());
    if (!field && fieldName.toLowerCase() !== 'none')
      throw new CliError(
        `--map: “${fieldName}” is not a customer field; use one of ${customerImportFields.join(', ')}, or none`,
        2,
      );
    for (const f of Object.keys(mapping) as CustomerImportField[])
      if (mapping[f] === column || f === field) delete mapping[f];
    if (field) mapping[field] = column;
  }
  return mapping;
}

/** The mapping as the CLI prints it: "Mobile → phone, Consent to call → consent". */
export const describeMapping = (mapping: CustomerImportMapping) =>
  (Object.entries(mapping) as [CustomerImportField, string][])
    .map(([field, column]) => `${column} → ${field}`)
    .join(', ');
