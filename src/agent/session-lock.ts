// One turn at a time per session: a second message waits for the first to commit, so it plans
// against the timeline the first one left (and the store's stale-history check never has to fire).
export class SessionLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `work` once every earlier holder of `key` is done. A `signal` that aborts while this
   * caller is still waiting gives up its place (rejecting with the signal's reason) without
   * holding up the callers queued after it.
   */
  async run<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    const done = () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    if (signal) {
      try {
        await waitOrAbort(before, signal);
      } catch (e) {
        void before.then(done);
        throw e;
      }
    } else {
      await before;
    }
    try {
      return await work();
    } finally {
      done();
    }
  }
}

function waitOrAbort(p: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
