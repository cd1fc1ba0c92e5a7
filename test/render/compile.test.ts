// The render compiler as data: timeline + probed media → plan → argv, asserted without running
// ffmpeg. Media descriptions here are written by hand in the shape probe produces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FfmpegCapabilities, FfmpegInfo } from '../../src/media/ffmpeg-types.js';
import type { MediaInfo, VideoStreamInfo } from '../../src/media/types.js';
import { planToArgs } from '../../src/render/args.js';
import { compileRenderPlan, type CompileOptions } from '../../src/render/compile.js';
import { chooseFont, findFonts, hasCjk, type FontSet } from '../../src/render/fonts.js';
import type { RenderPlan } from '../../src/render/plan.js';
import { outputArgs, presetSize } from '../../src/render/presets.js';
import { clipFrames, layoutFrames } from '../../src/render/spans.js';
import { assCentiseconds, escapeAssText, safeArea, TITLES_FILE } from '../../src/render/text-overlay.js';
import { Timeline, type TimelineInput } from '../../src/timeline/schema.js';
import { failure } from '../helpers/errors.js';
import { ALL_CAPS } from '../helpers/capabilities.js';

// ---------------------------------------------------------------------------------------------
// Fixtures: an ffmpeg description and media descriptions, as probe would give them


function ffmpegInfo(version = '5.1.9', caps: Partial<FfmpegCapabilities> = {}): FfmpegInfo {
  return {
    ffmpeg: '/usr/bin/ffmpeg',
    ffprobe: '/usr/bin/ffprobe',
    source: 'path',
    version,
    major: Number(version.split('.')[0]),
    caps: { ...ALL_CAPS, ...caps },
  };
}

const FF = ffmpegInfo();

function videoMedia(path: string, v: Partial<VideoStreamInfo> = {}, opts: { audio?: boolean; duration_ms?: number } = {}): MediaInfo {
  const video: VideoStreamInfo = {
    index: 0,
    codec: 'h264',
    width: 1080,
    height: 1920,
    display_width: 1080,
    display_height: 1920,
    rotation: 0,
    sample_aspect: [1, 1],
    fps: 30,
    variable_frame_rate: false,
    pix_fmt: 'yuv420p',
    color_transfer: 'sdr',
    color_primaries: 'bt709',
    color_space: 'bt709',
    bit_depth: 8,
    frames: null,
    ...v,
  };
  const duration_ms = opts.duration_ms ?? 10_000;
  return {
    path,
    kind: 'video',
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    size_bytes: 1_000_000,
    duration_ms,
    video,
    audio: opts.audio === false ? [] : [{ index: 1, codec: 'aac', sample_rate: 48000, channels: 2, duration_ms }],
    width: video.display_width,
    height: video.display_height,
    hdr: video.color_transfer !== 'sdr',
  };
}

function imageMedia(path: string): MediaInfo {
  const m = videoMedia(path, { codec: 'png', width: 360, height: 480, display_width: 360, display_height: 480, pix_fmt: 'rgb24', fps: 0, color_space: null, color_primaries: null }, { audio: false, duration_ms: 0 });
  return { ...m, kind: 'image' };
}

const FONTS: FontSet = {
  latin: { family: 'DejaVu Sans', file: '/fonts/latin/DejaVuSans.ttf', bold: '/fonts/latin/DejaVuSans-Bold.ttf', dir: '/fonts/latin' },
  cjk: { family: 'Noto Sans CJK SC', file: '/fonts/cjk/NotoSansCJK-Regular.ttc', bold: null, dir: '/fonts/cjk' },
};

type ClipIn = NonNullable<TimelineInput['clips']>[number];

type TimelineOver = Omit<Partial<TimelineInput>, 'format'> & { format?: Partial<TimelineInput['format']> };

function timeline(over: TimelineOver = {}): Timeline {
  const { format, ...rest } = over;
  return Timeline.parse({
    version: 1,
    clips: [{ id: 'c1', media_id: 'm1', in_ms: 0, out_ms: 2000 }],
    ...rest,
    format: { aspect: '9:16', ...format },
  });
}

function compile(t: Timeline, media: Record<string, MediaInfo>, ff = FF, opts: CompileOptions = {}): RenderPlan {
  return compileRenderPlan(t, new Map(Object.entries(media)), ff, { fonts: FONTS, ...opts });
}

const portrait = videoMedia('/media/portrait.mp4');

const videoChains = (plan: RenderPlan) => plan.chains.filter((c) => !c.includes('[au_') && !c.includes('[aout]') && !/\[\d+:a/.test(c));

/** The chains that build clip k (from its input to its `[vc<k>]` label), joined by ';'. */
function clipChain(plan: RenderPlan, k = 0): string {
  const mine = new RegExp(`^\\[${k}:\\d+\\]|\\[v(bg|fg|bb|ff|c)${k}\\]`);
  const found = videoChains(plan).filter((c) => mine.test(c) && !c.endsWith('[vout]') && !c.endsWith('[vjoin]') && !/\[vx\d+\]$/.test(c));
  if (!found.some((c) => c.endsWith(`[vc${k}]`))) throw new Error(`no chain ends at [vc${k}]:\n${plan.chains.join('\n')}`);
  return found.join(';');
}


// ---------------------------------------------------------------------------------------------

describe('presets', () => {
  it('gives every Instagram format its 1080p size', () => {
    expect(presetSize('9:16')).toEqual({ width: 1080, height: 1920 });
    expect(presetSize('1:1')).toEqual({ width: 1080, height: 1080 });
    expect(presetSize('4:5')).toEqual({ width: 1080, height: 1350 });
    expect(presetSize('16:9')).toEqual({ width: 1920, height: 1080 });
    expect(presetSize('1.91:1')).toEqual({ width: 1080, height: 566 });
  });

  it('scales every format by set_resolution from the short side, keeping both sides even', () => {
    expect(presetSize('9:16', 720)).toEqual({ width: 720, height: 1280 });
    expect(presetSize('1:1', 720)).toEqual({ width: 720, height: 720 });
    expect(presetSize('4:5', 720)).toEqual({ width: 720, height: 900 });
    expect(presetSize('16:9', 720)).toEqual({ width: 1280, height: 720 });
    expect(presetSize('1.91:1', 720)).toEqual({ width: 720, height: 378 });
    expect(presetSize('9:16', 540)).toEqual({ width: 540, height: 960 });
    for (const aspect of ['9:16', '1:1', '4:5', '16:9', '1.91:1'] as const) {
      for (const h of [240, 360, 481, 720, 1080, 1440]) {
        const s = presetSize(aspect, h);
        expect(s.width % 2, `${aspect}@${h}`).toBe(0);
        expect(s.height % 2, `${aspect}@${h}`).toBe(0);
      }
    }
  });

  it('puts the timeline format size and rate on the plan', () => {
    const plan = compile(timeline({ format: { aspect: '4:5', height: 720, fps: 25 } }), { m1: portrait });
    expect([plan.width, plan.height, plan.fps]).toEqual([720, 900, 25]);
  });
});

describe('output arguments', () => {
  it('carry the settings Instagram asks for: H.264 High yuv420p, closed 2 s GOP, CFR, BT.709, AAC 48 kHz stereo, moov first, no edit list', () => {
    const out = outputArgs(FF, 30).join(' ');
    for (const part of [
      '-c:v libx264', '-profile:v high', '-pix_fmt yuv420p', '-maxrate 12M', '-bufsize 24M',
      '-g 60', '-keyint_min 60', '-sc_threshold 0', '-flags +cgop', '-r 30', '-fps_mode cfr',
      '-color_primaries bt709', '-color_trc bt709', '-colorspace bt709', '-color_range tv',
      '-c:a aac', '-b:a 192k', '-aac_is 0', '-ar 48000', '-ac 2', '-use_editlist 0', '-map_metadata -1', '-f mp4',
    ]) {
      expect(out).toContain(part);
    }
    expect(out).toMatch(/-movflags \+faststart/);
    expect(outputArgs(FF, 60).join(' ')).toContain('-g 120 -keyint_min 120');
  });

  it('use -vsync on ffmpeg before 5.1 (the bundled 4.x build has no -fps_mode)', () => {
    for (const version of ['4.1.0', '5.0.1']) {
      const out = outputArgs(ffmpegInfo(version), 30);
      expect(out.join(' ')).toContain('-vsync cfr');
      expect(out).not.toContain('-fps_mode');
    }
    expect(outputArgs(ffmpegInfo('6.1.1'), 30).join(' ')).toContain('-fps_mode cfr');
  });

  it('use a fast x264 preset (the render budget is 5x realtime on 2 cores) and a higher CRF for drafts', () => {
    const high = outputArgs(FF, 30, 'high');
    const draft = outputArgs(FF, 30, 'draft');
    const crf = (a: string[]) => Number(a[a.indexOf('-crf') + 1]);
    expect(crf(draft)).toBeGreaterThan(crf(high));
    expect(crf(high)).toBeLessThanOrEqual(23);
    expect(high[high.indexOf('-preset') + 1]).toMatch(/^(ultrafast|superfast|veryfast)$/);
  });
});

describe('spans and inputs', () => {
  it('rounds each clip to whole output frames and lays the clips end to end', () => {
    const m = videoMedia('/media/a.mp4');
    const plan = compile(
      timeline({
        clips: [
          { id: 'c1', media_id: 'm1', in_ms: 0, out_ms: 1010 }, // 30.3 frames → 30
          { id: 'c2', media_id: 'm1', in_ms: 2000, out_ms: 3000, speed: 3 }, // 10 frames
          { id: 'c3', media_id: 'm1', in_ms: 100, out_ms: 117 }, // 0.51 frames → 1
        ],
      }),
      { m1: m },
    );
    expect(clipFrames({ in_ms: 0, out_ms: 1010, speed: 1 }, 30)).toBe(30);
    expect(clipFrames({ in_ms: 0, out_ms: 1, speed: 4 }, 30)).toBe(1);
    expect(plan.duration_ms).toBe(Math.round((41 * 1000) / 30));
    expect(clipChain(plan, 0)).toContain('trim=end_frame=30');
    expect(clipChain(plan, 1)).toContain('trim=end_frame=10');
    expect(clipChain(plan, 1)).toContain('setpts=expr=(PTS-STARTPTS)/3');
    expect(clipChain(plan, 2)).toContain('trim=end_frame=1');
  });

  it('opens one input per clip, seeked before -i, even when clips share a file', () => {
    const plan = compile(
      timeline({
        clips: [
          { id: 'c1', media_id: 'm1', in_ms: 1500, out_ms: 4250 },
          { id: 'c2', media_id: 'm1', in_ms: 0, out_ms: 1000 },
        ],
      }),
      { m1: videoMedia('/media/a.mp4') },
    );
    expect(plan.inputs).toEqual([
      { path: '/media/a.mp4', before: ['-noautorotate', '-ss', '1.5', '-t', '2.75'] },
      { path: '/media/a.mp4', before: ['-noautorotate', '-ss', '0', '-t', '1'] },
    ]);
    const args = planToArgs(plan, '/out/x.mp4');
    expect(args.slice(0, 16)).toEqual([
      '-hide_banner', '-y',
      '-noautorotate', '-ss', '1.5', '-t', '2.75', '-i', '/media/a.mp4',
      '-noautorotate', '-ss', '0', '-t', '1', '-i', '/media/a.mp4',
    ]);
    expect(clipChain(plan, 0).startsWith('[0:0]')).toBe(true);
    expect(clipChain(plan, 1).startsWith('[1:0]')).toBe(true);
  });

  it('reads a still once and repeats it for the clip length', () => {
    const plan = compile(timeline({ clips: [{ id: 'c1', media_id: 'p', in_ms: 0, out_ms: 1500 }] }), { p: imageMedia('/media/p.png') });
    expect(plan.inputs[0]).toEqual({ path: '/media/p.png', before: ['-noautorotate'] });
    const c = clipChain(plan);
    expect(c).toMatch(/loop=loop=-1:size=1,settb=expr=1\/30,setpts=expr=N,fps=fps=30,trim=end_frame=45\[vc0\]$/);
    // RGB pictures are converted with the BT.709 matrix the output is tagged with.
    expect(c).toContain('out_color_matrix=bt709');
  });

  it('maps the video and audio outputs and ends with the output path', () => {
    const plan = compile(timeline(), { m1: portrait });
    const args = planToArgs(plan, '/out/final.mp4');
    const fc = args.indexOf('-filter_complex');
    expect(args[fc + 1]).toBe(plan.chains.join(';'));
    expect(args.slice(fc + 2, fc + 6)).toEqual(['-map', '[vout]', '-map', plan.audioOut]);
    expect(args.at(-1)).toBe('/out/final.mp4');
    expect(plan.audio).toBeDefined();
  });

  it('refuses an empty timeline, unknown media and pictureless clips with actionable errors', async () => {
    expect((await failure(() => compile(timeline({ clips: [] }), {}))).code).toBe('NOTHING_TO_DO');
    expect((await failure(() => compile(timeline(), {}))).code).toBe('FILE_NOT_FOUND');
    const song: MediaInfo = { ...videoMedia('/media/song.m4a'), kind: 'audio', video: null, width: 0, height: 0 };
    const e = await failure(() => compile(timeline(), { m1: song }));
    expect(e.code).toBe('UNSUPPORTED_MEDIA');
    expect(e.message).toMatch(/clip 1/i);
  });
});

describe('fitting the picture to the format', () => {
  it('crops a 1080×1920 source to 1:1 1080 without scaling (crop first, in source pixels)', () => {
    const c = clipChain(compile(timeline({ format: { aspect: '1:1' } }), { m1: portrait }));
    expect(c).toContain('crop=w=1080:h=1080:x=0:y=420');
    expect(c).not.toContain('scale=');
  });

  it('passes a source that already has the output size straight through', () => {
    const c = clipChain(compile(timeline(), { m1: portrait }));
    expect(c).not.toMatch(/\b(crop|scale|pad)=/);
    expect(c).toContain('setsar=r=1');
  });

  it('fills 9:16 from landscape by cropping the centre, then scaling up', () => {
    const land = videoMedia('/media/l.mp4', { width: 1920, height: 1080, display_width: 1920, display_height: 1080 });
    const c = clipChain(compile(timeline(), { m1: land }));
    expect(c).toMatch(/crop=w=608:h=1080:x=656:y=0,scale=w=1080:h=1920,setsar=r=1/);
  });

  it('downscales after the crop when the output is smaller', () => {
    const c = clipChain(compile(timeline({ format: { aspect: '1:1', height: 720 } }), { m1: portrait }));
    expect(c).toMatch(/crop=w=1080:h=1080:x=0:y=420,scale=w=720:h=720/);
  });

  it('fits with a colour background by scaling inside and padding with that colour', () => {
    const land = videoMedia('/media/l.mp4', { width: 1920, height: 1080, display_width: 1920, display_height: 1080 });
    const black = clipChain(compile(timeline({ format: { fit: 'fit', background: 'black' } }), { m1: land }));
    expect(black).toMatch(/scale=w=1080:h=608,setsar=r=1,pad=w=1080:h=1920:x=0:y=656:color=black/);
    expect(black).not.toContain('crop=');
    const hex = clipChain(compile(timeline({ format: { fit: 'fit', background: '#ff8800' } }), { m1: land }));
    expect(hex).toContain('color=0xff8800');
  });

  it('fits with a blurred background: a small cover copy, box-blurred, scaled up, the picture overlaid', () => {
    const land = videoMedia('/media/l.mp4', { width: 1920, height: 1080, display_width: 1920, display_height: 1080 });
    const plan = compile(timeline({ format: { fit: 'fit', background: 'blur' } }), { m1: land });
    const c = clipChain(plan);
    expect(c).toContain('split=outputs=2[vbg0][vfg0]');
    expect(c).toMatch(/\[vbg0\]crop=w=\d+:h=1080:x=\d+:y=0,scale=w=136:h=240,format=pix_fmts=yuv420p,boxblur=luma_radius=13:luma_power=2,scale=w=1080:h=1920:flags=bilinear/);
    expect(c).toMatch(/\[vbb0\]\[vff0\]overlay=x=0:y=656/);
  });

  it('fills the frame when fit and source share the shape (no pad, no blur)', () => {
    const c = clipChain(compile(timeline({ format: { fit: 'fit', background: 'blur', height: 720 } }), { m1: portrait }));
    expect(c).toContain('scale=w=720:h=1280');
    expect(c).not.toMatch(/\bpad=|split|overlay/);
  });

  it('scales non-square pixels to square ones (odd sample aspect)', () => {
    // Coded 480×568 at 2:3 is shown 320×568.
    const odd = videoMedia('/media/odd.mp4', { width: 480, height: 568, sample_aspect: [2, 3], display_width: 320, display_height: 568 });
    const c = clipChain(compile(timeline({ format: { height: 320 } }), { m1: odd }));
    expect(c).toMatch(/scale=w=320:h=568,setsar=r=1/);
    expect(c).not.toContain('crop=');
  });
});

describe('orientation', () => {
  const rotated = videoMedia('/media/r.mp4', { width: 1920, height: 1080, rotation: 90, display_width: 1080, display_height: 1920 });

  it('applies the probed rotation once, itself, with autorotate off', () => {
    const plan = compile(timeline(), { m1: rotated });
    expect(plan.inputs[0]!.before).toContain('-noautorotate');
    const c = clipChain(plan);
    expect(c.match(/transpose/g)).toHaveLength(1);
    expect(c).toContain('transpose=dir=clock');
    expect(c).not.toMatch(/crop=|scale=/); // upright it is already 1080×1920
    const upsideDown = videoMedia('/media/u.mp4', { rotation: 180 });
    expect(clipChain(compile(timeline(), { m1: upsideDown }))).toMatch(/hflip,vflip/);
    const ccw = videoMedia('/media/c.mp4', { width: 1920, height: 1080, rotation: 270, display_width: 1080, display_height: 1920 });
    expect(clipChain(compile(timeline(), { m1: ccw }))).toContain('transpose=dir=cclock');
  });

  it("adds the clip's own rotate to the source's before turning, and flips after", () => {
    const t = (transform: { rotate?: 0 | 90 | 180 | 270; flip_h?: boolean; flip_v?: boolean }) =>
      timeline({ clips: [{ id: 'c1', media_id: 'm1', in_ms: 0, out_ms: 2000, transform } as ClipIn] });
    // 90 (source) + 90 (clip) = 180: two flips, no transpose.
    const half = clipChain(compile(t({ rotate: 90 }), { m1: rotated }));
    expect(half).not.toContain('transpose');
    expect(half).toMatch(/hflip,vflip/);
    // 90 + 270 = upright: nothing at all.
    expect(clipChain(compile(t({ rotate: 270 }), { m1: rotated }))).not.toMatch(/transpose|flip/);
    // 180 + mirror = a vertical flip alone.
    const mirrored = clipChain(compile(t({ rotate: 180, flip_h: true }), { m1: portrait }));
    expect(mirrored).toContain('vflip');
    expect(mirrored).not.toContain('hflip');
    expect(clipChain(compile(t({ flip_h: true }), { m1: portrait }))).toMatch(/hflip/);
  });
});

describe('colour', () => {
  it('tone-maps HLG and PQ to BT.709 with zscale, naming the source transfer', () => {
    const hlg = videoMedia('/media/h.mp4', { color_transfer: 'hlg', color_primaries: 'bt2020', color_space: 'bt2020nc', pix_fmt: 'yuv420p10le', bit_depth: 10 });
    const c = clipChain(compile(timeline(), { m1: hlg }));
    expect(c).toContain('zscale=tin=arib-std-b67:pin=bt2020:min=bt2020nc:rin=tv:t=linear:npl=100,format=pix_fmts=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=pix_fmts=yuv420p');
    const pq = videoMedia('/media/p.mp4', { color_transfer: 'pq', color_primaries: null, color_space: null });
    expect(clipChain(compile(timeline(), { m1: pq }))).toContain('zscale=tin=smpte2084:pin=bt2020:min=bt2020nc');
  });

  it('falls back to a matrix conversion, with a note, when zscale is missing', () => {
    const hlg = videoMedia('/media/h.mp4', { color_transfer: 'hlg', color_space: 'bt2020nc', width: 1080, height: 1920 });
    const plan = compile(timeline(), { m1: hlg }, ffmpegInfo('5.1.9', { zscale: false }));
    expect(clipChain(plan)).toContain('scale=w=1080:h=1920:in_color_matrix=bt2020:out_color_matrix=bt709:out_range=tv');
    expect(clipChain(plan)).not.toContain('zscale');
    expect(plan.notes.join(' ')).toMatch(/HDR/);
  });

  it('converts BT.601 sources to the BT.709 the output is tagged with', () => {
    const sd = videoMedia('/media/sd.mp4', { color_space: 'smpte170m' });
    expect(clipChain(compile(timeline(), { m1: sd }))).toContain('in_color_matrix=bt601:out_color_matrix=bt709');
  });

  it('emits looks and adjustments only when they change something', () => {
    const finish = (format: Partial<TimelineInput['format']>) => videoChains(compile(timeline({ format }), { m1: portrait })).at(-1)!;
    expect(finish({})).toBe('[vc0]format=pix_fmts=yuv420p[vout]');
    expect(finish({ filters: [{ name: 'bw', intensity: 0 }], color: { brightness: 0, contrast: 0, saturation: 0 } })).toBe('[vc0]format=pix_fmts=yuv420p[vout]');
    expect(finish({ filters: [{ name: 'bw', intensity: 1 }] })).toContain('hue=s=0');
    expect(finish({ filters: [{ name: 'bw', intensity: 0.5 }] })).toContain('hue=s=0.5');
    expect(finish({ filters: [{ name: 'sepia', intensity: 1 }] })).toContain('colorchannelmixer=rr=0.393:rg=0.769');
    expect(finish({ filters: [{ name: 'vintage', intensity: 1 }] })).toContain('curves=r=0/0.11 0.42/0.51 1/0.95');
    for (const name of ['warm', 'cool', 'vivid', 'cinematic', 'fade'] as const) {
      expect(finish({ filters: [{ name, intensity: 1 }] })).not.toBe('[vc0]format=pix_fmts=yuv420p[vout]');
    }
    expect(finish({ color: { brightness: 0.4, contrast: 0, saturation: -0.5 } })).toContain('eq=brightness=0.1:saturation=0.5');
  });
});

describe('joining clips', () => {
  const two = (transition?: TimelineInput['transition']) =>
    timeline({
      clips: [
        { id: 'c1', media_id: 'm1', in_ms: 0, out_ms: 2000 },
        { id: 'c2', media_id: 'm1', in_ms: 3000, out_ms: 4000 },
      ],
      transition: transition ?? null,
    });

  it('concatenates cut clips and lasts the sum of their frames', () => {
    const plan = compile(two(), { m1: portrait });
    expect(plan.chains).toContain('[vc0][vc1]concat=n=2:v=1:a=0[vjoin]');
    expect(plan.duration_ms).toBe(3000);
  });

  it('crossfades with xfade on the overlapping frames only, shortening the edit by the overlap', () => {
    const plan = compile(two({ kind: 'crossfade', duration_ms: 500 }), { m1: portrait });
    // 15 frames of overlap: clip 1 (60 frames) = 45 own + 15 tail; clip 2 (30) = 15 head + 15 own.
    expect(plan.chains).toEqual(
      expect.arrayContaining([
        '[vc0]split=outputs=2[vs0_0][vs0_1]',
        '[vs0_0]trim=start_frame=0:end_frame=45,setpts=expr=PTS-STARTPTS[vm0]',
        '[vs0_1]trim=start_frame=45,setpts=expr=PTS-STARTPTS[vt0]',
        '[vc1]split=outputs=2[vs1_0][vs1_1]',
        '[vs1_0]trim=end_frame=15[vh1]',
        '[vs1_1]trim=start_frame=15:end_frame=30,setpts=expr=PTS-STARTPTS[vm1]',
        '[vt0][vh1]xfade=transition=fade:duration=0.5:offset=0[vx1]',
        '[vm0][vx1][vm1]concat=n=3:v=1:a=0[vjoin]',
      ]),
    );
    expect(plan.duration_ms).toBe(2500);
  });

  it('caps a transition at half the shorter clip of each join, leaving out the own part of a clip that is all transition', () => {
    const t = timeline({
      clips: [
        { id: 'c1', media_id: 'm1', in_ms: 0, out_ms: 2000 },
        { id: 'c2', media_id: 'm1', in_ms: 2500, out_ms: 3500 },
        { id: 'c3', media_id: 'm1', in_ms: 4000, out_ms: 6000 },
      ],
      transition: { kind: 'fade_black', duration_ms: 5000 },
    });
    expect(layoutFrames(t, 30).map((g) => g.overlap)).toEqual([0, 15, 15]);
    expect(layoutFrames({ ...t, clips: t.clips.slice(0, 1) }, 30).map((g) => g.overlap)).toEqual([0]);
    const plan = compile(t, { m1: portrait });
    expect(plan.chains).toContain('[vt0][vh1]xfade=transition=fadeblack:duration=0.5:offset=0[vx1]');
    expect(plan.chains).toContain('[vt1][vh2]xfade=transition=fadeblack:duration=0.5:offset=0[vx2]');
    expect(plan.chains).toContain('[vm0][vx1][vx2][vm2]concat=n=4:v=1:a=0[vjoin]');
    expect(plan.duration_ms).toBe(Math.round(((60 + 30 + 60 - 30) * 1000) / 30));
  });

  it('falls back to a fade through black over each join\'s overlap without xfade, lasting as long as with xfade, with a note', () => {
    const plan = compile(two({ kind: 'crossfade', duration_ms: 400 }), { m1: portrait }, ffmpegInfo('4.1.0', { xfade: false }));
    // 12 frames of overlap: clip 1 keeps the first 6 of them and fades out, clip 2 the last 6 and fades in.
    expect(plan.duration_ms).toBe(Math.round(((60 + 30 - 12) * 1000) / 30));
    expect(clipChain(plan, 0)).toMatch(/trim=start_frame=0:end_frame=54,setpts=expr=PTS-STARTPTS,fade=t=out:s=48:n=6\[vc0\]$/);
    expect(clipChain(plan, 1)).toMatch(/trim=start_frame=6:end_frame=30,setpts=expr=PTS-STARTPTS,fade=t=in:s=0:n=6\[vc1\]$/);
    expect(plan.chains).toContain('[vc0][vc1]concat=n=2:v=1:a=0[vjoin]');
    expect(plan.chains.join(';')).not.toContain('xfade');
    expect(plan.notes.join(' ')).toMatch(/xfade/);
  });

  it('fades the whole video in and out by frame counts', () => {
    const plan = compile(timeline({ fades: { video_in_ms: 500, video_out_ms: 1000 } }), { m1: portrait });
    expect(videoChains(plan).at(-1)).toBe('[vc0]fade=t=in:s=0:n=15,fade=t=out:s=30:n=30,format=pix_fmts=yuv420p[vout]');
  });
});

describe('titles', () => {
  const NASTY = `It's "50% off": C:\\new\\{tag} \\N [x]; a,b=c 你好 🎉\nline two`;
  const titled = (text: string, extra: Partial<TimelineInput> = {}) =>
    timeline({ texts: [{ id: 't1', text, start_ms: 500, end_ms: 1500, position: 'top' }], ...extra });

  it('keeps the words in the .ass file only, never in the filter graph', () => {
    const plan = compile(titled(NASTY), { m1: portrait });
    const graph = plan.chains.join(';');
    for (const piece of ["It's", '50%', 'C:\\new', '[x];', '你好', '🎉', 'line two', 'a,b=c']) {
      expect(graph).not.toContain(piece);
    }
    expect(plan.files.map((f) => f.name)).toEqual([TITLES_FILE]);
    const ass = plan.files[0]!.content;
    expect(ass).toContain('你好');
    expect(ass).toContain('\\{tag\\}');
    expect(ass).toContain('\\Nline two');
    expect(videoChains(plan).at(-1)).toBe(`[vc0]ass=filename=${TITLES_FILE}:fontsdir=/fonts/cjk,format=pix_fmts=yuv420p[vout]`);
  });

  it('escapes the fonts folder path for both levels of the graph', () => {
    const weird: FontSet = { latin: { family: 'DejaVu Sans', file: "/f/we:i'rd,[d];x/a.ttf", bold: null, dir: "/f/we:i'rd,[d];x" }, cjk: null };
    const plan = compile(titled('hi'), { m1: portrait }, FF, { fonts: weird });
    expect(videoChains(plan).at(-1)).toContain("fontsdir=/f/we\\\\:i\\\\\\'rd\\,\\[d\\]\\;x,");
  });

  it('writes an .ass whose play area is the output and whose title sits in the Reels safe zone', () => {
    const plan = compile(titled('Urban Dreams', { format: { aspect: '9:16' } }), { m1: portrait });
    const ass = plan.files[0]!.content;
    expect(ass).toContain('PlayResX: 1080');
    expect(ass).toContain('PlayResY: 1920');
    const style = ass.split('\n').find((l) => l.startsWith('Style: T1,'))!.split(',');
    expect(style[1]).toBe('DejaVu Sans');
    expect(style[18]).toBe('8'); // top centre
    expect(Number(style[19])).toBeGreaterThanOrEqual(65); // left margin
    expect(Number(style[20])).toBeGreaterThanOrEqual(120); // clear of the button rail
    expect(Number(style[21])).toBe(270); // below the top UI
    expect(safeArea('9:16', 1080, 1920).bottom).toBe(670); // text ends above y = 1250
    expect(ass).toContain('Dialogue: 0,0:00:00.49,0:00:01.49,T1,,0,0,0,,Urban Dreams');
  });

  it('switches each title on at exactly the first frame inside [start, end) and off at the first frame after', () => {
    for (const fps of [24, 25, 30, 50, 60]) {
      for (const frame of [0, 1, 2, 3, 7, 29, 30, 31, 299, 1001]) {
        const cs = assCentiseconds(frame, fps);
        // libass sees a frame's time truncated to ms, possibly one below; the boundary is between.
        expect(cs * 10).toBeLessThanOrEqual(Math.floor((frame * 1000) / fps) - (frame === 0 ? 0 : 1));
        if (frame > 0) expect(cs * 10).toBeGreaterThan(((frame - 1) * 1000) / fps);
      }
    }
  });

  it('draws every title with the CJK face when any title has Chinese', () => {
    expect(hasCjk('Hello')).toBe(false);
    expect(hasCjk('加字幕')).toBe(true);
    expect(hasCjk('こんにちは')).toBe(true);
    expect(hasCjk('안녕')).toBe(true);
    expect(chooseFont(['Hi', '你好'], FONTS).face?.family).toBe('Noto Sans CJK SC');
    expect(chooseFont(['Hi'], FONTS).face?.family).toBe('DejaVu Sans');
    const noCjk = chooseFont(['你好'], { ...FONTS, cjk: null });
    expect(noCjk.face?.family).toBe('DejaVu Sans');
    expect(noCjk.notes.join(' ')).toMatch(/CJK/);
    const found = findFonts((p) => p.startsWith('/usr/share/fonts/opentype/noto/') || p === '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
    expect(found.latin).toEqual({ family: 'DejaVu Sans', file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: null, dir: '/usr/share/fonts/truetype/dejavu' });
    expect(found.cjk?.file).toBe('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  });

  it('leaves out titles that start after the video ends and clips those that run past it', () => {
    const plan = compile(
      timeline({
        texts: [
          { id: 't1', text: 'late', start_ms: 5000, end_ms: 6000 },
          { id: 't2', text: 'long', start_ms: 1000, end_ms: 9000 },
        ],
      }),
      { m1: portrait },
    );
    const ass = plan.files[0]!.content;
    expect(ass).not.toContain('late');
    expect(ass).toContain('0:00:00.99,0:00:01.99,T2,,0,0,0,,long');
  });

  it('falls back to drawtext reading each title from a file, with expansion off, when libass is missing', () => {
    const plan = compile(titled(NASTY), { m1: portrait }, ffmpegInfo('5.1.9', { libass: false }));
    const graph = plan.chains.join(';');
    expect(graph).toContain('drawtext=textfile=reelcut-title-1.txt:fontfile=/fonts/cjk/NotoSansCJK-Regular.ttc:expansion=none');
    expect(graph).toContain('enable=between(n\\,15\\,44)');
    expect(graph).not.toContain('50%');
    expect(plan.files).toEqual([{ name: 'reelcut-title-1.txt', content: NASTY }]);
    expect(plan.notes.join(' ')).toMatch(/drawtext/);
  });

  it('escapes any text so ASS shows it literally (no override tags, no stray line breaks)', () => {
    // Decoding the escapes gives the text back; every backslash left is one of ours.
    const decode = (s: string) => s.replace(/\\N/g, '\n').replace(/\\([{}])/g, '$1').replace(/\\\u2060/g, '\\');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const escaped = escapeAssText(text);
        expect(escaped).not.toMatch(/[\n\r]/);
        expect(escaped).not.toMatch(/(^|[^\\])[{}]/);
        expect(escaped).not.toMatch(/\\[^{}N\u2060]/);
        const expected = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
        expect(decode(escaped)).toBe(expected);
      }),
    );
  });
});

describe('a whole plan', () => {
  it('compiles a typical Reel to this video graph', () => {
    const land = videoMedia('/media/beach.mov', { width: 1920, height: 1080, display_width: 1920, display_height: 1080 });
    const plan = compile(
      timeline({
        clips: [
          { id: 'c1', media_id: 'land', in_ms: 1000, out_ms: 4000 },
          { id: 'c2', media_id: 'm1', in_ms: 0, out_ms: 2000, speed: 2 },
        ],
        format: { aspect: '9:16', height: 720, filters: [{ name: 'warm', intensity: 0.5 }] },
        texts: [{ id: 't1', text: 'Summer', start_ms: 0, end_ms: 1000 }],
        fades: { video_in_ms: 0, video_out_ms: 500, audio_in_ms: 0, audio_out_ms: 0 },
      }),
      { land, m1: portrait },
    );
    expect(videoChains(plan)).toEqual([
      '[0:0]setpts=expr=PTS-STARTPTS,fps=fps=30,tpad=stop_mode=clone:stop=-1,trim=end_frame=90,crop=w=608:h=1080:x=656:y=0,scale=w=720:h=1280,setsar=r=1,format=pix_fmts=yuv420p[vc0]',
      '[1:0]setpts=expr=(PTS-STARTPTS)/2,fps=fps=30,tpad=stop_mode=clone:stop=-1,trim=end_frame=30,scale=w=720:h=1280,setsar=r=1,format=pix_fmts=yuv420p[vc1]',
      '[vc0][vc1]concat=n=2:v=1:a=0[vjoin]',
      `[vjoin]colorbalance=rs=0.04:rm=0.03:rh=0.02:bs=-0.04:bm=-0.03:bh=-0.02,fade=t=out:s=105:n=15,ass=filename=${TITLES_FILE}:fontsdir=/fonts/latin,format=pix_fmts=yuv420p[vout]`,
    ]);
    expect(plan.duration_ms).toBe(4000);
    expect([plan.width, plan.height]).toEqual([720, 1280]);
  });
});
