// Cutting to the beat end to end: three 2.3 s shots and the bundled 120 BPM pop track (a kick on
// every beat from 0 s, so its beats fall at multiples of 500 ms); every join must land on one.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { beatGrid, beatSyncOperations, offBeatJoins } from '../../src/analysis/beat-edit.js';
import { detectScenes, prepareOperation } from '../../src/analysis/index.js';
import { applyAll, loadInputs } from '../../src/cli/edit-job.js';
import { ReelcutError } from '../../src/errors.js';
import { clipOutputRanges, createTimeline, timelineDuration, type Timeline } from '../../src/timeline/index.js';
import { runReelcut } from '../helpers/cli.js';
import { FFMPEG, ffmpeg, tempDir } from '../helpers/media.js';

const FRAME = 1000 / 30;
const BEAT_MS = 500; // 120 BPM
const CLIP_MS = 2300;

/** A 2.3 s 360×640 shot of one flat colour with a quiet tone: shot changes a scene detector cannot miss. */
function shot(dir: string, name: string, colour: string, hz: number): string {
  const out = join(dir, `${name}.mp4`);
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=${colour}:s=360x640:r=30:d=${CLIP_MS / 1000}`,
    '-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000:duration=${CLIP_MS / 1000}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', out,
  ]);
  return out;
}

/** Output times where one clip gives way to the next. */
const joins = (t: Timeline) => clipOutputRanges(t).slice(1).map((r) => r.start_ms);
/** How far `ms` is from the nearest beat of the 120 BPM track. */
const offBeat = (ms: number) => Math.abs(ms - Math.round(ms / BEAT_MS) * BEAT_MS);

let dir: string;
let shots: string[];

beforeAll(() => {
  dir = tempDir('reelcut-beat-sync-');
  shots = [shot(dir, 'a', 'red', 330), shot(dir, 'b', 'lime', 440), shot(dir, 'c', 'blue', 550)];
  // Pink noise: music with no beat at all.
  ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=r=44100:amplitude=0.3:color=pink:seed=3:d=8', join(dir, 'noise.wav')]);
});

describe('beat_sync through prepareOperation', () => {
  it('moves every join of three 2.3 s clips onto a beat of the 120 BPM pop track', async () => {
    const loaded = await loadInputs(shots);
    const withMusic = await applyAll(loaded, loaded.timeline, [{ op: 'add_music', query: 'pop' }]);
    expect(joins(withMusic).map(offBeat).some((d) => d > FRAME)).toBe(true);
    const ready = await prepareOperation({ op: 'beat_sync' }, withMusic, { ff: loaded.ff, media: loaded.infos });
    expect(ready.every((o) => o.op === 'trim' && o.clip !== undefined)).toBe(true);
    const synced = await applyAll(loaded, withMusic, ready);
    expect(joins(synced)).toHaveLength(2);
    for (const j of joins(synced)) expect(offBeat(j), `join at ${j} ms`).toBeLessThanOrEqual(FRAME);
    // No clip grew, none shrank by a beat or more, and the music still lies under the whole video.
    for (const r of clipOutputRanges(synced)) {
      expect(r.end_ms - r.start_ms).toBeLessThanOrEqual(CLIP_MS);
      expect(r.end_ms - r.start_ms).toBeGreaterThan(CLIP_MS - BEAT_MS);
    }
    expect(synced.music[0]!.end_ms).toBe(timelineDuration(synced));
  });

  it('asks for music first when the video has none', async () => {
    const loaded = await loadInputs(shots);
    const err = await prepareOperation({ op: 'beat_sync' }, loaded.timeline, { ff: loaded.ff, media: loaded.infos }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelcutError);
    expect((err as ReelcutError).message).toMatch(/add music first/);
  });

  it('refuses music with no steady beat instead of cutting to a guess', async () => {
    const loaded = await loadInputs(shots, { music: join(dir, 'noise.wav') });
    const noiseId = loaded.timeline.media.at(-1)!.id;
    const withNoise = await applyAll(loaded, loaded.timeline, [{ op: 'add_music', media_id: noiseId }]);
    const err = await prepareOperation({ op: 'beat_sync' }, withNoise, { ff: loaded.ff, media: loaded.infos }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelcutError);
    expect((err as ReelcutError).message).toMatch(/no steady beat/);
  });
});

describe('beat-sync arithmetic', () => {
  it('a beat grid keeps the detected phase and fills the beats a tracker misses at the edges', () => {
    expect(beatGrid([507, 1007, 1507], 500, 0, 2600)).toEqual([7, 507, 1007, 1507, 2007, 2507]);
  });

  it('keeps every clip at least half a second long', () => {
    const t = createTimeline([
      { id: 'm1', name: 'a.mp4', kind: 'video', duration_ms: 900, width: 360, height: 640, has_audio: false },
      { id: 'm2', name: 'b.mp4', kind: 'video', duration_ms: 900, width: 360, height: 640, has_audio: false },
    ]);
    // The only beat before the join at 900 ms would leave clip 1 at 100 ms: the join stays.
    expect(beatSyncOperations(t, [100, 1500], { minClipMs: 500, toleranceMs: 16 })).toEqual([]);
    expect(beatSyncOperations(t, [600, 1500], { minClipMs: 500, toleranceMs: 16 })).toEqual([{ op: 'trim', clip: 1, end_ms: 600 }]);
    expect(offBeatJoins(t, [100, 1500], 16)).toEqual([900]);
    expect(offBeatJoins(t, [890, 1500], 16)).toEqual([]);
  });
});

describe('reelcut edit a.mp4 b.mp4 c.mp4 "add upbeat pop music and cut it to the beat"', () => {
  it('renders shot changes on the beats of the music', async () => {
    const r = runReelcut(['edit', 'a.mp4', 'b.mp4', 'c.mp4', 'add upbeat pop music and cut it to the beat', '-o', 'on-beat.mp4'], dir);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const cuts = await detectScenes(join(dir, 'on-beat.mp4'), { ffmpeg: FFMPEG });
    expect(cuts).toHaveLength(2);
    for (const c of cuts) expect(offBeat(c), `shot change at ${c} ms`).toBeLessThanOrEqual(FRAME);
    expect(r.stdout).toMatch(/Verdict: ready for Instagram/);
  });
});
