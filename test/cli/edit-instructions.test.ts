// Words to pixels: `reelcut edit` plans the instruction against the loaded clip (so "the last
// second" resolves), renders it with the real ffmpeg, and the result is measured.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReelcut, writeCliClip } from '../helpers/cli.js';
import { pixelAt, probe, tempDir, videoStream } from '../helpers/media.js';

const reelcut = runReelcut;

let dir: string;
beforeAll(() => {
  dir = tempDir('reelcut-edit-words-');
  writeCliClip(dir);
});

const seconds = (file: string) => Number(probe(file).format.duration);

describe('reelcut edit reads the instruction with the planner', () => {
  it('a Chinese instruction: 剪掉前1秒，改成方形，黑白 → 3 s, square, grey', () => {
    const r = reelcut(['edit', 'clip.mp4', '剪掉前1秒，改成方形，黑白', '-o', 'zh.mp4'], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = join(dir, 'zh.mp4');
    expect(seconds(out)).toBeGreaterThan(2.9);
    expect(seconds(out)).toBeLessThan(3.15);
    const v = videoStream(out);
    expect(v.width).toBe(v.height);
    // Black and white: the green middle band has no colour left.
    const [red, green, blue] = pixelAt(out, 1.5, Math.floor(Number(v.width) / 2), Math.floor(Number(v.height) / 2));
    expect(Math.max(red, green, blue) - Math.min(red, green, blue)).toBeLessThan(12);
  });

  it('a relative reference resolves against the clip: "cut the last second, then half speed" → 6 s', () => {
    const r = reelcut(['edit', 'clip.mp4', 'cut the last second, then half speed', '-o', 'rel.mp4'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Cut 3–4 s|Cut 3\u20134 s/);
    const out = join(dir, 'rel.mp4');
    expect(seconds(out)).toBeGreaterThan(5.9);
    expect(seconds(out)).toBeLessThan(6.2);
  });

  it('says what it left out on stderr and still renders what it understood', () => {
    const r = reelcut(['edit', 'clip.mp4', 'make it square with a vhs glitch effect', '-o', 'partial.mp4'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/did not understand "vhs glitch effect"/);
    const v = videoStream(join(dir, 'partial.mp4'));
    expect(v.width).toBe(v.height);
  });
});
