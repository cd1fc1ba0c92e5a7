// Pauses removed end to end: espeak-ng speech, a known pause, a faint room tone; silencedetect
// finds the pause, prepareOperation turns it into cuts, the renderer shortens the clip by it.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareOperation } from '../../src/analysis/index.js';
import { silenceCutOperations } from '../../src/analysis/silence-edit.js';
import { applyAll, loadInputs } from '../../src/cli/edit-job.js';
import { ReelcutError } from '../../src/errors.js';
import { createTimeline, timelineDuration, type Timeline } from '../../src/timeline/index.js';
import { runReelcut } from '../helpers/cli.js';
import { audioStream, ffmpeg, tempDir, videoStream } from '../helpers/media.js';
import { speechPauseSpeech, spokenWords, soxDurationMs } from './fixtures.js';

const FPS = 30;
const FRAME = 1000 / FPS;
const PAUSE_MS = 1500;
const PADDING_MS = 100;

/** `sound` under a 360×640 moving picture, over a pink noise floor about 50 dB down (a room's tone). */
function talkingClip(sound: string, out: string): string {
  const seconds = soxDurationMs(sound) / 1000;
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=s=360x640:r=${FPS}:d=${seconds}`,
    '-i', sound,
    '-f', 'lavfi', '-i', 'anoisesrc=r=48000:amplitude=0.003:color=pink:seed=7',
    '-filter_complex', '[1:a]aresample=48000[s];[s][2:a]amix=inputs=2:duration=first:normalize=0[a]',
    '-map', '0:v', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k',
    out,
  ]);
  return out;
}

const ms = (seconds: string | undefined) => Math.round(Number(seconds) * 1000);

let dir: string;
let pausedClip: string;
let steadyClip: string;
let pause: { pauseStartMs: number; pauseEndMs: number; durationMs: number };

beforeAll(() => {
  dir = tempDir('reelcut-remove-silence-');
  const sps = speechPauseSpeech(dir, PAUSE_MS);
  pause = sps;
  pausedClip = talkingClip(sps.path, join(dir, 'clip.mp4'));
  steadyClip = talkingClip(spokenWords(dir, 'steady', 'we keep talking all the way through this one'), join(dir, 'steady.mp4'));
});

describe('silence cuts on the output timeline', () => {
  // Clip 1 shows a.mp4 0–3 s; clip 2 shows b.mp4 1–7 s at double speed (3 s of output from 3 s).
  const twoClips = (transition: Timeline['transition'] = null): Timeline => {
    const t = createTimeline([
      { id: 'm1', name: 'a.mp4', kind: 'video', duration_ms: 3000, width: 360, height: 640, has_audio: true },
      { id: 'm2', name: 'b.mp4', kind: 'video', duration_ms: 8000, width: 360, height: 640, has_audio: true },
    ]);
    return { ...t, transition, clips: [t.clips[0]!, { ...t.clips[1]!, in_ms: 1000, out_ms: 7000, speed: 2 }] };
  };
  const opts = { paddingMs: PADDING_MS, frameMs: FRAME };

  it('maps media time through each clip\'s start, in point and speed, and lists the last cut first', () => {
    const silences = new Map([
      [0, [{ start_ms: 1000, end_ms: 2000 }]],
      [1, [{ start_ms: 3000, end_ms: 4000 }]], // seen at 3000 + (3000 - 1000) / 2 = 4000 .. 4500
    ]);
    expect(silenceCutOperations(twoClips(), silences, opts)).toEqual([
      { op: 'cut', start_ms: 4100, end_ms: 4400 },
      { op: 'cut', start_ms: 1100, end_ms: 1900 },
    ]);
  });

  it('leaves a transition\'s overlap alone: both clips show there', () => {
    // With a 0.5 s crossfade clip 2 starts at 2.5 s; media 1.0–1.6 s is seen at 2.5–2.8 s, inside the overlap.
    const silences = new Map([[1, [{ start_ms: 1000, end_ms: 1600 }]]]);
    expect(silenceCutOperations(twoClips({ kind: 'crossfade', duration_ms: 500 }), silences, opts)).toEqual([]);
  });
});

describe('remove_silence through prepareOperation', () => {
  it('turns the pause into one frame-aligned cut of the whole pause: room tone is not speech, so none of it is kept', async () => {
    const loaded = await loadInputs([pausedClip]);
    const ready = await prepareOperation({ op: 'remove_silence' }, loaded.timeline, { ff: loaded.ff, media: loaded.infos });
    expect(ready).toHaveLength(1);
    const cut = ready[0]!;
    if (cut.op !== 'cut') throw new Error(`expected a cut, got ${cut.op}`);
    expect(Math.abs(cut.start_ms - pause.pauseStartMs)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(cut.end_ms - pause.pauseEndMs)).toBeLessThanOrEqual(FRAME);
    // Cut ends land on output frames.
    for (const t of [cut.start_ms, cut.end_ms]) expect(Math.abs(t / FRAME - Math.round(t / FRAME))).toBeLessThan(0.05);
    const after = await applyAll(loaded, loaded.timeline, [{ op: 'remove_silence' }]);
    expect(Math.abs(timelineDuration(loaded.timeline) - timelineDuration(after) - PAUSE_MS)).toBeLessThanOrEqual(FRAME);
  });

  it('says in words that no pause was found instead of making an empty edit', async () => {
    const loaded = await loadInputs([steadyClip]);
    const err = await prepareOperation({ op: 'remove_silence' }, loaded.timeline, { ff: loaded.ff, media: loaded.infos }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelcutError);
    expect((err as ReelcutError).message).toMatch(/no pauses longer than 0\.5 s/);
  });
});

describe('reelcut edit clip.mp4 "cut out the pauses"', () => {
  it('shortens the clip by the pause length to within a frame, picture and sound together', () => {
    const r = runReelcut(['edit', 'clip.mp4', 'cut out the pauses', '-o', 'tight.mp4'], dir);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const out = join(dir, 'tight.mp4');
    const before = ms(videoStream(pausedClip).duration);
    const after = ms(videoStream(out).duration);
    const v = videoStream(out);
    const a = audioStream(out)!;
    expect(Math.abs(before - after - PAUSE_MS)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(ms(v.duration) - ms(a.duration))).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(ms(v.start_time) - ms(a.start_time))).toBeLessThanOrEqual(FRAME);
    expect(r.stdout).toMatch(/Verdict: ready for Instagram/);
  });

  it('fails with the reason when the clip has no pause to cut', () => {
    const r = runReelcut(['edit', 'steady.mp4', 'cut out the pauses', '-o', 'steady-out.mp4'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no pauses longer than 0\.5 s/);
  });
});
