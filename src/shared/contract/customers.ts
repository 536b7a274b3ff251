import { z } from 'zod';
import { method } from './define';

export const customerSortFields = [
  'name',
  'city',
  'neighborhood',
  'lifecycleStage',
  'lastContactedAt',
  'customerSince',
  'lifetimeValue',
] as const;

export const customerListInput = z
  .object({
    /** Matches the start of first name, last name, full name, or phone digits. */
    search: z.string().trim().max(100).optional(),
    sort: z.enum(customerSortFields).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** One line of the customers table; dates are epoch milliseconds. */
export interface CustomerRow {
  id: number;
  firstName: string;
  lastName: string;
  phone: string;
  phoneValid: boolean;
  email: string | null;
  city: string | null;
  neighborhood: string | null;
  timeZone: string;
  lifecycleStage: string;
  bookingStatus: string;
  consent: string;
  lastContactedAt: number | null;
  customerSince: number | null;
  lifetimeValue: number;
  tags: string[];
}

export interface CustomerPage {
  total: number;
  offset: number;
  rows: CustomerRow[];
}

export const customerMethods = {
  'customers.list': method<CustomerPage>()(customerListInput),
};

export const customerEvents = {};
