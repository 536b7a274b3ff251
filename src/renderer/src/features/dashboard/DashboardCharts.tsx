import type { CampaignMetrics, MetricsSeries } from '@shared/contract/metrics';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const axis = { stroke: 'var(--text-muted, #6b7280)', fontSize: 12 };
const axisTitle = { fill: 'var(--text-muted, #6b7280)', fontSize: 12 };
const accent = 'var(--accent, #2563eb)';
const positive = 'var(--success, #16a34a)';
const neutral = 'var(--text-muted, #94a3b8)';
/** However few the buckets, a bar stays a bar: never a slab across the chart. */
const maxBarSize = 28;
/** A count axis with headroom, so one busy bucket does not touch the top. */
const countDomain: [number, (max: number) => number] = [0, (max) => Math.max(4, Math.ceil(max * 1.2))];

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
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={stages} layout="vertical" margin={{ left: 16, right: 24, bottom: 16 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" opacity={0.3} />
        <XAxis
          type="number"
          {...axis}
          allowDecimals={false}
          label={{ value: 'Customers', position: 'insideBottom', offset: -10, ...axisTitle }}
        />
        <YAxis type="category" dataKey="stage" width={80} {...axis} />
        <Tooltip />
        <Legend verticalAlign="top" height={24} />
        <Bar
          dataKey="customers"
          name="Customers at each stage"
          fill={accent}
          radius={[0, 4, 4, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

const bucketWords = { minute: 'minute', hour: 'hour', day: 'day' } as const;

/** Calls placed and conversions per bucket (bars), and the answer rate (line), on two labelled axes. */
export function ActivityChart({ series }: { series: MetricsSeries }) {
  const { bucket } = series;
  const label = (at: number) =>
    bucket === 'day'
      ? new Date(at).toLocaleDateString()
      : new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const points = series.points.map((p) => ({
    at: label(p.at),
    'Calls placed': p.dialled,
    Conversions: p.conversions,
    'Answer rate': p.dialled > 0 ? Math.round((p.answered / p.dialled) * 1000) / 10 : null,
  }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={points} margin={{ left: 4, right: 8, bottom: 16 }}>
        <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
        <XAxis
          dataKey="at"
          {...axis}
          minTickGap={24}
          label={{
            value: `Time (per ${bucketWords[bucket]})`,
            position: 'insideBottom',
            offset: -10,
            ...axisTitle,
          }}
        />
        <YAxis
          yAxisId="count"
          allowDecimals={false}
          domain={countDomain}
          {...axis}
          label={{ value: 'Calls', angle: -90, position: 'insideLeft', ...axisTitle }}
        />
        <YAxis
          yAxisId="rate"
          orientation="right"
          domain={[0, 100]}
          unit="%"
          {...axis}
          label={{ value: 'Answer rate', angle: 90, position: 'insideRight', ...axisTitle }}
        />
        <Tooltip />
        <Legend verticalAlign="top" height={24} />
        <Bar
          yAxisId="count"
          dataKey="Calls placed"
          fill={neutral}
          maxBarSize={maxBarSize}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="count"
          dataKey="Conversions"
          fill={positive}
          maxBarSize={maxBarSize}
          isAnimationActive={false}
        />
        <Line
          yAxisId="rate"
          dataKey="Answer rate"
          unit="%"
          stroke={accent}
          // A lone bucket is a point, not an invisible line.
          dot={{ r: 3 }}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function OutcomeChart({ outcomes }: { outcomes: { label: string; count: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, outcomes.length * 28 + 60)}>
      <BarChart data={outcomes} layout="vertical" margin={{ left: 16, right: 24, bottom: 16 }}>
        <XAxis
          type="number"
          allowDecimals={false}
          {...axis}
          label={{ value: 'Calls', position: 'insideBottom', offset: -10, ...axisTitle }}
        />
        <YAxis type="category" dataKey="label" width={150} {...axis} />
        <Tooltip />
        <Legend verticalAlign="top" height={24} />
        <Bar
          dataKey="count"
          name="Calls with this outcome"
          fill={accent}
          maxBarSize={maxBarSize}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
