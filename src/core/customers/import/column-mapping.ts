import type { CustomerImportField, CustomerImportMapping } from '@shared/contract/customers';
import { customerImportFields } from '@shared/contract/customers';

/** Header spellings each field is recognised by, compared after lower-casing and dropping non-letters. */
const aliases: Record<CustomerImportField, string[]> = {
  externalId: ['externalid', 'id', 'customerid', 'crmid', 'clientid', 'contactid', 'reference', 'ref'],
  fullName: ['name', 'fullname', 'customername', 'contactname', 'customer'],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'fname'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'telephone',
    'tel',
    'number',
  ],
  email: ['email', 'emailaddress', 'mail'],
  timeZone: ['timezone', 'tz', 'zone'],
  region: ['region', 'state', 'province', 'regioncode'],
  city: ['city', 'town'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', 'postal'],
  neighborhood: ['neighborhood', 'neighbourhood', 'area', 'district'],
  budget: ['budget', 'pricerange', 'budgetrange'],
  budgetMin: ['budgetmin', 'minbudget', 'budgetfrom', 'minprice'],
  budgetMax: ['budgetmax', 'maxbudget', 'budgetto', 'maxprice'],
  preferredPropertyType: ['propertytype', 'preferredpropertytype', 'type'],
  lifecycleStage: ['lifecyclestage', 'lifecycle', 'stage', 'status'],
  bookingStatus: ['bookingstatus', 'booking', 'viewingstatus'],
  lastContactedAt: ['lastcontacted', 'lastcontactedat', 'lastcontact', 'lastcall', 'lastcalled'],
  customerSince: ['customersince', 'since', 'createdat', 'joined', 'signupdate'],
  lifetimeValue: ['lifetimevalue', 'ltv', 'value', 'totalspend'],
  consent: [
    'consent',
    'marketingconsent',
    'callconsent',
    'consenttocall',
    'consenttocontact',
    'consenttomarket',
    'consentstatus',
    'optin',
    'optedin',
    'optinstatus',
    'marketingoptin',
    'calloptin',
    'phoneoptin',
    'permissiontocall',
    'oktocall',
    'tcpaconsent',
    'phoneconsent',
    'contactconsent',
  ],
  consentAt: ['consentat', 'consentdate', 'consentgiven', 'optindate', 'consentgivenon'],
  contractEndsAt: [
    'contractendsat',
    'leaseend',
    'leaseenddate',
    'leaseends',
    'leaseexpiry',
    'leaseexpires',
    'leaseexpiration',
    'contractend',
    'contractenddate',
    'contractends',
    'contractexpiry',
    'renewaldate',
    'renewaldue',
    'enddate',
  ],
  bookingAt: [
    'bookingat',
    'bookingdate',
    'viewing',
    'viewingdate',
    'viewingat',
    'viewingtime',
    'nextviewing',
    'bookedviewing',
    'appointment',
    'appointmentdate',
    'showing',
    'showingdate',
  ],
  tags: ['tags', 'interests', 'labels', 'interest'],
};

/** A header reduced to its letters, so "Phone Number", "phone_number" and "PhoneNumber" compare equal. */
export const squash = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '');

/**
 * A mapping from file columns to customer fields guessed from the header names ("First Name",
 * "phone_number", "Mobile", "E-mail", …). Each field takes the first column that names it; unknown
 * columns are left out.
 */
export function guessMapping(headers: string[]): CustomerImportMapping {
  const mapping: CustomerImportMapping = {};
  const used = new Set<number>();
  for (const field of customerImportFields) {
    const index = headers.findIndex((h, i) => !used.has(i) && aliases[field].includes(squash(h)));
    if (index >= 0) {
      mapping[field] = headers[index];
      used.add(index);
    }
  }
  // A full-name column is only needed when the file has no separate first name.
  if (mapping.firstName && mapping.fullName) delete mapping.fullName;
  return mapping;
}

/** Why a mapping cannot be used with these headers, or undefined when it can. */
export function mappingProblem(mapping: CustomerImportMapping, headers: string[]): string | undefined {
  for (const [field, column] of Object.entries(mapping)) {
    if (column && !headers.includes(column)) return `column “${column}” (for ${field}) is not in the file`;
  }
  if (!mapping.phone) return 'choose the column that holds the phone number';
  if (!mapping.firstName && !mapping.fullName)
    return 'choose the column that holds the first name (or full name)';
  return undefined;
}
