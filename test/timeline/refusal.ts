// The ReelcutError a call throws, for asserting on its code and message.
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
