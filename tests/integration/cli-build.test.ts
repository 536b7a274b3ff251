import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBuildIsFresh, cliOutDir } from '../../scripts/cli-build.mjs';
import { navaiaBin } from '../helpers/cli-sandbox';

const buildInfoFile = join(cliOutDir, 'build-info.json');
const help = () => spawnSync(process.execPath, [navaiaBin, '--help'], { encoding: 'utf8' });

describe('the navaia command’s bundle', () => {
  it('is built from the sources the command runs', () => {
    expect(help().status).toBe(0);
    expect(cliBuildIsFresh()).toBe(true);
    expect(existsSync(join(cliOutDir, 'main.js'))).toBe(true);
    const { inputs } = JSON.parse(readFileSync(buildInfoFile, 'utf8')) as { inputs: string[] };
    expect(inputs).toEqual(
      expect.arrayContaining([
        'src/cli/main.ts',
        'src/core/audience/compile-criteria.ts',
        'src/core/customers/import/customer-row.ts',
      ]),
    );
    // The vendor SDKs are loaded from node_modules, and only by the real provider's chunk.
    const main = readFileSync(join(cliOutDir, 'main.js'), 'utf8');
    expect(main).not.toMatch(/from "(twilio|@elevenlabs\/elevenlabs-js)"/);
  });

  it('is built again when a file it was built from changed after it', () => {
    expect(help().status).toBe(0);
    const info = JSON.parse(readFileSync(buildInfoFile, 'utf8')) as { builtAt: number };
    // As if src/cli/main.ts had been saved after the build.
    writeFileSync(buildInfoFile, JSON.stringify({ ...info, builtAt: 0 }));
    expect(cliBuildIsFresh()).toBe(false);
    const run = help();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Usage: navaia/);
    expect(cliBuildIsFresh()).toBe(true);
    expect(JSON.parse(readFileSync(buildInfoFile, 'utf8')).builtAt).toBeGreaterThan(0);
  });
});
