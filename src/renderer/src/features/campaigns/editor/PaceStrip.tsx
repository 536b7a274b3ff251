import type { CampaignProgress, RehearsalForecast } from '@shared/contract/calls';

/** A started campaign's pace right now: calls a minute, live, queued and done, and the engine's notices. */
export function PaceStrip({ progress }: { progress: CampaignProgress }) {
  return (
    <div className="progress-strip" aria-label="Live pace">
      <span>
        {progress.callsPerMinute} calls/min (max {progress.maxPerMinute})
      </span>
      <span>
        {progress.live} live (max {progress.maxConcurrent})
      </span>
      <span>{progress.queued} queued</span>
      <span>{progress.done} done</span>
      {progress.notices?.map((notice) => (
        <span key={notice} className="progress-notice">
          {notice}
        </span>
      ))}
    </div>
  );
}

/** What a rehearsal of the campaign over its audience foresees. */
export function ForecastLine({ forecast }: { forecast: RehearsalForecast }) {
  return (
    <div className="forecast" aria-label="Rehearsal forecast">
      <strong>Forecast</strong> for {forecast.customers.toLocaleString()} customers:{' '}
      {forecast.attempts.toLocaleString()} calls, {forecast.answered.toLocaleString()} answered,{' '}
      <span data-testid="forecast-conversions">{forecast.conversions}</span> conversions, $
      {forecast.cost.toFixed(2)} cost, over {(forecast.durationSeconds / 3600).toFixed(1)} h of calling
      <span className="muted"> (computed in {forecast.computeSeconds} s)</span>
    </div>
  );
}
