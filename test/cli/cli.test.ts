// The CLI as a person runs it: the built bin/reelcut, real files, real ffmpeg, exit codes.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SILENT_DEMO_INSTRUCTION, TALKING_DEMO_HINT } from '../../src/demo/run-demo.js';
import { ffmpeg, loudnessOf, pixelAt, tempDir, videoStream } from '../helpers/media.js';
import { rotatedVfrClip } from '../helpers/phone-fixtures.js';
import { bareMachineEnv, runReelcut, runReelcutAsync, writeCliClip } from '../helpers/cli.js';
import { speechBursts } from '../captions/speech.js';

const reelcut = runReelcut;


let dir: string;
beforeAll(() => {
  dir = tempDir('reelcut-cli-');
  writeCliClip(dir);
});

describe('reelcut edit', () => {
  it("runs the seed's example: square crop keeping the centre, music, title; prints summary and a passing check", () => {
    const r = reelcut(['edit', 'clip.mp4', SILENT_DEMO_INSTRUCTION, '-o', 'out.mp4'], dir);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1\. Video: clip\.mp4 \(0-4s\)/);
    expect(r.stdout).toMatch(/BGM: .*35%/);
    expect(r.stdout).not.toMatch(/BGM: Trending/); // bound to the real bundled track
    expect(r.stdout).toMatch(/Title: "Urban Dreams" \(0-3s\)/);
    expect(r.stdout).toMatch(/Verdict: ready/);
    const v = videoStream(join(dir, 'out.mp4'));
    expect([v.width, v.height]).toEqual([1080, 1080]);
    // The crop kept the middle (green) band; red and blue were cut away.
    const [r0, g0, b0] = pixelAt(join(dir, 'out.mp4'), 3.5, 540, 540);
    expect(g0).toBeGreaterThan(200);
    expect(r0 + b0).toBeLessThan(80);
    // Plain progress lines when not on a terminal.
    expect(r.stderr).toMatch(/Rendering\s+100%/);
  });

  it('refuses an instruction it cannot act on with one readable line and exit 2', () => {
    const r = reelcut(['edit', 'clip.mp4', 'make it look like a dream sequence'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/did not understand/);
    expect(readdirSync(dir).filter((f) => f.includes('reelcut.mp4'))).toEqual([]);
  });

  it('names a missing input file', () => {
    const r = reelcut(['edit', 'nope.mp4', 'crop to square'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.mp4/);
  });

  it('rejects an invalid --ops file naming the operation and field', () => {
    writeFileSync(join(dir, 'bad-ops.json'), JSON.stringify([{ op: 'set_aspect', aspect: '3:2' }]));
    const r = reelcut(['edit', 'clip.mp4', '--ops', 'bad-ops.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/operation 1/);
    expect(r.stderr).toMatch(/aspect/);
  });

  it('applies operations from --ops JSON (fit pads with the background colour)', () => {
    writeFileSync(join(dir, 'ops.json'), JSON.stringify([{ op: 'set_aspect', aspect: '16:9', fit: 'fit', background: 'white' }, { op: 'set_resolution', height: 360 }]));
    const r = reelcut(['edit', 'clip.mp4', '--ops', 'ops.json', '-o', 'wide.mp4'], dir);
    expect(r.code).toBe(0);
    const v = videoStream(join(dir, 'wide.mp4'));
    expect([v.width, v.height]).toEqual([640, 360]);
    const [pr, pg, pb] = pixelAt(join(dir, 'wide.mp4'), 1, 20, 180);
    expect(Math.min(pr, pg, pb)).toBeGreaterThan(230); // white side bar
  });

  it('uses a given --music file as the music, in place of a library query', () => {
    ffmpeg(['-f', 'lavfi', '-i', 'sine=f=880:d=10', '-c:a', 'aac', join(dir, 'song.m4a')]);
    const r = reelcut(['edit', 'clip.mp4', 'add lo-fi music at 50%', '--music', 'song.m4a', '--format', 'square', '-o', 'with-song.mp4'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/BGM: song\.m4a \(0-4s, 50%\)/);
    expect(videoStream(join(dir, 'with-song.mp4')).width).toBe(1080);
  });

  it('reports unsupported media with exit 4 and the accepted formats', () => {
    writeFileSync(join(dir, 'notes.mp4'), 'this is not a video');
    const r = reelcut(['edit', 'notes.mp4', 'crop to square'], dir);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/Accepted: video \(mp4/);
  });
});

describe('reelcut demo', () => {
  it("runs the seed's example on a talking sample: square, trending music, captions from the speech, a passing check", async () => {
    const r = await runReelcutAsync(['demo', '--dir', 'demo', '--seconds', '5'], dir);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Instruction: "crop to square format, add trending music, and overlay captions"');
    expect(r.stdout).toMatch(/1\. Video: phone-sample-talking-5s\.mp4 \(0-5s\)\s+2\. BGM: .+ \(0-5s, 35%\)\s+3\. Captions: [1-9]\d* words?, classic/);
    expect(r.stdout).toMatch(/Verdict: ready for Instagram Feed square/);
    expect(r.stdout).not.toContain(TALKING_DEMO_HINT);
    const out = join(dir, 'demo', 'seed-example-square.mp4');
    const v = videoStream(out);
    expect([v.width, v.height, v.profile]).toEqual([1080, 1080, 'High']);
    // The music is in the output: between the phrases, where the sample has only its -50 dBFS floor.
    const sample = join(dir, 'demo', 'phone-sample-talking-5s.mp4');
    const bursts = speechBursts(sample);
    const pause = 'atrim=start=3.4:duration=0.8,';
    expect(loudnessOf(sample, pause).lufs).toBeLessThan(-45);
    expect(loudnessOf(out, pause).lufs).toBeGreaterThan(-25);
    // Even 5 s of sample holds a whole spoken phrase, not a cut-off one.
    expect(bursts.length).toBeGreaterThanOrEqual(1);
    expect(bursts.reduce((sum, b) => sum + b.end_ms - b.start_ms, 0)).toBeGreaterThan(1000);
    expect(bursts[bursts.length - 1]!.end_ms).toBeLessThan(4900);
  });

  it('falls back to the silent sample and the titled edit, with the install line, on a PATH without espeak-ng', async () => {
    const env = bareMachineEnv(dir);
    const r = await runReelcutAsync(['demo', '--dir', 'bare', '--seconds', '4'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('apt-get'))).toEqual([TALKING_DEMO_HINT]);
    expect(r.stdout).toMatch(/1\. Video: phone-sample-4s\.mp4 \(0-4s\)\s+2\. BGM: .+ \(0-4s, 35%\)\s+3\. Title: "Urban Dreams" \(0-3s\)/);
    expect(r.stdout).toMatch(/Verdict: ready for Instagram Feed square/);
    const v = videoStream(join(dir, 'bare', 'urban-dreams-square.mp4'));
    expect([v.width, v.height]).toEqual([1080, 1080]);
  });
});

describe('reelcut probe, check, render', () => {
  it('probe prints the display size after rotation', async () => {
    const clip = await rotatedVfrClip();
    const r = reelcut(['probe', clip], dir);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.kind).toBe('video');
    expect(info.video.rotation).toBe(90);
    expect(info.width).toBeLessThan(info.height);
  });

  it('check exits 1 and says why for a file that is not faststart', () => {
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=540x960:r=30:d=4', '-c:v', 'libx264', '-preset', 'ultrafast', join(dir, 'slow.mp4')]);
    const r = reelcut(['check', 'slow.mp4', '--json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.checks.find((c: { id: string }) => c.id === 'moov_first').status).toBe('fail');
  });

  it('render reads a saved timeline with media paths relative to it', () => {
    const timeline = {
      version: 1,
      media: [{ id: 'a', name: 'clip.mp4', kind: 'video', duration_ms: 4000, width: 360, height: 640, has_audio: true, path: 'clip.mp4' }],
      clips: [{ id: 'c1', media_id: 'a', in_ms: 1000, out_ms: 3000 }],
      format: { aspect: '9:16', height: 360 },
    };
    writeFileSync(join(dir, 'timeline.json'), JSON.stringify(timeline));
    const r = reelcut(['render', 'timeline.json', '-o', 'from-json.mp4', '--json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).check.ok).toBe(false); // 2 s is under Reels' 3 s minimum: reported, not hidden
    const v = videoStream(join(dir, 'from-json.mp4'));
    expect([v.width, v.height]).toEqual([360, 640]);
    expect(Number(v.duration)).toBeCloseTo(2, 1);
    expect(existsSync(join(dir, 'from-json.mp4'))).toBe(true);
  });
});
