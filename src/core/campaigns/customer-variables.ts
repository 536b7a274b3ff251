import { DateTime } from 'luxon';
import type { Db } from '../db/open';
import { getSettings } from '../settings/settings-store';

/**
 * The values a script template and the voice agent's dynamic variables draw on for one customer:
 * their own fields, their next viewing, their active contract, and the company's settings.
 */
export interface CompanyVariables {
  now: number;
  agentName: string;
  companyName: string;
  /** Read from the settings when not given (the engine passes it, once per pump); '' while not recording. */
  recordingDisclosure?: string;
}

/** What the first message discloses: the sentence from Settings while calls are recorded, else nothing. */
const disclosureOf = (s: { recordCalls: boolean; recordingDisclosure: string }) =>
  s.recordCalls ? s.recordingDisclosure : '';

const statementsByDb = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function prepareStatements(db: Db) {
  const client = db.$client;
  return {
    customer: client.prepare(
      `select first_name, last_name, city, neighborhood, preferred_property_type, budget_max, time_zone
       from customers where id = ?`,
    ),
    booking: client.prepare(
      `select b.scheduled_at as at, p.title as title from bookings b left join properties p on p.id = b.property_id
       where b.customer_id = ? and b.scheduled_at >= ? and b.status = 'scheduled' order by b.scheduled_at limit 1`,
    ),
    contract: client.prepare(
      `select ends_at as endsAt from contracts where customer_id = ? and status = 'active' order by ends_at limit 1`,
    ),
  };
}

export function buildCustomerVariables(
  db: Db,
  customerId: number,
  context: CompanyVariables,
): Record<string, string | number> {
  // Called for every dial: its statements are prepared once per database.
  let statements = statementsByDb.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    statementsByDb.set(db, statements);
  }
  const customer = statements.customer.get(customerId) as
    | {
        first_name: string;
        last_name: string;
        city: string | null;
        neighborhood: string | null;
        preferred_property_type: string | null;
        budget_max: number | null;
        time_zone: string;
      }
    | undefined;
  const company = {
    agent_name: context.agentName,
    company_name: context.companyName,
    recording_disclosure: context.recordingDisclosure ?? disclosureOf(getSettings(db)),
  };
  if (!customer) return company;
  const booking = statements.booking.get(customerId, context.now) as
    | { at: number; title: string | null }
    | undefined;
  const contract = statements.contract.get(customerId) as { endsAt: number | null } | undefined;
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: customer.time_zone });
  const values: Record<string, string | number> = {
    'customer.first_name': customer.first_name,
    'customer.last_name': customer.last_name,
    'customer.full_name': `${customer.first_name} ${customer.last_name}`.trim(),
    ...company,
  };
  if (customer.city) values.city = customer.city;
  if (customer.neighborhood) values.neighborhood = customer.neighborhood;
  if (customer.preferred_property_type) values.property_type = customer.preferred_property_type;
  if (customer.budget_max) values.budget_max = customer.budget_max;
  if (booking) {
    values['booking.date'] = local(booking.at).toFormat('cccc d LLLL');
    values['booking.time'] = local(booking.at).toFormat('h:mm a');
    if (booking.title) values['booking.property'] = booking.title;
  }
  if (contract?.endsAt) values['contract.end_date'] = local(contract.endsAt).toFormat('d LLLL yyyy');
  return values;
}
