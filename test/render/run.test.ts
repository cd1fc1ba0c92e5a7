import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReelcutError } from '../../src/errors.js';
import { parseProgressBlock, runFfmpeg, writeAtomically, type RenderProgress } from '../../src/render/run.js';
import { FFMPEG, tempDir, videoStream } from '../helpers/media.js';

function encodeArgs(seconds: number, out: string, size = '320x240'): string[] {
  return [
    '-hide_banner', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4', out,
  ];
}

/** A 10-minute encode that cancels itself once ffmpeg reports its first progress. */
function selfCancellingEncode(out: string): Promise<unknown> {
  const ac = new AbortController();
  return runFfmpeg({
    ffmpeg: FFMPEG,
    args: encodeArgs(600, out, '1280x720'),
    durationMs: 600_000,
    signal: ac.signal,
    onProgress: (pr) => {
      if (pr.out_ms > 0) ac.abort();
    },
  });
}

/** Live processes whose command line names `path` (read from /proc: no `ps` needed). */
function ffmpegProcessesWriting(path: string): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(path) && cmd.includes('ffmpeg')) n++;
    } catch {
      // the process ended while we looked
    }
  }
  return n;
}

describe('runFfmpeg', () => {
  it('reports progress rising to 100 % with fps and an ETA', async () => {
    const dir = tempDir();
    const seen: RenderProgress[] = [];
    await runFfmpeg({ ffmpeg: FFMPEG, args: encodeArgs(3, join(dir, 'a.mp4')), durationMs: 3000, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)!.percent).toBe(100);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.percent).toBeGreaterThanOrEqual(seen[i - 1]!.percent);
    expect(videoStream(join(dir, 'a.mp4')).width).toBe(320);
  });

  it('rejects with FFMPEG_FAILED and the reason from stderr when ffmpeg fails', async () => {
    const dir = tempDir();
    const err = await runFfmpeg({ ffmpeg: FFMPEG, args: ['-i', join(dir, 'missing.mp4'), '-f', 'null', '-'], durationMs: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelcutError);
    expect((err as ReelcutError).code).toBe('FFMPEG_FAILED');
    expect((err as ReelcutError).message).toMatch(/No such file/);
  });

  it('names the missing program when ffmpeg cannot be started', async () => {
    const err = await runFfmpeg({ ffmpeg: '/nonexistent/ffmpeg', args: ['-version'], durationMs: 1 }).catch((e: unknown) => e);
    expect((err as ReelcutError).code).toBe('FFMPEG_MISSING');
    expect((err as ReelcutError).message).toContain('/nonexistent/ffmpeg');
  });

  it('cancellation kills the ffmpeg process and rejects with RENDER_CANCELLED', async () => {
    const dir = tempDir();
    const out = join(dir, 'long.mp4');
    const started = Date.now();
    const err = await selfCancellingEncode(out).catch((e: unknown) => e);
    expect((err as ReelcutError).code).toBe('RENDER_CANCELLED');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(ffmpegProcessesWriting(out)).toBe(0);
  });
});

describe('writeAtomically', () => {
  it('puts nothing at the final path when the write fails, and leaves no temp file', async () => {
    const dir = tempDir();
    const final = join(dir, 'out.mp4');
    const err = await writeAtomically(final, async (tmp) => {
      writeFileSync(tmp, 'half a file');
      throw new Error('encoder died');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('encoder died');
    expect(existsSync(final)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a cancelled render leaves neither a final file nor a partial one', async () => {
    const dir = tempDir();
    const final = join(dir, 'out.mp4');
    const err = await writeAtomically(final, selfCancellingEncode).catch((e: unknown) => e);
    expect((err as ReelcutError).code).toBe('RENDER_CANCELLED');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the file appears at the final path only once complete', async () => {
    const dir = tempDir();
    const final = join(dir, 'out.mp4');
    let seenDuring = true;
    await writeAtomically(final, async (tmp) => {
      await runFfmpeg({ ffmpeg: FFMPEG, args: encodeArgs(1, tmp), durationMs: 1000, onProgress: () => (seenDuring &&= !existsSync(final)) });
    });
    expect(seenDuring).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.mp4']);
  });
});

describe('parseProgressBlock', () => {
  it('turns ffmpeg -progress fields into percent, fps, speed and ETA', () => {
    const block = new Map([
      ['out_time_us', '5000000'],
      ['fps', '150.5'],
      ['speed', '5.01x'],
      ['progress', 'continue'],
    ]);
    const p = parseProgressBlock(block, 10_000, 1000);
    expect(p.percent).toBeCloseTo(50);
    expect(p.fps).toBeCloseTo(150.5);
    expect(p.speed).toBeCloseTo(5.01);
    expect(p.eta_s).toBeCloseTo(1);
  });
});
