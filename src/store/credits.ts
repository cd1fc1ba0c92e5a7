// The credit ledger. Every change is an appended entry plus the balance it leads to, in one
// transaction; the balance table's CHECKs make a negative or over-frozen balance impossible even
// if a caller races, and better-sqlite3 runs each transaction to completion before the next.
import type { Db } from './db.js';

export interface Balance {
  total: number;
  frozen: number;
  available: number;
}

export interface CreditRepo {
  grant(tokenId: string, amount: number, reason?: string): Balance;
  balance(tokenId: string): Balance;
  /** Reserves `amount` for work in flight; false (nothing changed) when fewer are available. */
  freeze(tokenId: string, amount: number, ref: string): boolean;
  /** Work done: the reserved credits are spent. */
  charge(tokenId: string, amount: number, ref: string): Balance;
  /** Work abandoned: the reserved credits are available again. */
  release(tokenId: string, amount: number, ref: string): Balance;
}

export function createCreditRepo(db: Db, now: () => number = Date.now): CreditRepo {
  const entry = db.prepare(
    'INSERT INTO ledger_entries (token_id, delta_total, delta_frozen, reason, ref, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const get = db.prepare('SELECT total, frozen FROM balances WHERE token_id = ?');
  const upsert = db.prepare(
    'INSERT INTO balances (token_id, total, frozen) VALUES (?, ?, 0) ON CONFLICT (token_id) DO UPDATE SET total = total + excluded.total',
  );
  const freezeStmt = db.prepare('UPDATE balances SET frozen = frozen + ? WHERE token_id = ? AND total - frozen >= ?');
  const move = db.prepare('UPDATE balances SET total = total + ?, frozen = frozen + ? WHERE token_id = ?');

  const balance = (tokenId: string): Balance => {
    const row = get.get(tokenId) as { total: number; frozen: number } | undefined;
    const total = row?.total ?? 0;
    const frozen = row?.frozen ?? 0;
    return { total, frozen, available: total - frozen };
  };
  const change = (tokenId: string, dTotal: number, dFrozen: number, reason: string, ref: string | null) => {
    move.run(dTotal, dFrozen, tokenId);
    entry.run(tokenId, dTotal, dFrozen, reason, ref, now());
  };

  const positive = (amount: number) => {
    if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`credit amounts are whole and not negative (got ${amount})`);
  };

  return {
    grant: db.transaction((tokenId: string, amount: number, reason = 'grant') => {
      positive(amount);
      upsert.run(tokenId, amount);
      entry.run(tokenId, amount, 0, reason, null, now());
      return balance(tokenId);
    }),
    balance,
    freeze: db.transaction((tokenId: string, amount: number, ref: string) => {
      positive(amount);
      if (amount === 0) return true;
      if (freezeStmt.run(amount, tokenId, amount).changes !== 1) return false;
      entry.run(tokenId, 0, amount, 'freeze', ref, now());
      return true;
    }),
    charge: db.transaction((tokenId: string, amount: number, ref: string) => {
      positive(amount);
      if (amount > 0) change(tokenId, -amount, -amount, 'charge', ref);
      return balance(tokenId);
    }),
    release: db.transaction((tokenId: string, amount: number, ref: string) => {
      positive(amount);
      if (amount > 0) change(tokenId, 0, -amount, 'release', ref);
      return balance(tokenId);
    }),
  };
}
