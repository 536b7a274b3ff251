import type { customerMethods } from '../../shared/contract/customers';
import type { HandlersOf } from '../../shared/contract/define';
import type { AppContext } from '../app-context';
import { createImportSessions } from './import/import-sessions';
import { previewCustomerCsv } from './import/preview-csv';
import { listCustomers } from './list-customers';
import { removeDemoCustomers } from './remove-demo-customers';

export function customerHandlers(context: AppContext): HandlersOf<typeof customerMethods> {
  const imports = createImportSessions(context);
  return {
    'customers.list': (input) => listCustomers(context.db, input),
    'customers.import.preview': ({ sampleText }) => previewCustomerCsv(sampleText),
    'customers.import.begin': (input) => imports.begin(input),
    'customers.import.chunk': ({ importId, text }) => imports.chunk(importId, text),
    'customers.import.finish': ({ importId }) => imports.finish(importId),
    'customers.import.cancel': ({ importId }) => imports.cancel(importId),
    'customers.import.rejectsCsv': ({ importId, offset }) => imports.rejectsCsv(importId, offset),
    'customers.removeDemo': () => removeDemoCustomers(context.db),
  };
}
