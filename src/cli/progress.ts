// Render progress for people: a redrawn bar on a terminal, plain lines every 10 % otherwise
// (logs and CI keep them readable).
import type { RenderProgress } from '../render/index.js';

export interface ProgressSink {
  update(p: RenderProgress): void;
  done(): void;
}

export function progressSink(stream: NodeJS.WriteStream, label: string): ProgressSink {
  const tty = Boolean(stream.isTTY);
  let lastBucket = -1;
  let drawn = false;
  return {
    update(p) {
      const eta = p.eta_s === null ? '--' : `${Math.ceil(p.eta_s)}s`;
      const stats = `${p.percent.toFixed(0).padStart(3)}%  ${p.fps.toFixed(0)} fps  ${p.speed.toFixed(1)}x  ETA ${eta}`;
      if (tty) {
        const width = 24;
        const filled = Math.round((p.percent / 100) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${stats}   `);
        drawn = true;
        return;
      }
      const bucket = Math.floor(p.percent / 10);
      if (bucket > lastBucket) {
        lastBucket = bucket;
        stream.write(`${label} ${stats}\n`);
      }
    },
    done() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
