import { dispositionLabel } from '@shared/campaigns/dispositions';
import type { CampaignMetrics } from '@shared/contract/metrics';
import { useState } from 'react';
import { useNavigation } from '../../app/navigation-store';
import { LoadFailed } from '../../ui/load-state';
import { CampaignSelect } from '../campaigns/CampaignSelect';
import { downloadCsv } from '../export/download-csv';
import { ActivityChart, FunnelChart, OutcomeChart } from './DashboardCharts';
import { formatCount, formatMoney, formatPercent, formatSeconds } from './format';
import { useDashboardData } from './use-dashboard-data';
import './dashboard.css';

const label = (code: string) => code.replaceAll('_', ' ');

/** What ROI counts, in the words of the figures on screen (the ROI card's tooltip). */
function roiExplained(m: CampaignMetrics): string {
  const { cost } = m;
  return [
    'ROI = (revenue − cost) ÷ cost.',
    `Revenue: ${formatCount(m.funnel.converted)} conversions × the value per conversion set in each campaign = ${formatMoney(m.revenue)}.`,
    `Cost: telephony ${formatMoney(cost.telephony)} + AI ${formatMoney(cost.ai)} + per-call charges ${formatMoney(cost.perCall)} + fixed costs ${formatMoney(cost.fixed)} = ${formatMoney(cost.total)}.`,
    cost.perCall === 0 && cost.fixed === 0
      ? 'No per-call charge or fixed costs are set: add them under the campaign’s Goal and costs.'
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Results per campaign and overall; figures refresh while campaigns run. */
export function DashboardPage() {
  const [campaignId, setCampaignId] = useState<number>();
  const [bucket, setBucket] = useState<'auto' | 'minute' | 'hour' | 'day'>('auto');
  const { summary, series, campaigns, failed } = useDashboardData(campaignId, bucket);
  const { navigate } = useNavigation();

  const kpis: { name: string; value: string; testId: string; help?: string }[] = summary
    ? [
        { name: 'Calls placed', value: formatCount(summary.attempts.dialled), testId: 'kpi-dialled' },
        { name: 'Answer rate', value: formatPercent(summary.answerRate), testId: 'kpi-answer-rate' },
        { name: 'Conversions', value: formatCount(summary.funnel.converted), testId: 'kpi-conversions' },
        { name: 'Avg talk time', value: formatSeconds(summary.averageTalkSeconds), testId: 'kpi-talk' },
        {
          name: 'Cost',
          value: formatMoney(summary.cost.total),
          testId: 'kpi-cost',
          help: roiExplained(summary).split('\n')[2],
        },
        { name: 'Revenue', value: formatMoney(summary.revenue), testId: 'kpi-revenue' },
        { name: 'ROI', value: formatPercent(summary.roi), testId: 'kpi-roi', help: roiExplained(summary) },
        { name: 'Cost / conversion', value: formatMoney(summary.costPerConversion), testId: 'kpi-cpc' },
      ]
    : [];

  const outcomes = summary
    ? [
        ...summary.dispositions.map((d) => ({ label: dispositionLabel(d.disposition), count: d.count })),
        ...summary.outcomes
          .filter((o) => o.state !== 'completed')
          .map((o) => ({ label: label(o.state), count: o.count })),
      ]
    : [];

  return (
    <section className="dashboard" aria-label="Dashboard">
      <header className="dashboard-header">
        <h1>Dashboard</h1>
        {/* biome-ignore lint/a11y/noLabelWithoutControl: the select is inside, drawn by CampaignSelect */}
        <label>
          Campaign{' '}
          <CampaignSelect
            campaigns={campaigns.flatMap((c) =>
              c.campaignId === null ? [] : [{ id: c.campaignId, name: c.name }],
            )}
            value={campaignId}
            onChange={setCampaignId}
          />
        </label>
        <label>
          Per{' '}
          <select
            aria-label="Time bucket"
            value={bucket}
            onChange={(e) => setBucket(e.target.value as typeof bucket)}
          >
            <option value="auto">auto ({series.bucket})</option>
            <option value="minute">minute</option>
            <option value="hour">hour</option>
            <option value="day">day</option>
          </select>
        </label>
      </header>
      {failed && <LoadFailed what="The figures" error={failed.error} onRetry={failed.retry} />}
      <div className="kpi-grid">
        {kpis.map((k) => (
          <div key={k.name} className="kpi" data-testid={k.testId} title={k.help}>
            <span className="kpi-name">
              {k.name}
              {k.help && (
                <span className="kpi-help" role="img" aria-label={k.help}>
                  ?
                </span>
              )}
            </span>
            <span className="kpi-value">{k.value}</span>
          </div>
        ))}
      </div>
      {summary && summary.attempts.dialled === 0 && (
        <div className="dashboard-empty" data-testid="dashboard-empty">
          <h2>{campaignId ? 'This campaign has not placed a call yet' : 'No calls yet'}</h2>
          <p>
            {campaignId
              ? 'Start it from its page: its funnel, answer rate, outcomes, cost and ROI appear here as calls end.'
              : 'Pick a template on the Campaigns page, check its audience, save and press Start (the simulator calls nobody). The funnel, answer rate, outcomes, cost and ROI appear here as calls end.'}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => navigate('campaigns', campaignId ? String(campaignId) : undefined)}
          >
            {campaignId ? 'Open the campaign' : 'Go to Campaigns'}
          </button>
        </div>
      )}
      {summary && summary.attempts.dialled > 0 && (
        <div className="chart-grid">
          <figure className="chart-card">
            <figcaption>Funnel (customers)</figcaption>
            <FunnelChart funnel={summary.funnel} />
          </figure>
          <figure className="chart-card">
            <figcaption>Calls, conversions and answer rate over time</figcaption>
            <ActivityChart series={series} />
          </figure>
          <figure className="chart-card">
            <figcaption>
              Outcomes{' '}
              <button type="button" onClick={() => downloadCsv('navaia-outcomes.csv', outcomes)}>
                Export CSV
              </button>
            </figcaption>
            <OutcomeChart outcomes={outcomes} />
          </figure>
        </div>
      )}
      <CampaignTable campaigns={campaigns} />
    </section>
  );
}

function CampaignTable({ campaigns }: { campaigns: ReturnType<typeof useDashboardData>['campaigns'] }) {
  const rows = campaigns.map((c) => ({
    Campaign: c.name,
    Status: c.status,
    Targeted: c.funnel.targeted,
    Dialled: c.funnel.dialled,
    Answered: c.funnel.answered,
    Converted: c.funnel.converted,
    'Answer rate': c.answerRate === null ? '' : Number((c.answerRate * 100).toFixed(1)),
    Cost: Number(c.cost.total.toFixed(2)),
    Revenue: Number(c.revenue.toFixed(2)),
    ROI: c.roi === null ? '' : Number((c.roi * 100).toFixed(1)),
  }));
  return (
    <div className="chart-card">
      <div className="table-title">
        <h2>Campaigns</h2>
        <button type="button" onClick={() => downloadCsv('navaia-campaign-results.csv', rows)}>
          Export CSV
        </button>
      </div>
      <table className="results-table" data-testid="campaign-results">
        <thead>
          <tr>
            {Object.keys(rows[0] ?? { Campaign: '' }).map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.campaignId}>
              <td>{c.name}</td>
              <td>{c.status}</td>
              <td>{formatCount(c.funnel.targeted)}</td>
              <td>{formatCount(c.funnel.dialled)}</td>
              <td>{formatCount(c.funnel.answered)}</td>
              <td>{formatCount(c.funnel.converted)}</td>
              <td>{formatPercent(c.answerRate)}</td>
              <td>{formatMoney(c.cost.total)}</td>
              <td>{formatMoney(c.revenue)}</td>
              <td>{formatPercent(c.roi)}</td>
            </tr>
          ))}
          {campaigns.length === 0 && (
            <tr>
              <td colSpan={10}>No campaigns yet.</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
