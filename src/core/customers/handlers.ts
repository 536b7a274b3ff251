import type { customerMethods } from '../../shared/contract/customers';
import type { HandlersOf } from '../../shared/contract/define';
import type { AppContext } from '../app-context';
import { listCustomers } from './list-customers';

export function customerHandlers(context: AppContext): HandlersOf<typeof customerMethods> {
  return {
    'customers.list': (input) => listCustomers(context.db, input),
  };
}
