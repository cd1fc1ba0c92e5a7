// Vitest wiring for server tests, kept out of harness.ts so benches can use the harness.
import { afterAll, beforeAll } from 'vitest';
import { startServer, type TestServer } from './harness.js';
import type { ServerOptionsInput } from '../../src/server/index.js';

/**
 * One server for the enclosing describe block: started before its tests, closed after them.
 * The returned object is filled in by beforeAll, so read its fields inside tests only.
 */
export function suiteServer(over: Partial<ServerOptionsInput> = {}): TestServer {
  const holder = {} as TestServer;
  beforeAll(async () => {
    Object.assign(holder, await startServer(over));
  });
  afterAll(async () => {
    await holder.close();
  });
  return holder;
}
