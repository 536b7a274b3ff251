import { dispositionLabel, dispositionsByObjective } from '@shared/campaigns/dispositions';
import { FieldError, NumberField } from '../../../ui/form-fields';
import type { EditorSectionProps } from '../campaign-form';

/** What a conversion is and is worth, and every cost the campaign has: ROI on the dashboard counts them all. */
export function GoalCard({ form, update, errorAt }: EditorSectionProps) {
  const { goal, costs, objective } = form;
  const setCost = (patch: Partial<typeof costs>) => update({ costs: { ...costs, ...patch } });
  return (
    <section className="card">
      <h2>Goal and costs</h2>
      <div className="field">
        <span>Counts as a conversion</span>
        <div className="days" role="group" aria-label="Counts as a conversion">
          {dispositionsByObjective[objective].map((d) => (
            <label key={d} className={goal.conversionDispositions.includes(d) ? 'tag on' : 'tag'}>
              <input
                type="checkbox"
                checked={goal.conversionDispositions.includes(d)}
                onChange={(e) =>
                  update({
                    goal: {
                      ...goal,
                      conversionDispositions: e.target.checked
                        ? [...goal.conversionDispositions, d]
                        : goal.conversionDispositions.filter((x) => x !== d),
                    },
                  })
                }
              />
              {dispositionLabel(d, objective)}
            </label>
          ))}
        </div>
        <FieldError message={errorAt('goal.conversionDispositions')} />
      </div>
      <div className="row">
        <NumberField
          label="Value per conversion ($)"
          value={goal.valuePerConversion}
          error={errorAt('goal.valuePerConversion')}
          onChange={(v) => update({ goal: { ...goal, valuePerConversion: v } })}
        />
        <NumberField
          label="Telephony $/min"
          step={0.001}
          value={costs.telephonyPerMinute}
          error={errorAt('costs.telephonyPerMinute')}
          onChange={(v) => setCost({ telephonyPerMinute: v })}
        />
        <NumberField
          label="AI $/min"
          step={0.001}
          value={costs.aiPerMinute}
          error={errorAt('costs.aiPerMinute')}
          onChange={(v) => setCost({ aiPerMinute: v })}
        />
        <NumberField
          label="Cost per call ($)"
          step={0.01}
          value={costs.perCall}
          error={errorAt('costs.perCall')}
          onChange={(v) => setCost({ perCall: v })}
        />
        <NumberField
          label="Fixed costs ($)"
          value={costs.fixed}
          error={errorAt('costs.fixed')}
          onChange={(v) => setCost({ fixed: v })}
        />
      </div>
      <p className="muted">
        Per-minute prices are what the simulator bills (real calls are billed as the provider reports). A cost
        per call is charged for every call placed; fixed costs (numbers, set-up, your team’s time) once the
        campaign has run.
      </p>
    </section>
  );
}
