import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The Firefox smoke check (`npm run test:firefox`): the Firefox build in Debian's Firefox ESR
// against the local fake sites. Kept out of `npm test`'s Chromium run: it needs the Firefox build.
export default defineConfig({
  root: resolve(import.meta.dirname, '..', '..'),
  test: {
    include: ['tests/firefox/**/*.firefox.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    // Firefox's first start with a fresh profile is slow on a busy two-core machine.
    hookTimeout: 90_000,
  },
});
