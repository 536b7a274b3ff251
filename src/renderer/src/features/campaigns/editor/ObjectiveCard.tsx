import { defaultConversions, dispositionAllowed } from '@shared/campaigns/dispositions';
import type { CampaignSettings } from '@shared/contract/campaigns';
import { TextField } from '../../../ui/form-fields';
import { RealProviderNotice } from '../../settings/RealProviderNotice';
import { type EditorSectionProps, objectiveLabels } from '../campaign-form';

/** Name, objective, how calls are placed, and the number they come from. */
export function ObjectiveCard({ form, update, errorAt }: EditorSectionProps) {
  // The outcomes that count as a conversion follow the objective: an upsell never books a viewing.
  const setObjective = (objective: CampaignSettings['objective']) => {
    const kept = form.goal.conversionDispositions.filter((d) => dispositionAllowed(objective, d));
    update({
      objective,
      goal: {
        ...form.goal,
        conversionDispositions: kept.length > 0 ? kept : [...defaultConversions[objective]],
      },
    });
  };
  return (
    <section className="card">
      <h2>Objective</h2>
      <TextField
        label="Name"
        name="Campaign name"
        value={form.name}
        error={errorAt('name')}
        onChange={(name) => update({ name })}
      />
      <label className="field">
        <span>Objective</span>
        <select
          aria-label="Objective"
          value={form.objective}
          onChange={(e) => setObjective(e.target.value as CampaignSettings['objective'])}
        >
          {Object.entries(objectiveLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Calls placed through</span>
        <select
          aria-label="Calls placed through"
          value={form.provider}
          onChange={(e) => update({ provider: e.target.value as CampaignSettings['provider'] })}
        >
          <option value="simulator">Simulator (no real calls)</option>
          <option value="elevenlabs-twilio">ElevenLabs + Twilio</option>
        </select>
        <RealProviderNotice provider={form.provider} />
      </label>
      <TextField
        label="Caller number"
        value={form.callerNumber ?? ''}
        placeholder="+1 305 555 0142 or (305) 555-0142"
        error={errorAt('callerNumber')}
        onChange={(v) => update({ callerNumber: v || null })}
      />
    </section>
  );
}
