import { type ClockWindow, effectiveCallingWindow } from '@shared/campaigns/effective-window';
import { legalCallingWindow } from '@shared/contract/settings';
import { ClockWindowFields } from '../../../ui/ClockWindowFields';
import { FieldError } from '../../../ui/form-fields';
import type { EditorSectionProps } from '../campaign-form';

const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const span = (w: ClockWindow) => `${w.start}–${w.end}`;

/** Which days and hours the campaign calls in, and the hours that result once Settings and the law apply. */
export function ScheduleCard({
  form,
  update,
  errorAt,
  callingHours,
}: EditorSectionProps & { callingHours?: ClockWindow }) {
  const { schedule } = form;
  return (
    <section className="card">
      <h2>Schedule</h2>
      <div className="days" role="group" aria-label="Days of week">
        {days.map((d, i) => (
          <label key={d} className={schedule.daysOfWeek.includes(i + 1) ? 'tag on' : 'tag'}>
            <input
              type="checkbox"
              checked={schedule.daysOfWeek.includes(i + 1)}
              onChange={(e) =>
                update({
                  schedule: {
                    ...schedule,
                    daysOfWeek: e.target.checked
                      ? [...schedule.daysOfWeek, i + 1].sort()
                      : schedule.daysOfWeek.filter((x) => x !== i + 1),
                  },
                })
              }
            />
            {d}
          </label>
        ))}
      </div>
      <FieldError message={errorAt('schedule.daysOfWeek')} />
      <ClockWindowFields
        value={schedule.dailyWindow}
        onChange={(dailyWindow) => update({ schedule: { ...schedule, dailyWindow } })}
        labels={['From (customer’s local time)', 'To']}
        names={['Campaign calls from', 'Campaign calls until']}
      />
      <FieldError message={errorAt('schedule.dailyWindow')} />
      {callingHours && <EffectiveWindow campaign={schedule.dailyWindow} settings={callingHours} />}
    </section>
  );
}

/** The two windows (the campaign's and Settings') meet, within the law: this is what customers get. */
function EffectiveWindow({ campaign, settings }: { campaign: ClockWindow; settings: ClockWindow }) {
  const effective = effectiveCallingWindow(campaign, settings);
  return (
    <div className="effective-window" data-testid="effective-window">
      {effective ? (
        <strong>Calls go out {span(effective)} in each customer’s local time</strong>
      ) : (
        <strong className="error">No calls can go out: these hours do not overlap</strong>
      )}
      <ul className="muted">
        <li>This campaign: {span(campaign)}</li>
        <li>Settings → Calling rules: {span(settings)}</li>
        <li>The law: {span(legalCallingWindow)}</li>
      </ul>
      <span className="muted">State rules (e.g. Florida’s, until 20:00) can end it earlier there.</span>
    </div>
  );
}
