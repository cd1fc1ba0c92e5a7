// What a jump cut keeps of a pause: the speech's soft edges (what rises above the pause's room
// tone), never the room tone itself, at most 100 ms a side. Pure cases, then a real decaying
// tone measured by ffmpeg.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSilences } from '../../src/analysis/index.js';
import { measureLevels, windowLevels, SILENT_DB } from '../../src/analysis/levels.js';
import { pauseEdges } from '../../src/analysis/silence-edges.js';
import { FFMPEG, ffmpeg, tempDir } from '../helpers/media.js';

const levels = (db: number[]) => ({ startMs: 0, stepMs: 10, db });

describe('pauseEdges', () => {
  it('keeps the windows above the floor at each side of the pause, and nothing of a flat floor', () => {
    // 0–100 ms speech, then 30 ms fading, 500 ms of room tone, 20 ms rising, speech.
    const db = [...Array(10).fill(-10), -30, -36, -40, ...Array(50).fill(-52), -42, -38, ...Array(10).fill(-12)];
    const edges = pauseEdges({ start_ms: 100, end_ms: 650 }, levels(db));
    expect(edges).toEqual({ keepStartMs: 30, keepEndMs: 20 });
    expect(pauseEdges({ start_ms: 130, end_ms: 630 }, levels(db))).toEqual({ keepStartMs: 0, keepEndMs: 0 });
  });

  it('keeps at most the limit of a long fade, and the full limit of a pause too short to have a floor', () => {
    const fade = [...Array(30).fill(-40), ...Array(40).fill(-60)];
    expect(pauseEdges({ start_ms: 0, end_ms: 700 }, levels(fade), { maxKeepMs: 100, aboveFloorDb: 6 }).keepStartMs).toBe(100);
    expect(pauseEdges({ start_ms: 0, end_ms: 20 }, levels(fade))).toEqual({ keepStartMs: 100, keepEndMs: 100 });
  });

  it('digital silence is a floor like any other', () => {
    const db = [-20, -45, ...Array(40).fill(SILENT_DB), -44, -20];
    expect(pauseEdges({ start_ms: 10, end_ms: 430 }, levels(db))).toEqual({ keepStartMs: 10, keepEndMs: 10 });
    expect(windowLevels(new Float32Array(320))).toEqual([SILENT_DB, SILENT_DB]);
  });
});

describe('a real fading tone', () => {
  it('keeps the fade above the room tone (about 40 ms of a 40 ms-decay tail under -35 dB), and cuts the rest of the pause', async () => {
    const dir = tempDir('reelcut-silence-edges-');
    const wav = join(dir, 'fade.wav');
    // 1 s tone at -6 dBFS, then an exponential decay (tau 40 ms), room tone at about -52 dBFS
    // throughout, and the tone again from 2.5 s.
    const tone = '0.5*sin(2*PI*440*t)*(lt(t,1)+gte(t,1)*lt(t,2.5)*exp(-(t-1)/0.04)+gte(t,2.5))';
    ffmpeg([
      '-f', 'lavfi', '-i', `aevalsrc=${tone.replace(/,/g, '\\,')}:s=48000:d=3.5`,
      '-f', 'lavfi', '-i', 'anoisesrc=r=48000:amplitude=0.0035:color=white:seed=3:d=3.5',
      '-filter_complex', '[0:a][1:a]amix=inputs=2:normalize=0', wav,
    ]);
    const [silence] = await detectSilences(wav, { thresholdDb: -35, minSilenceMs: 500 }, { ffmpeg: FFMPEG });
    expect(silence).toBeDefined();
    const edges = pauseEdges(silence!, await measureLevels(wav, {}, { ffmpeg: FFMPEG }));
    // The decay crosses -35 dB about 1.13 s and reaches the floor + 6 dB (-46) about 40 ms later.
    expect(edges.keepStartMs).toBeGreaterThanOrEqual(20);
    expect(edges.keepStartMs).toBeLessThanOrEqual(70);
    // The tone comes back at full level at once: nothing to keep before it.
    expect(edges.keepEndMs).toBeLessThanOrEqual(10);
  });
});
