import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CampaignMetrics, MetricsSeriesPoint } from '../../../../shared/contract/metrics';

const axis = { stroke: 'var(--text-muted, #6b7280)', fontSize: 12 };
const accent = 'var(--accent, #2563eb)';
const positive = 'var(--success, #16a34a)';

export function FunnelChart({ funnel }: { funnel: CampaignMetrics['funnel'] }) {
  const stages = [
    { stage: 'Targeted', customers: funnel.targeted },
    { stage: 'Eligible', customers: funnel.eligible },
    { stage: 'Dialled', customers: funnel.dialled },
    { stage: 'Answered', customers: funnel.answered },
    { stage: 'Engaged', customers: funnel.engaged },
    { stage: 'Converted', customers: funnel.converted },
  ];
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={stages} layout="vertical" margin={{ left: 16, right: 24 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" opacity={0.3} />
        <XAxis type="number" {...axis} allowDecimals={false} />
        <YAxis type="category" dataKey="stage" width={80} {...axis} />
        <Tooltip />
        <Bar dataKey="customers" fill={accent} radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ActivityChart({
  series,
  bucket,
}: {
  series: MetricsSeriesPoint[];
  bucket: 'minute' | 'hour' | 'day';
}) {
  const label = (at: number) =>
    bucket === 'day'
      ? new Date(at).toLocaleDateString()
      : new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const points = series.map((p) => ({
    at: label(p.at),
    'Answer rate %': p.dialled > 0 ? Math.round((p.answered / p.dialled) * 1000) / 10 : 0,
    Conversions: p.conversions,
  }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart data={points} margin={{ left: 0, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
        <XAxis dataKey="at" {...axis} />
        <YAxis yAxisId="rate" domain={[0, 100]} unit="%" {...axis} />
        <YAxis yAxisId="count" orientation="right" allowDecimals={false} {...axis} />
        <Tooltip />
        <Bar yAxisId="count" dataKey="Conversions" fill={positive} isAnimationActive={false} />
        <Line yAxisId="rate" dataKey="Answer rate %" stroke={accent} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function OutcomeChart({ outcomes }: { outcomes: { label: string; count: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, outcomes.length * 28)}>
      <BarChart data={outcomes} layout="vertical" margin={{ left: 16, right: 24 }}>
        <XAxis type="number" allowDecimals={false} {...axis} />
        <YAxis type="category" dataKey="label" width={130} {...axis} />
        <Tooltip />
        <Bar dataKey="count" fill={accent} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
