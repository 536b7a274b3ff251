import { errorMessage } from '@shared/errors';
import { useContractMutation } from '../../../data/contract-mutation';

/**
 * After real customers are imported: the demo customers the app started with are still there. They are
 * never called for real, but they crowd audiences and counts; one click removes them.
 */
export function DemoCustomersOffer({ count, onRemoved }: { count: number; onRemoved: () => void }) {
  // Said in place, beside the offer.
  const remove = useContractMutation('customers.removeDemo', {
    notice: false,
    invalidates: ['customers.list', 'audience.count', 'audience.sample'],
    onSuccess: onRemoved,
  });
  if (count === 0) return null;
  if (remove.data)
    return (
      <p className="import-demo" role="status">
        Removed {remove.data.removed.toLocaleString()} demo customers.
      </p>
    );
  return (
    <div className="import-demo" data-testid="demo-offer">
      <p>
        This database still has <strong>{count.toLocaleString()}</strong> demo customers (fictional numbers,
        never called for real). Remove them now that your own customers are in?
      </p>
      <button type="button" disabled={remove.isPending} onClick={() => remove.mutate({})}>
        Remove demo customers
      </button>
      {remove.error && (
        <p role="alert" className="error">
          {errorMessage(remove.error)}
        </p>
      )}
    </div>
  );
}
