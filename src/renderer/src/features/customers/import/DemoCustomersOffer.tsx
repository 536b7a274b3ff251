import { useState } from 'react';
import { errorMessage } from '../../../../../shared/errors';
import { client } from '../../../client';

/**
 * After real customers are imported: the demo customers the app started with are still there. They are
 * never called for real, but they crowd audiences and counts; one click removes them.
 */
export function DemoCustomersOffer({ count, onRemoved }: { count: number; onRemoved: () => void }) {
  const [state, setState] = useState<{ removed?: number; error?: string; busy?: boolean }>({});
  if (count === 0) return null;
  if (state.removed !== undefined)
    return (
      <p className="import-demo" role="status">
        Removed {state.removed.toLocaleString()} demo customers.
      </p>
    );
  const remove = async () => {
    setState({ busy: true });
    try {
      const { removed } = await client.invoke('customers.removeDemo', {});
      setState({ removed });
      onRemoved();
    } catch (err) {
      setState({ error: errorMessage(err) });
    }
  };
  return (
    <div className="import-demo" data-testid="demo-offer">
      <p>
        This database still has <strong>{count.toLocaleString()}</strong> demo customers (fictional numbers,
        never called for real). Remove them now that your own customers are in?
      </p>
      <button type="button" disabled={state.busy} onClick={() => void remove()}>
        Remove demo customers
      </button>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
    </div>
  );
}
