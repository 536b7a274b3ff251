import { isKnownVariable, renderTemplate, variablesIn } from '../../shared/campaigns/script-template';
import type { ScriptPreview } from '../../shared/contract/campaigns';
import type { Db } from '../db/open';
import { buildCustomerVariables } from './customer-variables';

/**
 * The script as one customer would hear it, with what is wrong flagged before the campaign starts:
 * variables nobody provides, and variables this customer has no value for.
 */
export function previewScript(
  db: Db,
  script: { firstMessage: string; prompt: string; voicemailMessage?: string },
  customerId: number | undefined,
  context: { now: number; agentName: string; companyName: string },
): ScriptPreview {
  const sampleId =
    customerId ??
    (db.$client.prepare('select id from customers order by id limit 1').pluck().get() as number | undefined);
  const values = sampleId ? buildCustomerVariables(db, sampleId, context) : {};
  const voicemailMessage = script.voicemailMessage ?? '';
  const used = [
    ...new Set([
      ...variablesIn(script.firstMessage),
      ...variablesIn(script.prompt),
      ...variablesIn(voicemailMessage),
    ]),
  ];
  return {
    customerId: sampleId ?? null,
    firstMessage: renderTemplate(script.firstMessage, values),
    prompt: renderTemplate(script.prompt, values),
    voicemailMessage: renderTemplate(voicemailMessage, values),
    unknownVariables: used.filter((v) => !isKnownVariable(v)),
    missingValues: used.filter((v) => isKnownVariable(v) && values[v] === undefined),
  };
}
