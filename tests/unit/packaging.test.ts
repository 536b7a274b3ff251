import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('packaging', () => {
  const config = yaml.load(read('electron-builder.yml')) as Record<string, unknown> & {
    files: string[];
    extraResources: { from: string; to: string }[];
  };

  it('is a valid electron-builder configuration (its own JSON schema)', () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config).toMatchObject({ appId: 'com.navaia.callcenter', productName: 'Navaia' });
    for (const platform of ['linux', 'win', 'mac']) expect(config[platform]).toBeDefined();
  });

  it('packs what the build produces and what package.json points at', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.files).toContain('out/**');
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
    // The main process loads the preload as CommonJS from out/preload and the page from out/renderer.
    const main = read('src/main/main-window.ts');
    expect(main).toContain("join(outDir, 'preload', 'index.cjs')");
    expect(main).toContain("join(outDir, 'renderer', 'index.html')");
    // Built by `electron-vite build`, which npm test runs before the end-to-end tests.
    if (existsSync(join(root, 'out/main/index.js'))) {
      for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
        expect(existsSync(join(root, file)), file).toBe(true);
      }
    }
  });

  it('ships the migrations, which the packaged app reads from its resources folder', () => {
    expect(config.extraResources).toContainEqual({ from: 'drizzle', to: 'drizzle' });
    expect(existsSync(join(root, 'drizzle/meta/_journal.json'))).toBe(true);
    expect(read('src/main/index.ts')).toContain("join(process.resourcesPath ?? '', 'drizzle')");
  });

  it('packs the tray icons from resources/, where the main process looks for them', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources', to: 'resources' });
    for (const file of ['tray.png', 'trayTemplate.png', 'trayTemplate@2x.png']) {
      expect(
        readFileSync(join(root, 'resources', file))
          .subarray(1, 4)
          .toString(),
        file,
      ).toBe('PNG');
    }
    expect(read('src/main/tray.ts')).toContain("join(place.resourcesPath, 'resources', file)");
  });

  it('has an icon for every platform', () => {
    const icon = readFileSync(join(root, 'build/icon.png'));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });
});
