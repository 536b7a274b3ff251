import type { ReactNode } from 'react';

/**
 * A table with one header row: the lists of Settings (do-not-call numbers, backups), call history and an
 * import's first rows and refused rows. An empty column name leaves room for a row's buttons.
 */
export function DataTable({
  columns,
  label,
  className = 'data-table',
  children,
}: {
  columns: string[];
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className} aria-label={label}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            // Column names repeat only when empty, and the columns never reorder.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <th key={index}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
