import { useEffect, useMemo } from 'react';
import { type Field, QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import { describeAudience } from '@shared/audience/describe-audience';
import { type AudienceGroup, audienceFields } from '@shared/contract/audience';
import { AudienceValueEditor } from './AudienceValueEditor';
import { GroupSelector, LabelledAction, RuleSelector } from './labelled-controls';
import { useAudienceCount, useAudienceSuggestions } from './use-audience-count';
import './audience.css';

const suppressionLabels = {
  dnc: 'on the do-not-call list',
  no_consent: 'without consent',
  invalid_phone: 'with an invalid number',
  frequency_cap: 'called too recently',
} as const;

/** Who the campaign is for: rules with and/or/not and nesting, and how many customers that is, live. */
export function AudienceBuilder({
  criteria,
  onChange,
  onSampleCustomer,
}: {
  criteria: AudienceGroup;
  onChange: (c: AudienceGroup) => void;
  /** Told the first callable customer of the audience, for previews. */
  onSampleCustomer?: (customerId: number | undefined) => void;
}) {
  const suggestions = useAudienceSuggestions();
  const { count, sample, error, pending } = useAudienceCount(criteria);
  const sampleId = sample.find((s) => s.suppressedBy.length === 0)?.id;
  useEffect(() => {
    onSampleCustomer?.(sampleId);
  }, [sampleId, onSampleCustomer]);

  const fields = useMemo<Field[]>(
    () =>
      audienceFields.map((f) => ({
        name: f.name,
        label: f.label,
        operators: f.operators.map((o) => ({
          name: o.name,
          value: o.name,
          label: o.label,
          ...(o.value === 'none' ? { arity: 'unary' as const } : {}),
        })),
      })),
    [],
  );

  return (
    <div className="audience-builder">
      <div className="audience-rules">
        <QueryBuilder
          fields={fields}
          query={criteria as RuleGroupType}
          onQueryChange={(q) => onChange(q as AudienceGroup)}
          showNotToggle
          listsAsArrays
          controlElements={{
            valueEditor: (props) => <AudienceValueEditor {...props} suggestions={suggestions} />,
            fieldSelector: RuleSelector,
            operatorSelector: RuleSelector,
            combinatorSelector: GroupSelector,
            actionElement: LabelledAction,
          }}
          translations={{
            addRule: { label: '+ Rule', title: 'Add a rule' },
            addGroup: { label: '+ Group', title: 'Add a group' },
            fields: { title: 'Field' },
            operators: { title: 'Condition' },
            combinators: { title: 'How rules combine' },
            removeRule: { label: '✕', title: 'Remove this rule' },
            removeGroup: { label: '✕', title: 'Remove this group' },
            notToggle: { label: 'Not', title: 'Customers who do not match this group' },
          }}
        />
        <p className="audience-summary">{describeAudience(criteria)}</p>
      </div>
      <aside className="audience-count" aria-live="polite" aria-label="Audience size">
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : count ? (
          <>
            <div className={pending ? 'count-figure pending' : 'count-figure'}>
              <span data-testid="audience-eligible">{count.eligible.toLocaleString()}</span> can be called
            </div>
            <div className="muted" data-testid="audience-matched">
              {count.matched.toLocaleString()} match the rules
            </div>
            <ul className="suppressed">
              {(Object.keys(suppressionLabels) as (keyof typeof suppressionLabels)[]).map((k) => (
                <li key={k}>
                  {count.suppressed[k].toLocaleString()} {suppressionLabels[k]}
                </li>
              ))}
            </ul>
            {count.held.timeZoneUnknown > 0 && (
              <p className="muted" data-testid="audience-unknown-zone">
                {count.held.timeZoneUnknown.toLocaleString()} of them wait: their time zone is unknown (import
                their state, city or postal code)
              </p>
            )}
            {count.held.demo > 0 && (
              <p className="muted" data-testid="audience-demo">
                {count.held.demo.toLocaleString()} of them are demo customers: only the simulator calls them
              </p>
            )}
            <details>
              <summary>Sample of {sample.length}</summary>
              <ul className="sample">
                {sample.map((s) => (
                  <li key={s.id} className={s.suppressedBy.length ? 'muted' : ''}>
                    {s.name} · {[s.neighborhood, s.city].filter(Boolean).join(', ')}
                    {s.suppressedBy.length > 0 && ` (${s.suppressedBy.join(', ').replaceAll('_', ' ')})`}
                  </li>
                ))}
              </ul>
            </details>
          </>
        ) : (
          <p className="muted">Counting…</p>
        )}
      </aside>
    </div>
  );
}
