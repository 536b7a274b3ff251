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
  // One statement per dial, not three: the customer with their next viewing and their active contract.
  // `+status`: by the customer's contracts, not by every active contract in end order (180 µs a dial).
  return db.$client.prepare(
    `select c.first_name, c.last_name, c.city, c.neighborhood, c.preferred_property_type, c.budget_max, c.time_zone,
       b.scheduled_at as bookingAt, p.title as bookingTitle,
       (select ends_at from contracts where customer_id = c.id and +status = 'active' order by ends_at limit 1)
         as contractEndsAt
     from customers c
     left join bookings b on b.id = (select id from bookings where customer_id = c.id and scheduled_at >= ?
       and status = 'scheduled' order by scheduled_at limit 1)
     left join properties p on p.id = b.property_id
     where c.id = ?`,
  );
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
  const customer = statements.get(context.now, customerId) as
    | {
        first_name: string;
        last_name: string;
        city: string | null;
        neighborhood: string | null;
        preferred_property_type: string | null;
        budget_max: number | null;
        time_zone: string;
        bookingAt: number | null;
        bookingTitle: string | null;
        contractEndsAt: number | null;
      }
    | undefined;
  const company = {
    agent_name: context.agentName,
    company_name: context.companyName,
    recording_disclosure: context.recordingDisclosure ?? disclosureOf(getSettings(db)),
  };
  if (!customer) return company;
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
  if (customer.bookingAt !== null) {
    values['booking.date'] = local(customer.bookingAt).toFormat('cccc d LLLL');
    values['booking.time'] = local(customer.bookingAt).toFormat('h:mm a');
    if (customer.bookingTitle) values['booking.property'] = customer.bookingTitle;
  }
  if (customer.contractEndsAt)
    values['contract.end_date'] = local(customer.contractEndsAt).toFormat('d LLLL yyyy');
  return values;
}
