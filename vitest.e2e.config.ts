import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in Debian's Chromium against the local fake sites.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One Chromium at a time: two cores, and each file starts its own browser and fake.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
