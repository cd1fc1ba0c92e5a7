// Music said without a word on ducking is ducked when the video plays speech, and not over a
// silent video; a word said either way stands.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareOperation } from '../../src/analysis/index.js';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { createTimeline, type Timeline } from '../../src/timeline/index.js';
import { ffmpeg, tempDir } from '../helpers/media.js';
import { writeSpokenPhrases } from '../captions/speech.js';

let ff: FfmpegInfo;
const clips: Record<'talking' | 'quiet', { timeline: Timeline; media: Map<string, MediaInfo> }> = {} as never;

beforeAll(async () => {
  ff = await getFfmpeg();
  const dir = tempDir('reelcut-prepare-music-');
  const wav = join(dir, 'speech.wav');
  writeSpokenPhrases(wav, dir, ['this is me talking to the camera'], { leadMs: 300 });
  const talking = join(dir, 'talking.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=320x568:r=30', '-i', wav, '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', talking]);
  const quiet = join(dir, 'quiet.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=320x568:r=30:d=3', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo', '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', quiet]);
  for (const [name, path] of [['talking', talking], ['quiet', quiet]] as const) {
    const info = await probeMedia(path, ff);
    clips[name] = { timeline: createTimeline([{ ...toMediaItem(info, 'm1', `${name}.mp4`), path }]), media: new Map([['m1', info]]) };
  }
});

describe('add_music and ducking', () => {
  it('ducks the music when the video plays speech', async () => {
    const [op] = await prepareOperation({ op: 'add_music', query: 'lofi' }, clips.talking.timeline, { ff, media: clips.talking.media });
    expect(op).toEqual({ op: 'add_music', query: 'lofi', duck: true });
  });

  it('does not duck over a video with no sound, nor when its sound is muted', async () => {
    const [op] = await prepareOperation({ op: 'add_music', query: 'lofi' }, clips.quiet.timeline, { ff, media: clips.quiet.media });
    expect(op).toEqual({ op: 'add_music', query: 'lofi', duck: false });
    const muted = { ...clips.talking.timeline, original_audio: { volume: 1, muted: true } };
    const [again] = await prepareOperation({ op: 'add_music', query: 'lofi' }, muted, { ff, media: clips.talking.media });
    expect(again).toMatchObject({ duck: false });
  });

  it('leaves a ducking choice the person made as it is', async () => {
    const [op] = await prepareOperation({ op: 'add_music', query: 'lofi', duck: false }, clips.talking.timeline, { ff, media: clips.talking.media });
    expect(op).toEqual({ op: 'add_music', query: 'lofi', duck: false });
  });
});
