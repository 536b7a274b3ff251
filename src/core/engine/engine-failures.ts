import { AppError } from '../../shared/errors';
import type { Clock } from '../clock/clock';
import type { Logger } from '../logging/logger';
import { classifyDatabaseFailure, isStorageError } from './database-errors';
import type { Runner } from './engine-types';
import type { RunnerLifecycle } from './runner-lifecycle';
import type { StorageHealth } from './storage-health';

/** Another process held the write lock past the busy timeout: the pass is tried again after this. */
const busyRetryMs = 1_000;

/**
 * Failures: never up a timer, always to someone who can act (database-errors says which is which). A
 * full disk or I/O error stops all dialling until the database can be written again; a lock held by
 * another process is waited out; anything else about a campaign — its audience cannot be read, a
 * statement fails with SQLITE_ERROR or a constraint, placing its calls throws — pauses that campaign
 * with the reason, leaving the others running.
 */
export function createEngineFailures(deps: {
  clock: Clock;
  logger: Logger;
  storage: () => StorageHealth;
  lifecycle: () => RunnerLifecycle;
  schedule: (runner: Runner, at: number) => void;
}) {
  const { clock, logger } = deps;

  const failed = (runner: Runner | undefined, err: unknown) => {
    const kind = classifyDatabaseFailure(err);
    if (kind === 'storage') return deps.storage().failed(err);
    if (kind === 'busy') {
      logger.warn({ err, campaignId: runner?.campaign.id }, 'the database is busy; trying again shortly');
      if (runner?.campaign.status === 'running') deps.schedule(runner, clock.now() + busyRetryMs);
      return;
    }
    if (!runner) return logger.error({ err }, 'the engine failed to record something');
    const why = err instanceof AppError ? err.message : 'an unexpected error (details are in the log)';
    logger.error({ err, campaignId: runner.campaign.id }, 'campaign paused after an error');
    try {
      deps
        .lifecycle()
        .setStatus(runner, 'paused', `Navaia paused this campaign: ${why}. Correct it, then resume.`);
    } catch (pauseErr) {
      deps.lifecycle().stopTimer(runner);
      if (isStorageError(pauseErr)) deps.storage().failed(pauseErr);
      else logger.error({ err: pauseErr, campaignId: runner.campaign.id }, 'could not pause the campaign');
    }
  };

  return { failed, failedOutside: (err: unknown) => failed(undefined, err) };
}
