// `reelcut serve` as a process: listen, say where, and on SIGINT/SIGTERM stop taking requests,
// put renders in flight back in the queue (they finish after the next start) and exit.
import { createServer } from './app.js';
import type { ServerOptions } from './context.js';

export async function serveUntilSignal(opts: ServerOptions, say: (line: string) => void): Promise<void> {
  const server = await createServer(opts);
  const url = await server.listen();
  say(`reelcut serve: listening on ${url} (data in ${opts.dataDir}; an edit turn costs ${opts.editCost} credit${opts.editCost === 1 ? '' : 's'})`);
  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      say(`reelcut serve: ${signal}, stopping`);
      server.close().then(resolveStop, (e: unknown) => {
        say(`reelcut serve: error while stopping: ${e instanceof Error ? e.message : String(e)}`);
        resolveStop();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
