import { errorMessage } from '../../shared/errors';
import type { Clock, TimerHandle } from '../clock/clock';
import type { Logger } from '../logging/logger';
import { TransientProviderError, type VoiceAgentProvider } from '../providers/provider';

/** A provider the engine has stopped dialling through, and why. */
export interface ProviderOutage {
  since: number;
  /** Dials refused in a row (and failed probes since). */
  failures: number;
  lastError: string;
  nextProbeAt: number;
  /** Half-open: one dial may go through to find out whether the provider is back. */
  trial: boolean;
}

/** Refusals in a row after which the provider counts as unreachable. */
const outageAfter = 3;
const firstProbeMs = 5_000;
const maxProbeMs = 5 * 60_000;

/** Errors that say "the provider could not be reached or cannot take calls now", not "this call is wrong". */
export function isUnreachableError(err: unknown): boolean {
  if (err instanceof TransientProviderError) return true;
  const code =
    (err as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (
    typeof code === 'string' &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ENOTFOUND',
      'EAI_AGAIN',
      'ETIMEDOUT',
      'ENETUNREACH',
      'EHOSTUNREACH',
    ].includes(code)
  )
    return true;
  return err instanceof TypeError && err.message === 'fetch failed';
}

/**
 * Follows whether each provider answers. After a few refused dials in a row the provider is out: the
 * engine stops dialling through it and it is probed with back-off (its `probe()` if it has one, else
 * one trial dial) until it answers, when dialling resumes by itself.
 */
export function createProviderHealth(deps: {
  clock: Clock;
  logger: Logger;
  providers: Map<string, VoiceAgentProvider>;
  /** Called when a provider goes out, comes back, or may take a trial dial. */
  onChange: (provider: string) => void;
  /** Removes secrets from the error text kept and shown for an outage. */
  redact?: (text: string) => string;
}) {
  const redact = deps.redact ?? ((text: string) => text);
  const { clock, logger } = deps;
  const refusals = new Map<string, { count: number; lastError: string }>();
  const outages = new Map<string, ProviderOutage>();
  const probeTimers = new Map<string, TimerHandle>();

  const backoff = (failures: number) =>
    Math.min(maxProbeMs, firstProbeMs * 2 ** Math.max(0, failures - outageAfter));

  const scheduleProbe = (name: string, outage: ProviderOutage) => {
    const existing = probeTimers.get(name);
    if (existing) clock.clearTimeout(existing);
    probeTimers.set(
      name,
      clock.setTimeout(() => probe(name), Math.max(0, outage.nextProbeAt - clock.now())),
    );
  };

  const probe = (name: string) => {
    probeTimers.delete(name);
    const outage = outages.get(name);
    if (!outage) return;
    const provider = deps.providers.get(name);
    if (provider?.probe) {
      provider
        .probe()
        .then(
          () => recovered(name),
          (err: unknown) => failed(name, err),
        )
        .catch((err: unknown) => logger.error({ err, provider: name }, 'could not act on a provider probe'));
      return;
    }
    outage.trial = true;
    deps.onChange(name);
  };

  const recovered = (name: string) => {
    refusals.delete(name);
    const outage = outages.get(name);
    if (!outage) return;
    outages.delete(name);
    const timer = probeTimers.get(name);
    if (timer) clock.clearTimeout(timer);
    probeTimers.delete(name);
    logger.info({ provider: name, downMs: clock.now() - outage.since }, 'provider reachable again');
    deps.onChange(name);
  };

  const failed = (name: string, err: unknown) => {
    const lastError = redact(errorMessage(err)).slice(0, 200);
    const now = clock.now();
    const outage = outages.get(name);
    if (outage) {
      outage.failures += 1;
      outage.lastError = lastError;
      outage.trial = false;
      outage.nextProbeAt = now + backoff(outage.failures);
      scheduleProbe(name, outage);
      deps.onChange(name);
      return;
    }
    const count = (refusals.get(name)?.count ?? 0) + 1;
    refusals.set(name, { count, lastError });
    if (count < outageAfter) return;
    const opened = { since: now, failures: count, lastError, nextProbeAt: now + firstProbeMs, trial: false };
    outages.set(name, opened);
    scheduleProbe(name, opened);
    logger.warn({ provider: name, error: lastError }, 'provider unreachable: new dials wait');
    deps.onChange(name);
  };

  return {
    /** A dial or probe went through: the provider answers. */
    succeeded: recovered,
    /** A dial was refused with an error that says the provider is not reachable. */
    failed,
    /** Whether a new call may be placed through the provider now; a trial dial uses up the permission. */
    mayDial(name: string): boolean {
      const outage = outages.get(name);
      if (!outage) return true;
      if (!outage.trial) return false;
      outage.trial = false;
      return true;
    },
    outage: (name: string): ProviderOutage | undefined => outages.get(name),
    close() {
      for (const timer of probeTimers.values()) clock.clearTimeout(timer);
      probeTimers.clear();
    },
  };
}

export type ProviderHealth = ReturnType<typeof createProviderHealth>;
