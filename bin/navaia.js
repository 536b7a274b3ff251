#!/usr/bin/env node
// Runs the CLI's bundle (out/cli), building it first when it is missing or older than its sources, so
// `npx navaia` and `node bin/navaia.js` work right after `npm install`, after a pull and after an edit.
import { pathToFileURL } from 'node:url';
import { builtCliEntry } from '../scripts/cli-build.mjs';

await import(pathToFileURL(await builtCliEntry()).href);
