/**
 * Script templates: `{{customer.first_name}}`, `{{neighborhood}}` … filled from the customer and the
 * campaign. The same names become the voice agent's dynamic variables.
 */
export const templateVariables = {
  'customer.first_name': 'Customer’s first name',
  'customer.last_name': 'Customer’s last name',
  'customer.full_name': 'Customer’s full name',
  city: 'Customer’s city',
  neighborhood: 'Customer’s neighborhood',
  property_type: 'Preferred property type',
  budget_max: 'Top of the customer’s budget',
  'booking.date': 'Date of the next viewing',
  'booking.time': 'Time of the next viewing',
  'booking.property': 'Property of the next viewing',
  'contract.end_date': 'End date of the active contract',
  agent_name: 'The AI agent’s name (Settings)',
  company_name: 'Your company name (Settings)',
  recording_disclosure: 'The recording disclosure (Settings), e.g. “This call may be recorded.”',
} as const;

export type TemplateVariable = keyof typeof templateVariables;

const placeholder = /\{\{\s*([a-z_.]+)\s*\}\}/g;

export function variablesIn(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((m) => m[1]))];
}

export const isKnownVariable = (name: string): name is TemplateVariable =>
  Object.hasOwn(templateVariables, name);

/** Variables whose empty value is meant: no recording, nothing to disclose. */
const mayBeEmpty: ReadonlySet<string> = new Set(['recording_disclosure']);

/**
 * Fills a template; a variable with no value is left visible as `{{name}}` so nobody hears a blank,
 * except one that may be empty, which leaves no gap behind.
 */
export function renderTemplate(template: string, values: Partial<Record<string, string | number>>): string {
  let emptied = false;
  const text = template.replace(placeholder, (whole, name: string) => {
    // Own properties only: `{{constructor}}` must not render Object's constructor.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === '' && mayBeEmpty.has(name)) {
      emptied = true;
      return '';
    }
    return value === undefined || value === '' ? whole : String(value);
  });
  return emptied ? text.replace(/[ \t]{2,}/g, ' ').trim() : text;
}
