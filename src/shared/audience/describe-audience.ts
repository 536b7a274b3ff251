import { type AudienceGroup, type AudienceRule, audienceFields } from '../contract/audience';

const isGroup = (node: AudienceRule | AudienceGroup): node is AudienceGroup => 'rules' in node;

function listText(value: unknown): string {
  const items = Array.isArray(value)
    ? value
    : String(value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  if (items.length <= 1) return String(items[0] ?? '…');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function describeRule(rule: AudienceRule): string {
  const field = audienceFields.find((f) => f.name === rule.field);
  const operator = field?.operators.find((o) => o.name === rule.operator);
  if (!field || !operator) return `${rule.field} ${rule.operator} ${String(rule.value ?? '')}`.trim();
  const label = field.label.toLowerCase();
  switch (operator.value) {
    case 'none':
      return `${label} ${operator.label}`;
    case 'tags':
      return `${label} ${operator.label} ${listText(rule.value)}`;
    case 'range': {
      const [lo, hi] = Array.isArray(rule.value) ? rule.value : String(rule.value ?? '').split(',');
      return `${label} ${operator.label} ${lo ?? '…'} and ${hi ?? '…'}`;
    }
    case 'days':
      return `${label} ${operator.label.replace('N', String(rule.value ?? 'N'))}`;
    default:
      return `${label} ${operator.label} ${String(rule.value ?? '…')}`;
  }
}

function describeGroup(group: AudienceGroup, nested: boolean): string {
  const parts = group.rules
    .filter((r) => !r.disabled)
    .map((r) => (isGroup(r) ? describeGroup(r, true) : describeRule(r)))
    .filter(Boolean);
  if (parts.length === 0) return group.not ? 'nobody' : '';
  const joined = parts.join(group.combinator === 'and' ? ' and ' : ' or ');
  const text = nested && parts.length > 1 ? `(${joined})` : joined;
  return group.not ? `not ${parts.length > 1 && !nested ? `(${text})` : text}` : text;
}

/** "Customers whose interests include any of waterfront or luxury and city is Miami". */
export function describeAudience(criteria: AudienceGroup): string {
  const text = describeGroup(criteria, false);
  return text ? `Customers whose ${text}` : 'All customers';
}
