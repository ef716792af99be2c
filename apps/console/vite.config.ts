import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the admin console into apps/console/dist; the hub serves it at /console. */
export default defineConfig({
  root: __dirname,
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: resolve(__dirname, 'dist'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
