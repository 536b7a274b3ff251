import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('src/core', () => {
  it('imports nothing from electron, react, main or renderer, so it runs under plain Node', () => {
    const offenders = sourceFiles(join(__dirname, '../../src/core')).filter((file) =>
      /from\s+['"](electron|react|react-dom)['"]|require\(['"]electron['"]\)|from\s+['"][./]*\/(main|renderer|preload)\//.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
