// The credit ledger over real HTTP: a new token's balance, what an edit turn costs and what costs
// nothing, no negative balance under 50 concurrent turns (with the ledger summing to the balance),
// the ledger's append-only rule, the edit-cost defaults, and a turn the client walks away from.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveServerOptions } from '../../src/server/index.js';
import { tempDir } from '../helpers/media.js';
import { call, newSession, newToken, phoneClip, runSse, upload, type SseResult, type TestServer } from './harness.js';
import { suiteServer } from './suite.js';

interface Balance {
  available: number;
  frozen: number;
  total: number;
}

let clip: string;

beforeAll(() => {
  clip = phoneClip(tempDir('reelcut-credits-'), 3);
});

async function balance(url: string, token: string): Promise<Balance> {
  const r = await call<Balance>(url, 'GET', '/api/credits/balance/simple', { token });
  expect(r.status).toBe(200);
  expect(r.body.code).toBe(0);
  return r.body.data;
}

/** A session with the test clip uploaded (its first clip on the timeline). */
async function sessionWithClip(url: string, token: string): Promise<string> {
  const sid = await newSession(url, token);
  const r = await upload(url, token, sid, [clip]);
  expect(r.body.code).toBe(0);
  return sid;
}

async function versionId(url: string, token: string, sid: string): Promise<number> {
  const r = await call(url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  expect(r.body.code).toBe(0);
  return r.body.data.state.version_id as number;
}

function tokenId(srv: TestServer, token: string): string {
  const row = srv.server.ctx.store.tokens.verify(token);
  if (!row) throw new Error('the token is unknown to the store');
  return row.id;
}

function ledgerSums(srv: TestServer, id: string): { total: number; frozen: number; entries: Record<string, number> } {
  const db = srv.server.ctx.store.db;
  const sums = db.prepare('SELECT COALESCE(SUM(delta_total), 0) AS total, COALESCE(SUM(delta_frozen), 0) AS frozen FROM ledger_entries WHERE token_id = ?').get(id) as {
    total: number;
    frozen: number;
  };
  const rows = db.prepare('SELECT reason, COUNT(*) AS n FROM ledger_entries WHERE token_id = ? GROUP BY reason').all(id) as Array<{ reason: string; n: number }>;
  return { ...sums, entries: Object.fromEntries(rows.map((r) => [r.reason, r.n])) };
}

function completed(r: SseResult): boolean {
  return r.status === 200 && r.events.at(-1)?.turn_complete === true;
}

describe('a new anonymous token', () => {
  const srv = suiteServer();

  it('starts with 100 available, 0 frozen, 100 in total', async () => {
    const r = await call(srv.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': randomUUID() } });
    expect(r.body.code).toBe(0);
    expect(r.body.data.credits).toBe(100);
    expect(await balance(srv.url, r.body.data.token)).toEqual({ available: 100, frozen: 0, total: 100 });
  });
});

describe('what a turn costs (editCost 3)', () => {
  const srv = suiteServer({ editCost: 3 });

  it('charges 3 for a turn that changes the timeline and nothing for one that does not; frozen is 0 after each', async () => {
    const token = await newToken(srv.url);
    const sid = await sessionWithClip(srv.url, token);
    expect(await balance(srv.url, token)).toEqual({ available: 100, frozen: 0, total: 100 }); // uploads are free

    const v0 = await versionId(srv.url, token, sid);
    const edit = await runSse(srv.url, token, sid, 'make it square');
    expect(completed(edit)).toBe(true);
    expect(await versionId(srv.url, token, sid)).not.toBe(v0);
    expect(await balance(srv.url, token)).toEqual({ available: 97, frozen: 0, total: 97 });

    const v1 = await versionId(srv.url, token, sid);
    for (const text of ['hello', 'remove clip 7']) {
      const r = await runSse(srv.url, token, sid, text);
      expect(completed(r)).toBe(true);
      expect(await versionId(srv.url, token, sid)).toBe(v1);
      expect(await balance(srv.url, token)).toEqual({ available: 97, frozen: 0, total: 97 });
    }

    // A credits question is free, and its answer does not count its own reservation.
    const ask = await runSse(srv.url, token, sid, 'how many credits do I have?');
    expect(completed(ask)).toBe(true);
    expect(ask.text).toMatch(/\b97 credits available \(0 reserved, 97 in total\)/);
    expect(await balance(srv.url, token)).toEqual({ available: 97, frozen: 0, total: 97 });
    expect(await versionId(srv.url, token, sid)).toBe(v1);

    const id = tokenId(srv, token);
    const ledger = ledgerSums(srv, id);
    expect(ledger).toEqual({ total: 97, frozen: 0, entries: { 'anonymous grant': 1, freeze: 4, charge: 1, release: 3 } });
  });

  it('refuses a turn it cannot pay for with 402 / 2001 and a bind_url, before any stream opens', async () => {
    const token = await newToken(srv.url);
    const sid = await sessionWithClip(srv.url, token);
    for (let i = 0; i < 33; i++) expect(completed(await runSse(srv.url, token, sid, i % 2 ? 'make it vertical' : 'make it square'))).toBe(true);
    expect(await balance(srv.url, token)).toEqual({ available: 1, frozen: 0, total: 1 });
    const v = await versionId(srv.url, token, sid);
    const r = await runSse(srv.url, token, sid, 'black and white');
    expect(r.status).toBe(402);
    expect(r.contentType).toMatch(/^application\/json/);
    expect(r.error?.code).toBe(2001);
    expect(r.error?.message).toMatch(/costs 3 and 1 are available/);
    expect(() => new URL(r.error?.data.bind_url)).not.toThrow();
    expect(await versionId(srv.url, token, sid)).toBe(v);
    expect(await balance(srv.url, token)).toEqual({ available: 1, frozen: 0, total: 1 });
  });
});

describe('50 concurrent turns on 100 credits at 3 a turn', () => {
  const srv = suiteServer({ editCost: 3 });

  it('stream exactly 33 and refuse 17 with 2001; the balance never goes negative and the ledger sums to it', async () => {
    const token = await newToken(srv.url);
    const sids = await Promise.all(Array.from({ length: 10 }, () => sessionWithClip(srv.url, token)));
    expect(await balance(srv.url, token)).toEqual({ available: 100, frozen: 0, total: 100 });

    // Each of these saves a new version every time it runs, whatever ran before it.
    const messages = ['make it square', 'speed it up 2x', 'black and white', 'rotate 90 degrees', 'flip it horizontally'];
    const readings: Balance[] = [];
    let running = true;
    const poller = (async () => {
      while (running) readings.push(await balance(srv.url, token));
    })();

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => runSse(srv.url, token, sids[i % 10]!, messages[Math.floor(i / 10)]!)));
    running = false;
    await poller;
    readings.push(await balance(srv.url, token));

    const streamed = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(streamed).toHaveLength(33);
    expect(refused).toHaveLength(17);
    for (const r of streamed) {
      expect(completed(r)).toBe(true);
      expect(r.events.some((e) => e.content.parts.some((p) => p.function_response?.response.ok === true))).toBe(true);
    }
    for (const r of refused) {
      expect(r.status).toBe(402);
      expect(r.error?.code).toBe(2001);
      expect(typeof r.error?.data.bind_url).toBe('string');
    }

    expect(readings.length).toBeGreaterThan(1);
    for (const b of readings) {
      expect(b.available).toBeGreaterThanOrEqual(0);
      expect(b.frozen).toBeGreaterThanOrEqual(0);
      expect(b.total).toBeGreaterThanOrEqual(b.frozen);
      expect(b.available).toBe(b.total - b.frozen);
    }
    console.log(`50 concurrent turns: ${readings.length} balance readings, most frozen seen ${Math.max(...readings.map((b) => b.frozen))}`);

    expect(await balance(srv.url, token)).toEqual({ available: 1, frozen: 0, total: 1 });
    const ledger = ledgerSums(srv, tokenId(srv, token));
    expect(ledger.total).toBe(1);
    expect(ledger.frozen).toBe(0);
    expect(ledger.entries).toEqual({ 'anonymous grant': 1, freeze: 33, charge: 33 });
    // Every charge paid for a saved edit: 33 versions beyond the sessions' start and upload ones.
    const edits = srv.server.ctx.store.db
      .prepare("SELECT COUNT(*) FROM timeline_versions v JOIN sessions s ON s.id = v.session_id WHERE s.token_id = ? AND v.cause NOT IN ('start', 'upload')")
      .pluck()
      .get(tokenId(srv, token));
    expect(edits).toBe(33);
  });
});

describe('the ledger', () => {
  const srv = suiteServer();

  it('is append-only: UPDATE and DELETE on ledger_entries throw and change nothing', async () => {
    const token = await newToken(srv.url);
    const id = tokenId(srv, token);
    const db = srv.server.ctx.store.db;
    expect(() => db.prepare('UPDATE ledger_entries SET delta_total = 1000 WHERE token_id = ?').run(id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_entries WHERE token_id = ?').run(id)).toThrow(/append-only/);
    expect(ledgerSums(srv, id)).toEqual({ total: 100, frozen: 0, entries: { 'anonymous grant': 1 } });
    expect(await balance(srv.url, token)).toEqual({ available: 100, frozen: 0, total: 100 });
  });
});

describe('edit cost defaults', () => {
  it('are free on loopback and 1 a turn on any other address, unless set', () => {
    expect(resolveServerOptions({ host: '127.0.0.1' }).editCost).toBe(0);
    expect(resolveServerOptions({ host: 'localhost' }).editCost).toBe(0);
    expect(resolveServerOptions({ host: '::1' }).editCost).toBe(0);
    expect(resolveServerOptions({ host: '0.0.0.0' }).editCost).toBe(1);
    expect(resolveServerOptions({ host: '192.168.1.20' }).editCost).toBe(1);
    expect(resolveServerOptions({ host: '0.0.0.0', editCost: 0 }).editCost).toBe(0);
    expect(resolveServerOptions({ host: '127.0.0.1', editCost: 5 }).editCost).toBe(5);
  });
});

describe('a turn the client walks away from', () => {
  const srv = suiteServer({ editCost: 3 });

  /** Runs `text`, aborts once the first event arrives; resolves with the balance read at that moment. */
  async function interrupted(token: string, sid: string, text: string): Promise<Balance> {
    const ac = new AbortController();
    let first!: () => void;
    const firstEvent = new Promise<void>((r) => (first = r));
    const turn = runSse(srv.url, token, sid, text, { signal: ac.signal, onEvent: () => first() });
    await Promise.race([firstEvent, turn]);
    const during = await balance(srv.url, token);
    ac.abort();
    await turn.catch(() => undefined);
    return during;
  }

  async function settled(token: string): Promise<Balance> {
    const until = Date.now() + 20_000;
    for (;;) {
      const b = await balance(srv.url, token);
      if (b.frozen === 0 || Date.now() > until) return b;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('an export in chat holds its credits while it runs and releases them all once the client is gone', async () => {
    const token = await newToken(srv.url);
    const sid = await sessionWithClip(srv.url, token);
    const v = await versionId(srv.url, token, sid);
    const during = await interrupted(token, sid, 'export');
    expect(during).toEqual({ available: 97, frozen: 3, total: 100 });
    expect(await settled(token)).toEqual({ available: 100, frozen: 0, total: 100 });
    expect(await versionId(srv.url, token, sid)).toBe(v);
  });

  it('an edit saved before an export the client walked away from is charged once, and nothing stays frozen', async () => {
    const token = await newToken(srv.url);
    const sid = await sessionWithClip(srv.url, token);
    const v = await versionId(srv.url, token, sid);
    await interrupted(token, sid, 'make it square and export');
    expect(await settled(token)).toEqual({ available: 97, frozen: 0, total: 97 });
    expect(await versionId(srv.url, token, sid)).not.toBe(v);
  });

  it('an edit interrupted after its first event leaves frozen at 0, charged exactly when the timeline changed', async () => {
    const token = await newToken(srv.url);
    const sid = await sessionWithClip(srv.url, token);
    const v = await versionId(srv.url, token, sid);
    await interrupted(token, sid, 'make it square and black and white');
    const after = await settled(token);
    expect(after.frozen).toBe(0);
    const changed = (await versionId(srv.url, token, sid)) !== v;
    expect(after).toEqual(changed ? { available: 97, frozen: 0, total: 97 } : { available: 100, frozen: 0, total: 100 });
    const ledger = ledgerSums(srv, tokenId(srv, token));
    expect(ledger.total).toBe(after.total);
    expect(ledger.frozen).toBe(0);
  });
});
