import type { RehearsalForecast } from '../../shared/contract/calls';
import type { CampaignInput } from '../../shared/contract/campaigns';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../app-context';

// Filled in with the dry-run implementation.
export async function rehearseCampaign(
  _context: AppContext,
  _input: { id?: number; campaign?: CampaignInput; maxCustomers: number },
): Promise<RehearsalForecast> {
  throw new AppError('unavailable', 'Rehearsal is not available yet');
}
