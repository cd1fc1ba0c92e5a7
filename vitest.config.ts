import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Render tests spawn ffmpeg on 2 cores: run files in parallel two at a time, give each test room.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Music loops are cached per user; tests keep theirs out of the real cache.
    env: { REELCUT_CACHE_DIR: join(tmpdir(), 'reelcut-test-cache') },
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
