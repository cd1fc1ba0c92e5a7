// Download links as capabilities: HMAC-signed over the render and an expiry with a key that
// never leaves the data dir, so a link cannot be forged for another render or kept past its time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const DOWNLOAD_LINK_MS = 24 * 3600 * 1000;

export function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) return readFileSync(file);
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

export interface Signer {
  sign(jobId: string, now?: number): { exp: number; sig: string };
  verify(jobId: string, exp: string | undefined, sig: string | undefined, now?: number): boolean;
}

export function createSigner(key: Buffer, lifetimeMs = DOWNLOAD_LINK_MS): Signer {
  const mac = (jobId: string, exp: number) => createHmac('sha256', key).update(`${jobId}.${exp}`).digest('base64url');
  return {
    sign(jobId, now = Date.now()) {
      const exp = Math.floor((now + lifetimeMs) / 1000);
      return { exp, sig: mac(jobId, exp) };
    },
    verify(jobId, exp, sig, now = Date.now()) {
      if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
      const e = Number(exp);
      if (e * 1000 < now) return false;
      const want = Buffer.from(mac(jobId, e));
      const got = Buffer.from(sig);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}
