import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createApp } from '../../core/app';
import { lastCallEventAt } from '../../core/campaigns/campaign-report';
import { runVirtualUntil, VirtualClock } from '../../core/clock/virtual-clock';
import { openDatabase } from '../../core/db/open';
import { silentLogger } from '../../core/logging/logger';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import {
  CliCallError,
  CliError,
  dbFileOf,
  openCliDatabase,
  positiveInt,
  printJson,
  withDbOption,
} from '../cli-context';
import { createProgress } from '../progress';
import { formatSummary } from './campaign-report';

const speedOption = (value: string): number | 'max' => {
  if (value === 'max') return 'max';
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('--speed is a factor such as 60, or max.');
  return n;
};

/**
 * Where virtual time stands for a campaign run before: the last thing that happened to it. A dry run
 * that was interrupted resumes from there, so its calls in flight are found where they were.
 */
function resumeTime(file: string, campaignId: number): number {
  const db = openCliDatabase(file);
  try {
    return lastCallEventAt(db, campaignId) ?? Date.now();
  } finally {
    db.$client.close();
  }
}

export function registerCampaignRunCommands(campaign: Command): void {
  withDbOption(
    campaign
      .command('run')
      .description('run a campaign on the simulator in virtual time (a dry run: no real calls)')
      .argument('<id>', 'campaign id', positiveInt('id'))
      .requiredOption('--simulate', 'use the simulator (real calls are placed by the desktop app)')
      .option('--speed <factor>', 'virtual seconds per real second, or max', speedOption, 'max' as const)
      .option('--json', 'print the summary as JSON'),
  ).action(async (id: number, options: { speed: number | 'max'; json?: boolean; db?: string }) => {
    const file = dbFileOf(options);
    const clock = new VirtualClock(resumeTime(file, id));
    const app = createApp({
      db: openDatabase(file),
      logger: silentLogger,
      host: 'cli',
      dataFile: file,
      clock,
      simulator: { transcripts: options.speed !== 'max' },
    });
    // The dry run drives its own engine in virtual time; what it reads goes through the contract.
    const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
      const reply = await app.dispatch(method, input, { clientId: 'cli' });
      if (!reply.ok) throw new CliCallError(reply.error);
      return reply.result as MethodOutput<M>;
    };
    try {
      await app.start();
      // Never a second dialler of one campaign: the process that runs it keeps it until it ends.
      const owner = app.engine.ownedElsewhere(id);
      if (owner)
        throw new CliError(
          `Campaign ${id} is being run by another Navaia process (${owner.owner}); pause or stop it there, or wait for it to end.`,
        );
      const status = async () => (await call('campaigns.get', { id })).status;
      const initial = await status();
      // A campaign that already finished (perhaps the run before was stopped just after it did) has
      // nothing left to do: running it again reports its summary, as the run that finished it would have.
      if (initial === 'draft' || initial === 'scheduled') app.engine.startCampaign(id);
      else if (initial === 'paused') app.engine.resumeCampaign(id);
      const progress = createProgress(`Campaign ${id}`, !options.json && process.stderr.isTTY === true);
      // Status and progress are read a few times a second of real time, not after every simulated event.
      let lastLook = 0;
      const finished = async () => {
        if (performance.now() - lastLook < 200) return false;
        lastLook = performance.now();
        const p = await call('campaigns.progress', { id });
        progress.update(p.done, p.done + p.queued + p.live);
        return ['completed', 'cancelled'].includes(await status());
      };
      while (!(await finished())) {
        if (options.speed === 'max') {
          const next = clock.nextTimerAt();
          if (next === undefined) {
            if (!['completed', 'cancelled'].includes(await status()))
              throw new CliError('The campaign is stuck: nothing is scheduled');
            break;
          }
          await runVirtualUntil(clock, next + 60_000);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 100));
          await runVirtualUntil(clock, clock.now() + 100 * options.speed);
        }
      }
      progress.done();
      const summary = await call('campaigns.summary', { id });
      if (options.json) printJson(summary);
      else console.log(formatSummary(summary));
    } finally {
      await app.close();
    }
  });
}
