// `reelcut check` on files made here with the real ffmpeg: one compliant file, then variants
// that each break one Instagram requirement. Every test names the check that must catch it and
// asserts the complete set of failing checks, so a check that fires on good files is caught too.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReelcutError } from '../../src/errors.js';
import { checkFile, type CheckId, type CheckReport, type CheckStatus, type CheckTarget } from '../../src/render/check.js';
import { formatReport, formatReportJson } from '../../src/render/check-report.js';
import { evaluateChecks } from '../../src/render/check-rules.js';
import { FFMPEG, FFPROBE, ffmpeg, tempDir } from '../helpers/media.js';

let dir: string;
const f = (name: string) => join(dir, name);

/** The settings reelcut exports with: H.264 High yuv420p, 30 fps CFR, closed 2 s GOP, BT.709 tags. */
const VIDEO = [
  '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '60',
  '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709',
];
/** AAC-LC 48 kHz stereo 128 kbps, normalised to -14 LUFS (loudnorm resamples, so back to 48 kHz). */
const AUDIO = ['-af', 'loudnorm=I=-14:TP=-1.5,aresample=48000', '-c:a', 'aac', '-b:a', '128k', '-ac', '2'];
/** Moov first and no edit list; negative composition offsets keep both streams starting at 0. */
const MUX = ['-movflags', '+faststart+negative_cts_offsets', '-use_editlist', '0'];

const picture = (size: string, seconds = 3.5) => ['-f', 'lavfi', '-i', `color=c=0x3366cc:s=${size}:r=30:d=${seconds}`];
const tone = (seconds = 3.5) => ['-f', 'lavfi', '-i', `sine=f=440:sample_rate=48000:d=${seconds}`];

async function check(name: string, target: CheckTarget = 'reels'): Promise<CheckReport> {
  return checkFile(f(name), { target, ffmpeg: FFMPEG, ffprobe: FFPROBE });
}

function statusOf(report: CheckReport, id: CheckId): CheckStatus | undefined {
  return report.checks.find((c) => c.id === id)?.status;
}

function failing(report: CheckReport): CheckId[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort();
}

beforeAll(() => {
  dir = tempDir('reelcut-check-');
  // Compliant, at the preset size and a smaller 9:16.
  ffmpeg([...picture('1080x1920'), ...tone(), '-map', '0:v', '-map', '1:a', ...VIDEO, ...AUDIO, ...MUX, f('good1080.mp4')]);
  ffmpeg([...picture('540x960'), ...tone(), '-map', '0:v', '-map', '1:a', ...VIDEO, ...AUDIO, ...MUX, f('good540.mp4')]);
  const copyGood = ['-i', f('good540.mp4'), '-map', '0:v', '-map', '0:a', '-c', 'copy'];
  // One requirement broken at a time, mostly by remuxing the good file.
  ffmpeg([...copyGood, '-movflags', 'negative_cts_offsets', '-use_editlist', '0', f('moov-last.mp4')]);
  ffmpeg([...copyGood, ...MUX, '-bsf:v', 'h264_metadata=colour_primaries=9:transfer_characteristics=16:matrix_coefficients=9', f('hdr-pq.mp4')]);
  ffmpeg(['-i', f('good540.mp4'), '-map', '0:v', '-map', '0:a', '-c:v', 'copy', '-c:a', 'libmp3lame', '-b:a', '128k', ...MUX, f('mp3-audio.mp4')]);
  ffmpeg(['-i', f('good540.mp4'), '-map', '0:v', '-map', '0:a', '-c:v', 'copy', '-c:a', 'libopus', '-b:a', '128k', f('opus.mkv')]);
  const newAudio = (src: string) => ['-i', f('good540.mp4'), '-f', 'lavfi', '-i', src, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-c:a', 'aac', '-b:a', '128k', '-shortest', ...MUX];
  ffmpeg([...newAudio('aevalsrc=sin(2*PI*997*t)|sin(2*PI*997*t):s=48000:d=3.5'), f('full-scale.mp4')]);
  ffmpeg([...newAudio('anullsrc=r=48000:cl=stereo:d=3.5'), f('silent-audio.mp4')]);
  // Encoded, not cut by stream copy: a copy cut drops B-frames and leaves a hole in the timing.
  ffmpeg([...picture('540x960', 2), ...tone(2), '-map', '0:v', '-map', '1:a', ...VIDEO, ...AUDIO, ...MUX, f('two-seconds.mp4')]);
  // An ordinary ffmpeg MP4 (no -use_editlist 0): B-frame delay and AAC priming become edit lists.
  ffmpeg([...picture('540x960'), ...tone(), '-map', '0:v', '-map', '1:a', ...VIDEO, ...AUDIO, '-movflags', '+faststart', f('edit-lists.mp4')]);
  // Video-only variants (no audio is a warning, never a failure).
  ffmpeg([...picture('540x960'), '-vf', "select='not(eq(mod(n\\,5)\\,4))'", '-fps_mode', 'vfr', ...VIDEO, '-g', '48', ...MUX, f('vfr.mp4')]);
  ffmpeg([...picture('540x960'), ...VIDEO, '-pix_fmt', 'yuv444p', '-profile:v', 'high444', ...MUX, f('yuv444p.mp4')]);
  ffmpeg([...picture('540x960'), ...VIDEO, '-pix_fmt', 'yuv422p', '-profile:v', 'high422', ...MUX, f('yuv422p.mp4')]);
  ffmpeg([...picture('960x540'), ...VIDEO, ...MUX, f('landscape.mp4')]);
  // Landscape pixels a player turns upright (ffmpeg 5.1 writes the rotate tag as a display matrix).
  ffmpeg(['-i', f('landscape.mp4'), '-c', 'copy', '-metadata:s:v', 'rotate=90', ...MUX, f('rotated.mp4')]);
  ffmpeg([...picture('540x960'), ...VIDEO, '-x264-params', 'open-gop=1', ...MUX, f('open-gop.mp4')]);
  ffmpeg([...picture('540x960'), '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60', '-tag:v', 'hvc1', ...MUX, f('hevc.mp4')]);
  writeFileSync(f('notes.txt'), 'not a video\n');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('checkFile on compliant files', () => {
  it('passes every check for a 1080x1920 H.264 High / AAC -14 LUFS faststart MP4 as Reels', async () => {
    const r = await check('good1080.mp4');
    const notPassing = r.checks.filter((c) => c.status !== 'pass');
    expect(notPassing).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(['container', 'moov_first', 'edit_list', 'frame_rate_constant', 'loudness', 'true_peak', 'av_offset']),
    );
    expect(r.measured.video?.timing?.fps).toBeCloseTo(30, 3);
    expect(r.measured.audio?.loudness?.integrated_lufs).toBeGreaterThanOrEqual(-15);
    expect(r.measured.audio?.loudness?.integrated_lufs).toBeLessThanOrEqual(-13);
    expect(r.measured.container.top_level_boxes.indexOf('moov')).toBeLessThan(r.measured.container.top_level_boxes.indexOf('mdat'));
  });

  it('accepts a smaller 9:16 file with only a resolution warning', async () => {
    const r = await check('good540.mp4');
    expect(r.ok).toBe(true);
    expect(r.checks.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status])).toEqual([['resolution', 'warn']]);
  });

  it('accepts the same 9:16 file as a Story', async () => {
    const r = await check('good540.mp4', 'story');
    expect(failing(r)).toEqual([]);
    expect(statusOf(r, 'aspect')).toBe('pass');
  });

  it('warns on HEVC video, which Instagram accepts though reelcut produces H.264', async () => {
    const r = await check('hevc.mp4');
    expect(statusOf(r, 'video_codec')).toBe('warn');
    expect(statusOf(r, 'video_profile')).toBe('pass');
    expect(failing(r)).toEqual([]);
  });
});

describe('checkFile catches each broken requirement', () => {
  it('fails the moov check when the file was written without +faststart', async () => {
    const r = await check('moov-last.mp4');
    expect(statusOf(r, 'moov_first')).toBe('fail');
    expect(r.measured.container.moov_before_mdat).toBe(false);
    expect(failing(r)).toEqual(['moov_first']);
  });

  it('reports the edit lists ffmpeg writes by default (video B-frame delay, AAC priming) as a failure', async () => {
    const r = await check('edit-lists.mp4');
    expect(statusOf(r, 'edit_list')).toBe('fail');
    expect(failing(r)).toEqual(['edit_list']);
    const lists = r.measured.container.edit_lists;
    const audio = lists.find((l) => l.handler === 'soun');
    const video = lists.find((l) => l.handler === 'vide');
    // AAC's encoder delay is 1024 samples at 48 kHz; x264's B-frames delay the first frame.
    expect(audio?.entries[0]).toMatchObject({ media_time: 1024 });
    expect(audio?.media_timescale).toBe(48000);
    expect(video?.entries[0]?.media_time).toBeGreaterThan(0);
  });

  it('fails frame-rate constancy for a variable-frame-rate file', async () => {
    const r = await check('vfr.mp4');
    expect(statusOf(r, 'frame_rate_constant')).toBe('fail');
    expect(r.measured.video?.timing?.max_jitter_ms).toBeGreaterThan(10);
    expect(failing(r)).toEqual(['frame_rate_constant']);
  });

  it.each([
    ['yuv444p.mp4', 'yuv444p'],
    ['yuv422p.mp4', 'yuv422p'],
  ])('fails the pixel format (and the High 4:x:x profile) for %s', async (name, pixFmt) => {
    const r = await check(name);
    expect(statusOf(r, 'pixel_format')).toBe('fail');
    expect(r.measured.video?.pix_fmt).toBe(pixFmt);
    expect(failing(r)).toEqual(['pixel_format', 'video_profile']);
  });

  it('fails loudness and true peak for a full-scale sine', async () => {
    const r = await check('full-scale.mp4');
    expect(statusOf(r, 'true_peak')).toBe('fail');
    expect(statusOf(r, 'loudness')).toBe('fail');
    expect(r.measured.audio?.loudness?.true_peak_dbtp).toBeGreaterThan(-1);
    expect(r.measured.audio?.loudness?.integrated_lufs).toBeGreaterThan(-13);
    expect(failing(r)).toEqual(['loudness', 'true_peak']);
  });

  it('fails loudness for digital silence, whose true peak cannot fail', async () => {
    const r = await check('silent-audio.mp4');
    expect(statusOf(r, 'loudness')).toBe('fail');
    expect(statusOf(r, 'true_peak')).toBe('pass');
    expect(failing(r)).toEqual(['loudness']);
  });

  it('fails the duration of a 2 s Reel', async () => {
    const r = await check('two-seconds.mp4');
    expect(statusOf(r, 'duration')).toBe('fail');
    expect(r.measured.duration_s).toBeLessThan(3);
    expect(failing(r)).toEqual(['duration']);
  });

  it('fails the aspect of a 16:9 file checked as Reels, and passes it as landscape', async () => {
    const reels = await check('landscape.mp4', 'reels');
    expect(statusOf(reels, 'aspect')).toBe('fail');
    expect(failing(reels)).toEqual(['aspect', 'resolution']);
    const landscape = await check('landscape.mp4', 'landscape');
    expect(statusOf(landscape, 'aspect')).toBe('pass');
    expect(statusOf(landscape, 'resolution')).toBe('warn');
    expect(failing(landscape)).toEqual([]);
  });

  it('judges a rotated file by the upright picture a player shows', async () => {
    const r = await check('rotated.mp4', 'reels');
    expect(r.measured.video).toMatchObject({ width: 960, height: 540, display_width: 540, display_height: 960 });
    expect(statusOf(r, 'aspect')).toBe('pass');
    expect(failing(r)).toEqual([]);
  });

  it('fails MP3 audio in an MP4', async () => {
    const r = await check('mp3-audio.mp4');
    expect(statusOf(r, 'audio_codec')).toBe('fail');
    expect(r.measured.audio?.codec).toBe('mp3');
    expect(failing(r)).toEqual(['audio_codec']);
  });

  it('fails Opus audio in Matroska on container, moov and audio codec', async () => {
    const r = await check('opus.mkv');
    expect(statusOf(r, 'container')).toBe('fail');
    expect(statusOf(r, 'audio_codec')).toBe('fail');
    expect(failing(r)).toEqual(['audio_codec', 'container', 'moov_first']);
    // Matroska's 1 ms timebase rounds 33.3 ms frames to 33/34 ms: still constant.
    expect(statusOf(r, 'frame_rate_constant')).toBe('pass');
  });

  it('fails HDR (PQ) colour tags', async () => {
    const r = await check('hdr-pq.mp4');
    expect(statusOf(r, 'color')).toBe('fail');
    expect(r.measured.video?.color_transfer).toBe('smpte2084');
    expect(failing(r)).toEqual(['color']);
  });

  it('warns, without failing, on an open GOP and on a missing audio track', async () => {
    const r = await check('open-gop.mp4');
    expect(statusOf(r, 'closed_gop')).toBe('warn');
    expect(r.measured.video?.timing?.open_gop).toBe(true);
    expect(statusOf(r, 'audio_codec')).toBe('warn');
    expect(r.ok).toBe(true);
  });
});

describe('checkFile errors', () => {
  it('says a missing file does not exist', async () => {
    await expect(check('nope.mp4')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('says a text file is not media', async () => {
    await expect(check('notes.txt')).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
  });

  it('says when ffprobe cannot be found', async () => {
    const p = checkFile(f('good540.mp4'), { target: 'reels', ffmpeg: FFMPEG, ffprobe: join(dir, 'no-such-ffprobe') });
    await expect(p).rejects.toBeInstanceOf(ReelcutError);
    await expect(p).rejects.toMatchObject({ code: 'FFMPEG_MISSING' });
  });
});

describe('rules at their limits (measured figures of a real file, one changed)', () => {
  let base: CheckReport;
  beforeAll(async () => {
    base = await check('good540.mp4');
  });
  const withDuration = (s: number, target: CheckTarget) =>
    evaluateChecks({ ...base.measured, duration_s: s }, target).find((c) => c.id === 'duration')?.status;
  const withSize = (bytes: number) => evaluateChecks({ ...base.measured, size_bytes: bytes }, 'reels').find((c) => c.id === 'file_size')?.status;

  it.each([
    [2.9, 'reels', 'fail'],
    [3, 'reels', 'pass'],
    [180, 'reels', 'pass'],
    [181, 'reels', 'warn'],
    [901, 'reels', 'fail'],
    [60, 'story', 'pass'],
    [61, 'story', 'warn'],
    [2, 'story', 'fail'],
    [3599, 'feed', 'pass'],
    [3601, 'feed', 'fail'],
  ] as const)('a %s s %s is a duration %s', (seconds, target, status) => {
    expect(withDuration(seconds, target)).toBe(status);
  });

  it.each([
    [299_000_000, 'pass'],
    [301_000_000, 'warn'],
    [1_000_000_001, 'fail'],
  ] as const)('a %s-byte file is a size %s', (bytes, status) => {
    expect(withSize(bytes)).toBe(status);
  });

  it('fails loudness just outside ±1 LU and passes just inside', () => {
    const at = (lufs: number) => {
      const audio = base.measured.audio!;
      const m = { ...base.measured, audio: { ...audio, loudness: { ...audio.loudness!, integrated_lufs: lufs } } };
      return evaluateChecks(m, 'reels').find((c) => c.id === 'loudness')?.status;
    };
    expect(at(-15.1)).toBe('fail');
    expect(at(-15)).toBe('pass');
    expect(at(-13)).toBe('pass');
    expect(at(-12.9)).toBe('fail');
  });
});

describe('formatReport', () => {
  it('prints one line a check with its mark, expected and actual, then the verdict', async () => {
    const r = await check('moov-last.mp4');
    const text = formatReport(r);
    const lines = text.split('\n');
    expect(lines).toHaveLength(r.checks.length + 2); // title, checks, verdict
    const moov = lines.find((l) => l.includes('moov atom first'));
    expect(moov?.startsWith('✗')).toBe(true);
    expect(moov).toContain('moov before mdat');
    expect(moov).toContain('mdat before moov');
    expect(lines.find((l) => l.includes('Resolution'))?.startsWith('!')).toBe(true);
    expect(lines.find((l) => l.includes('Video codec'))?.startsWith('✓')).toBe(true);
    expect(lines.at(-1)).toMatch(/^Verdict: NOT ready for Instagram Reels: 1 check failed, 1 warning\.$/);
  });

  it('says a passing file is ready', async () => {
    const text = formatReport(await check('good1080.mp4'));
    expect(text.split('\n').at(-1)).toBe('Verdict: ready for Instagram Reels.');
  });

  it('prints the report object itself as JSON', async () => {
    const r = await check('good540.mp4');
    expect(JSON.parse(formatReportJson(r))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});
