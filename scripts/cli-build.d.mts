/** Types of cli-build.mjs, for the tests that check the CLI's bundle. */
export const cliOutDir: string;
export function cliBuildIsFresh(): boolean;
export function buildCli(): Promise<string>;
export function builtCliEntry(): Promise<string>;
