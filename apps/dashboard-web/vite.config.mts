/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The dashboard SPA. `nx build dashboard` builds it into dist/apps/dashboard/web,
 * next to the NestJS app that serves it; `nx serve dashboard-web` is a dev
 * server that proxies /api to a running dashboard (DASHBOARD_URL, default :8080).
 */
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    // Pure TypeScript libs the browser shares with the blocks (exact frame maths).
    alias: { '@pokervod/timecode': here('../../libs/timecode/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/apps/dashboard/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 4200,
    proxy: { '/api': { target: process.env['DASHBOARD_URL'] ?? 'http://127.0.0.1:8080', changeOrigin: true } },
  },
  test: {
    root: here('.'),
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    globals: false,
    // Two cores shared with the rest of the team: jsdom renders are slow at times.
    testTimeout: 20_000,
    css: false,
    pool: 'threads',
    poolOptions: { threads: { maxThreads: 2, minThreads: 1 } },
  },
});
