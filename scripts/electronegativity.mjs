#!/usr/bin/env node
/**
 * Runs Electronegativity (Doyensec's Electron security scanner) over the app's sources and fails on any
 * HIGH or MEDIUM finding that security/electronegativity-allowlist.json does not explain.
 *
 * Why the sources and not out/: the scan of the built bundles reports the same findings (checked by
 * hand, see docs/security.md), but the sources need no build first and give readable file:line.
 * Offline by construction: the scanner fetches translations and Electron's release list over the
 * network; both go through `got`, which is replaced here by a stub that refuses, and the release check
 * (which needs that list) is excluded.
 *
 * Usage: node scripts/electronegativity.mjs [--json report.json] [--sources DIR] [--allowlist FILE]
 * (--sources and --allowlist exist for the script's own test, which scans a deliberately unsafe app.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const require = createRequire(import.meta.url);
const scannerMain = require.resolve('@doyensec/electronegativity');
const scannerRequire = createRequire(scannerMain);

// The scanner must never reach the network (CI and the build machines have none).
const gotPath = scannerRequire.resolve('got');
const refuse = () => Promise.reject(new Error('network disabled by scripts/electronegativity.mjs'));
refuse.head = refuse;
refuse.default = refuse;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: refuse };

const failingSeverities = new Set(['HIGH', 'MEDIUM']);
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];
// The sources get every check; package.json only the checks written for it (Electron version, npm
// scripts passing dangerous flags) — on its own it would trip the global checks that need the sources.
const targets = [
  { path: argument('--sources') ?? 'src' },
  {
    path: 'package.json',
    only: ['ElectronVersionJSONCheck', 'CustomArgumentsJSONCheck', 'SecurityWarningsDisabledJSONCheck'],
  },
];
const allowListFile = argument('--allowlist') ?? join(root, 'security', 'electronegativity-allowlist.json');

const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

/** The scanner prints progress chatter through console.log; keep our output to the verdict. */
async function quietly(fn) {
  const log = console.log;
  console.log = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}

async function scan(target) {
  const run = scannerRequire('./runner.js');
  const input = resolve(root, target.path);
  const result = await quietly(() =>
    run({
      input,
      isRelative: false,
      electronVersionOverride: electronVersion,
      excludeFromScan: target.only ? [] : excludedChecks,
      customScan: target.only ?? [],
      parserPlugins: [],
    }),
  );
  return {
    issues: result.issues.map((issue) => ({
      check: issue.id,
      file: relative(root, issue.file).split('\\').join('/'),
      line: issue.location.line,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: Boolean(issue.manualReview),
      description: issue.description,
    })),
    errors: result.errors.filter((e) => !e.tolerable).map((e) => `${relative(root, e.file)}: ${e.message}`),
  };
}

const allowList = JSON.parse(readFileSync(allowListFile, 'utf8'));
for (const entry of allowList.findings) {
  if (!entry.check || !entry.file || !(entry.justification?.length > 20)) {
    throw new Error(`Allow-list entry needs check, file and a real justification: ${JSON.stringify(entry)}`);
  }
}

const scans = await Promise.all(targets.map(scan));
const issues = scans.flatMap((s) => s.issues);
const errors = scans.flatMap((s) => s.errors);
const gating = issues.filter((i) => failingSeverities.has(i.severity));
const isAllowed = (issue, entry) => entry.check === issue.check && entry.file === issue.file;
const unexplained = gating.filter((issue) => !allowList.findings.some((entry) => isAllowed(issue, entry)));
const stale = allowList.findings.filter((entry) => !gating.some((issue) => isAllowed(issue, entry)));

const reportFile = argument('--json');
if (reportFile)
  writeFileSync(reportFile, `${JSON.stringify({ electronVersion, issues, errors }, null, 2)}\n`);

const line = (i) =>
  `  ${i.severity.padEnd(6)} ${i.check} ${i.file}:${i.line}${i.manualReview ? ' (manual review)' : ''}`;
console.log(
  `electronegativity (Electron ${electronVersion}): ${issues.length} findings, ${gating.length} HIGH/MEDIUM, ${gating.length - unexplained.length} explained by the allow-list`,
);
for (const issue of issues.filter((i) => !failingSeverities.has(i.severity))) console.log(line(issue));
let failed = false;
if (unexplained.length > 0) {
  failed = true;
  console.error(
    'Unexplained HIGH/MEDIUM findings (fix them, or justify them in security/electronegativity-allowlist.json):',
  );
  for (const issue of unexplained) console.error(`${line(issue)}\n      ${issue.description}`);
}
if (stale.length > 0) {
  failed = true;
  console.error('Allow-list entries that match no finding any more (remove them):');
  for (const entry of stale) console.error(`  ${entry.check} ${entry.file}`);
}
if (errors.length > 0) {
  failed = true;
  console.error('Files the scanner could not parse (so they were not checked):');
  for (const error of errors) console.error(`  ${error}`);
}
process.exit(failed ? 1 : 0);
