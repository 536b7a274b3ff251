import { z } from 'zod';
import { method } from './define';

/**
 * Funnel stages count distinct customers. `targeted`/`eligible`: the customers the campaign has queued a
 * call for, plus those its audience still holds (matching / callable now) that it has not (overall: only
 * campaigns that have run; a draft has targeted nobody). The rest come from call attempts:
 * dialled = an attempt was placed; answered = a person (not voicemail) picked up;
 * engaged = answered and the conversation lasted at least `engagedMinSeconds`;
 * converted = an attempt ended with one of the campaign's conversion dispositions.
 */
export interface Funnel {
  targeted: number;
  eligible: number;
  dialled: number;
  answered: number;
  engaged: number;
  converted: number;
}

/** Everything a campaign cost: what providers billed per call, the per-call charge and the fixed costs. */
export interface CostFigures {
  telephony: number;
  ai: number;
  /** The campaign's per-call charge × calls placed. */
  perCall: number;
  /** The campaign's fixed costs, counted once it has run. */
  fixed: number;
  total: number;
}

export interface CampaignMetrics {
  /** null for the overall figures across every campaign. */
  campaignId: number | null;
  funnel: Funnel;
  attempts: { total: number; dialled: number; answered: number; live: number };
  /** answered attempts / dialled attempts; null before anything was dialled. */
  answerRate: number | null;
  outcomes: { state: string; count: number }[];
  dispositions: { disposition: string; count: number }[];
  averageTalkSeconds: number | null;
  cost: CostFigures;
  /** Conversions × the campaign's value per conversion. */
  revenue: number;
  /** (revenue − cost.total) / cost.total, every cost included; null while nothing has cost anything. */
  roi: number | null;
  costPerConversion: number | null;
}

export interface MetricsSeriesPoint {
  /** Start of the bucket, epoch ms (UTC boundaries). */
  at: number;
  dialled: number;
  answered: number;
  conversions: number;
  /** Billed minutes and per-call charges of the calls placed in the bucket (fixed costs are not spread). */
  cost: number;
}

export const seriesBuckets = ['minute', 'hour', 'day'] as const;
export type SeriesBucket = (typeof seriesBuckets)[number];

/** Activity over time, in the bucket asked for (or the one `auto` chose for the span of the calls). */
export interface MetricsSeries {
  bucket: SeriesBucket;
  points: MetricsSeriesPoint[];
}

export const engagedMinSeconds = 20;

export const metricsSummaryInput = z.object({ campaignId: z.number().int().positive().optional() }).strict();

export const metricsSeriesInput = z
  .object({
    campaignId: z.number().int().positive().optional(),
    bucket: z.enum([...seriesBuckets, 'auto']).default('auto'),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
  })
  .strict();

export const metricsMethods = {
  'metrics.summary': method<CampaignMetrics>()(metricsSummaryInput),
  /** One summary per campaign (non-archived), for the dashboard's comparison table. */
  'metrics.byCampaign': method<(CampaignMetrics & { name: string; status: string })[]>()(
    z.object({}).strict(),
  ),
  'metrics.series': method<MetricsSeries>()(metricsSeriesInput),
};

export const metricsEvents = {};
