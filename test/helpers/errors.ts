// The ReelcutError a call throws (or a promise rejects with), for asserting on its code and message.
import { ReelcutError } from '../../src/errors.js';

export function refusal(fn: () => unknown): ReelcutError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReelcutError) return e;
    throw e;
  }
  throw new Error('expected a ReelcutError, but the call succeeded');
}

/** Like refusal, for a promise or a call that may throw synchronously or reject. */
export async function failure(p: Promise<unknown> | (() => unknown)): Promise<ReelcutError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ReelcutError) return e;
    throw e;
  }
  throw new Error('expected a ReelcutError, but the call succeeded');
}
