// The request log: attribution recorded per request, written in batches, kept 30 days.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { REQUEST_LOG_DAYS } from '../../src/store/request-log.js';
import { tempDir } from '../helpers/media.js';

const DAY = 24 * 3600 * 1000;
const entry = (at: number, route: string) => ({
  at, method: 'GET', route, status: 200, ms: 1, token_id: null, client_id: null,
  skill_source: 'clawhub-skill', skill_version: '1.2.3', skill_platform: 'cursor',
});

describe('request log', () => {
  it('entries queued in one tick are readable at once and survive a close and reopen', () => {
    const file = join(tempDir('reelcut-reqlog-'), 'reelcut.db');
    let store = openStore(file);
    for (let i = 0; i < 5; i++) store.requests.record(entry(Date.now(), `/r${i}`));
    expect(store.requests.recent(10).map((e) => e.route)).toEqual(['/r4', '/r3', '/r2', '/r1', '/r0']);
    store.requests.record(entry(Date.now(), '/last'));
    store.close(); // flushes what is still queued
    store = openStore(file);
    const got = store.requests.recent(1)[0]!;
    expect(got).toMatchObject({ route: '/last', skill_source: 'clawhub-skill', skill_version: '1.2.3', skill_platform: 'cursor' });
    store.close();
  });

  it(`rows older than ${REQUEST_LOG_DAYS} days are dropped when the store opens`, () => {
    const file = join(tempDir('reelcut-reqlog-'), 'reelcut.db');
    const now = Date.now();
    let store = openStore(file);
    store.requests.record(entry(now - (REQUEST_LOG_DAYS + 1) * DAY, '/old'));
    store.requests.record(entry(now - (REQUEST_LOG_DAYS - 1) * DAY, '/recent'));
    store.close();
    store = openStore(file);
    expect(store.requests.recent(10).map((e) => e.route)).toEqual(['/recent']);
    store.close();
  });
});
