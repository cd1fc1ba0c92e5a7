import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectScenes, parseSceneCuts } from '../../src/analysis/index.js';
import { FFMPEG, ffmpeg, tempDir } from '../helpers/media.js';

const ff = { ffmpeg: FFMPEG };
const FRAME = 1000 / 30;

describe('parseSceneCuts', () => {
  // Captured from ffmpeg 5.1 (scale, select='gt(scene,0.3)', showinfo on red, testsrc2 and blue 1 s shots at 30 fps).
  const CAPTURED = `
[Parsed_showinfo_2 @ 0x5635deec6e40] config in time_base: 1/15360, frame_rate: 30/1
[Parsed_showinfo_2 @ 0x5635deec6e40] config out time_base: 0/0, frame_rate: 0/0
[Parsed_showinfo_2 @ 0x5635deec6e40] n:   0 pts:  15360 pts_time:1       pos:     1689 fmt:yuv420p sar:1/1 s:320x180 i:P iskey:0 type:P checksum:F8246E8D plane_checksum:[9685F0AA C7A1FD7C EF7E8049] mean:[125 127 125] stdev:[55.9 78.8 82.0]
[Parsed_showinfo_2 @ 0x5635deec6e40] color_range:tv color_space:unknown color_primaries:unknown color_trc:unknown
[Parsed_showinfo_2 @ 0x5635deec6e40] n:   1 pts:  30720 pts_time:2       pos:   240551 fmt:yuv420p sar:1/1 s:320x180 i:P iskey:0 type:P checksum:93B9F701 plane_checksum:[C66B0B06 8940BF08 E0842CF3] mean:[41 240 110] stdev:[0.0 0.1 0.1]
[Parsed_showinfo_2 @ 0x5635deec6e40] color_range:tv color_space:unknown color_primaries:unknown color_trc:unknown
frame=    2 fps=0.0 q=-0.0 Lsize=N/A time=00:00:02.03 bitrate=N/A speed=39.3x
`;
  it('reads the pts_time of each selected frame, in milliseconds', () => {
    expect(parseSceneCuts(CAPTURED)).toEqual([1000, 2000]);
    expect(parseSceneCuts(CAPTURED, 5000)).toEqual([6000, 7000]);
  });
  it('finds no cuts when no frame was selected', () => {
    expect(parseSceneCuts('[Parsed_showinfo_2 @ 0x1] config in time_base: 1/30, frame_rate: 30/1\n')).toEqual([]);
  });
});

describe('detectScenes', () => {
  let dir: string;
  let shots: string;
  beforeAll(() => {
    dir = tempDir('reelcut-scenes-');
    shots = join(dir, 'three-shots.mp4');
    ffmpeg([
      '-f', 'lavfi', '-i', 'color=c=0xC03020:s=640x360:r=30:d=1',
      '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30:d=1',
      '-f', 'lavfi', '-i', 'smptebars=s=640x360:r=30:d=1',
      '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '300', shots,
    ]);
  });

  it('finds the two cuts of three 1 s shots within one frame of 1000 and 2000 ms', async () => {
    const cuts = await detectScenes(shots, ff);
    expect(cuts).toHaveLength(2);
    expect(Math.abs(cuts[0]! - 1000)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(cuts[1]! - 2000)).toBeLessThanOrEqual(FRAME);
  });

  it('finds no cut in one moving shot', async () => {
    const moving = join(dir, 'one-shot.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30:d=3', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', moving]);
    expect(await detectScenes(moving, ff)).toEqual([]);
  });

  it('reports cuts on the file clock when only a window is read', async () => {
    const cuts = await detectScenes(shots, ff, { startMs: 1500 });
    expect(cuts).toHaveLength(1);
    expect(Math.abs(cuts[0]! - 2000)).toBeLessThanOrEqual(FRAME);
  });

  it('says an audio-only file has no picture, and refuses a threshold outside 0..1', async () => {
    const sound = join(dir, 'tone.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=1', sound]);
    await expect(detectScenes(sound, ff)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
    await expect(detectScenes(shots, ff, { threshold: 1.5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
