import { retryableOutcomes } from '@shared/contract/campaigns';
import { NumberField } from '../../../ui/form-fields';
import type { EditorSectionProps } from '../campaign-form';

/** How fast the campaign dials, and which unanswered calls it tries again. */
export function PaceCard({ form, update, errorAt }: EditorSectionProps) {
  const { pacing, retryPolicy } = form;
  return (
    <section className="card">
      <h2>Pace</h2>
      <div className="row">
        <NumberField
          label="Max concurrent calls"
          value={pacing.maxConcurrent}
          error={errorAt('pacing.maxConcurrent')}
          onChange={(v) => update({ pacing: { ...pacing, maxConcurrent: v } })}
        />
        <NumberField
          label="Max calls per minute"
          value={pacing.maxPerMinute}
          error={errorAt('pacing.maxPerMinute')}
          onChange={(v) => update({ pacing: { ...pacing, maxPerMinute: v } })}
        />
      </div>
      <h2>Retries</h2>
      <div className="days" role="group" aria-label="Retry after">
        {retryableOutcomes.map((o) => (
          <label key={o} className={retryPolicy.retryOn.includes(o) ? 'tag on' : 'tag'}>
            <input
              type="checkbox"
              checked={retryPolicy.retryOn.includes(o)}
              onChange={(e) =>
                update({
                  retryPolicy: {
                    ...retryPolicy,
                    retryOn: e.target.checked
                      ? [...retryPolicy.retryOn, o]
                      : retryPolicy.retryOn.filter((x) => x !== o),
                  },
                })
              }
            />
            {o.replace('_', ' ')}
          </label>
        ))}
      </div>
      <div className="row">
        <NumberField
          label="Wait (minutes)"
          value={retryPolicy.delayMinutes}
          error={errorAt('retryPolicy.delayMinutes')}
          onChange={(v) => update({ retryPolicy: { ...retryPolicy, delayMinutes: v } })}
        />
        <NumberField
          label="Max attempts"
          value={retryPolicy.maxAttempts}
          error={errorAt('retryPolicy.maxAttempts')}
          onChange={(v) => update({ retryPolicy: { ...retryPolicy, maxAttempts: v } })}
        />
      </div>
    </section>
  );
}
