import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/** The path aliases tsconfig.json declares, for every bundle. */
const resolveAliases = {
  alias: {
    '@shared': resolve(__dirname, 'src/shared'),
    '@core': resolve(__dirname, 'src/core'),
  },
};

export default defineConfig({
  main: {
    resolve: resolveAliases,
    build: {
      // Runtime dependencies (better-sqlite3, drizzle, SDKs) stay in node_modules: native code can't be bundled.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The core (database, engine, imports) in its own utility process: see src/core-host.
          core: resolve(__dirname, 'src/core-host/index.ts'),
        },
      },
    },
  },
  preload: {
    resolve: resolveAliases,
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    resolve: resolveAliases,
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
