import { audienceFields } from '@shared/contract/audience';
import type { ValueEditorProps } from 'react-querybuilder';

const asList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string' && value
      ? value.split(',').map((s) => s.trim())
      : [];

/**
 * The value input for one audience rule, chosen by what the rule's operator needs: nothing, a number of
 * days, a date, a choice, several choices, or a range.
 */
export function AudienceValueEditor(props: ValueEditorProps & { suggestions?: Record<string, string[]> }) {
  const field = audienceFields.find((f) => f.name === props.field);
  const operator = field?.operators.find((o) => o.name === props.operator);
  const values = field?.values ?? props.suggestions?.[props.field] ?? [];
  const label = `${field?.label ?? props.field} value`;
  const set = (value: unknown) => props.handleOnChange(value);
  switch (operator?.value) {
    case 'none':
      return null;
    case 'days':
      return (
        <span className="rule-value">
          <input
            aria-label={label}
            type="number"
            min={0}
            value={String(props.value ?? '')}
            onChange={(e) => set(e.target.value)}
          />{' '}
          days
        </span>
      );
    case 'number':
      return (
        <input
          aria-label={label}
          type="number"
          value={String(props.value ?? '')}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'date':
      return (
        <input
          aria-label={label}
          type="date"
          value={String(props.value ?? '')}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'range': {
      const [lo = '', hi = ''] = asList(props.value);
      return (
        <span className="rule-value">
          <input
            aria-label={`${label} from`}
            type="number"
            value={lo}
            onChange={(e) => set([e.target.value, hi])}
          />{' '}
          and{' '}
          <input
            aria-label={`${label} to`}
            type="number"
            value={hi}
            onChange={(e) => set([lo, e.target.value])}
          />
        </span>
      );
    }
    case 'tags': {
      const chosen = asList(props.value);
      if (values.length === 0) {
        return (
          <input
            aria-label={label}
            placeholder="a, b, c"
            value={chosen.join(', ')}
            onChange={(e) => set(e.target.value)}
          />
        );
      }
      return (
        <span className="tag-picker" role="group" aria-label={label}>
          {values.map((v) => (
            <label key={v} className={chosen.includes(v) ? 'tag on' : 'tag'}>
              <input
                type="checkbox"
                checked={chosen.includes(v)}
                onChange={(e) => set(e.target.checked ? [...chosen, v] : chosen.filter((x) => x !== v))}
              />
              {v}
            </label>
          ))}
        </span>
      );
    }
    default:
      return values.length > 0 ? (
        <select aria-label={label} value={String(props.value ?? '')} onChange={(e) => set(e.target.value)}>
          <option value="">choose…</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {v.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      ) : (
        <input aria-label={label} value={String(props.value ?? '')} onChange={(e) => set(e.target.value)} />
      );
  }
}
