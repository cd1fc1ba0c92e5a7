// What synthesising each bundled piece costs: the cache render (`ensureLoopFile`, one ffmpeg run
// that evaluates the track's expression for one pass and keeps the second, filtered pass), timed
// as wall seconds and as the ffmpeg child's CPU seconds, and divided by the piece's length:
//   realtime factor = piece seconds ÷ wall seconds; CPU s/min = CPU seconds per minute of music.
// Each round renders into a fresh folder, so nothing is served from the cache.
// Usage: npx tsx bench/music.ts [--rounds 1] [--track lofi-drift]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getFfmpeg } from '../src/media/index.js';
import { ensureLoopFile, TRACKS } from '../src/music/index.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '1' }, track: { type: 'string' } } });
const ROUNDS = Number(values.rounds);
const tracks = TRACKS.filter((t) => !values.track || t.id === values.track);
if (tracks.length === 0) throw new Error(`no bundled track ${values.track}`);

/** CPU seconds of this process's finished children (Linux: /proc/self/stat cutime + cstime); null elsewhere. */
function childCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // Fields after "pid (comm) " start at state (field 3); cutime and cstime are fields 16 and 17.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

const ff = await getFfmpeg();
console.log(`\nmusic: cache render of each bundled piece (best of ${ROUNDS}); ffmpeg ${ff.version} (${ff.source}), ${cpus().length} cores\n`);
console.log('  track            bpm  bars  piece s  synth Hz    wall s   CPU s   realtime   CPU s/min');
let totalPiece = 0;
let totalCpu = 0;
for (const t of tracks) {
  let best = { wall: Infinity, cpu: NaN };
  for (let r = 0; r < ROUNDS; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'reelcut-bench-music-'));
    const cpu0 = childCpuSeconds();
    const start = process.hrtime.bigint();
    await ensureLoopFile(ff.ffmpeg, t, dir);
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu1 = childCpuSeconds();
    rmSync(dir, { recursive: true, force: true });
    if (wall < best.wall) best = { wall, cpu: cpu0 === null || cpu1 === null ? NaN : cpu1 - cpu0 };
  }
  const piece = t.durationMs / 1000;
  totalPiece += piece;
  totalCpu += best.cpu;
  console.log(
    `  ${t.id.padEnd(15)} ${String(t.bpm).padStart(4)} ${String(t.bars).padStart(5)} ${piece.toFixed(1).padStart(8)} ${String(t.arrangement.rate ?? 24000).padStart(9)}` +
      ` ${best.wall.toFixed(2).padStart(9)} ${best.cpu.toFixed(2).padStart(7)} ${(piece / best.wall).toFixed(1).padStart(9)}x ${((60 * best.cpu) / piece).toFixed(2).padStart(10)}`,
  );
}
console.log(`\n  all ${tracks.length}: ${totalPiece.toFixed(0)} s of music, ${totalCpu.toFixed(1)} CPU s (${((60 * totalCpu) / totalPiece).toFixed(2)} CPU s per minute)`);
