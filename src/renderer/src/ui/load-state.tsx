import { errorMessage } from '@shared/errors';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** A read that failed: what could not be read, the host's words, and a way to try again. */
export function LoadFailed({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  return (
    <div role="alert" className="load-failed">
      <p className="error">
        {what} could not be read: {errorMessage(error)}
      </p>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

/**
 * A screen (or part of one) that needs a read: "Loading…" while it is asked, the failure with Retry if it
 * fails, and the children with the answer once it is there — never "Loading…" for ever.
 */
export function Loaded<T>({
  query,
  what,
  loading = <p className="muted">Loading…</p>,
  children,
}: {
  query: UseQueryResult<T>;
  /** What is read, as the start of a sentence: "The campaigns". */
  what: string;
  loading?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError)
    return <LoadFailed what={what} error={query.error} onRetry={() => void query.refetch()} />;
  return <>{loading}</>;
}
