// fast-check generators for timelines and operations, shared by the property tests.
import fc from 'fast-check';
import { Timeline, type MediaItem, type TimelineInput } from '../../src/timeline/index.js';

const id = fc.string({ minLength: 1, maxLength: 4 });
const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
// `+ 0` turns -0 into 0: JSON has no -0, and no one means it.
const unit = fc.double({ min: 0, max: 1, noNaN: true }).map((v) => v + 0);
const signedUnit = fc.double({ min: -1, max: 1, noNaN: true }).map((v) => v + 0);
const ms = fc.nat({ max: 120_000 });
const positive = fc.integer({ min: 1, max: 60_000 });

const mediaItem: fc.Arbitrary<MediaItem> = fc.record(
  {
    id,
    name: fc.string({ maxLength: 12 }),
    kind: fc.constantFrom('video', 'image', 'audio'),
    duration_ms: ms,
    width: fc.nat({ max: 4000 }),
    height: fc.nat({ max: 4000 }),
    has_audio: fc.boolean(),
    path: fc.string({ maxLength: 12 }),
  },
  { requiredKeys: ['id', 'name', 'kind', 'duration_ms', 'width', 'height', 'has_audio'] },
);

const transform = fc.record({
  rotate: fc.constantFrom(0 as const, 90 as const, 180 as const, 270 as const),
  flip_h: fc.boolean(),
  flip_v: fc.boolean(),
});

const clip = (mediaId: fc.Arbitrary<string>) =>
  fc
    .record({
      id,
      media_id: mediaId,
      in_ms: ms,
      len: positive,
      speed: fc.double({ min: 0.25, max: 4, noNaN: true }),
      transform,
    })
    .map(({ len, ...c }) => ({ ...c, out_ms: c.in_ms + len }));

const music = fc
  .record({
    id,
    media_id: id,
    title: fc.string({ maxLength: 12 }),
    start_ms: ms,
    len: positive,
    volume: unit,
    fade_in_ms: ms,
    fade_out_ms: ms,
    duck: fc.boolean(),
    loop: fc.boolean(),
  })
  .map(({ len, ...m }) => ({ ...m, end_ms: m.start_ms + len }));

const textStyle = fc.record({
  size: fc.constantFrom('small', 'medium', 'large'),
  color: hex,
  outline: fc.boolean(),
  box: fc.boolean(),
});

const text = fc
  .record({
    id,
    text: fc.string({ minLength: 1, maxLength: 20 }),
    start_ms: ms,
    len: positive,
    position: fc.constantFrom('top', 'center', 'bottom'),
    style: textStyle,
  })
  .map(({ len, ...t }) => ({ ...t, end_ms: t.start_ms + len }));

const word = fc
  .record(
    { text: fc.string({ maxLength: 8 }), start_ms: ms, len: fc.nat({ max: 2000 }), confidence: unit },
    { requiredKeys: ['text', 'start_ms', 'len'] },
  )
  .map(({ len, ...w }) => ({ ...w, end_ms: w.start_ms + len }));

const captions = fc.record(
  {
    source: fc.constantFrom('speech', 'text', 'file'),
    language: fc.constantFrom('en', 'zh', 'es'),
    style: fc.constantFrom('classic', 'karaoke', 'bold'),
    size: fc.constantFrom('small', 'medium', 'large'),
    color: hex,
    position: fc.constantFrom('top', 'center', 'bottom'),
    words: fc.array(word, { maxLength: 8 }),
  },
  { requiredKeys: ['source', 'style', 'size', 'color', 'position', 'words'] },
);

const format = fc.record({
  aspect: fc.constantFrom('9:16', '1:1', '4:5', '16:9', '1.91:1'),
  fit: fc.constantFrom('fill', 'fit'),
  background: fc.oneof(fc.constantFrom('blur', 'black', 'white'), hex),
  height: fc.integer({ min: 240, max: 1920 }),
  fps: fc.integer({ min: 23, max: 60 }),
  filters: fc.array(
    fc.record({
      name: fc.constantFrom('bw', 'warm', 'cool', 'vintage', 'vivid', 'cinematic', 'sepia', 'fade'),
      intensity: unit,
    }),
    { maxLength: 3 },
  ),
  color: fc.record({ brightness: signedUnit, contrast: signedUnit, saturation: signedUnit }),
  cover_ms: fc.option(ms, { nil: null }),
});

/** Any timeline the schema accepts, however odd (ids that point nowhere, overlays past the end). */
export const anyTimeline: fc.Arbitrary<Timeline> = fc
  .array(mediaItem, { maxLength: 4 })
  .chain((media) => {
    const mediaId = media.length > 0 ? fc.oneof(fc.constantFrom(...media.map((m) => m.id)), id) : id;
    return fc.record({
      version: fc.constant(1 as const),
      media: fc.constant(media),
      clips: fc.array(clip(mediaId), { maxLength: 6 }),
      original_audio: fc.record({ volume: fc.double({ min: 0, max: 2, noNaN: true }).map((v) => v + 0), muted: fc.boolean() }),
      music: fc.array(music, { maxLength: 2 }),
      texts: fc.array(text, { maxLength: 3 }),
      captions: fc.option(captions, { nil: null }),
      format,
      fades: fc.record({ video_in_ms: ms, video_out_ms: ms, audio_in_ms: ms, audio_out_ms: ms }),
      transition: fc.option(
        fc.record({ kind: fc.constantFrom('crossfade', 'fade_black', 'slide', 'wipe'), duration_ms: fc.nat({ max: 5000 }) }),
        { nil: null },
      ),
      loudness: fc.record({ target_lufs: fc.double({ min: -30, max: -5, noNaN: true }) }),
      stabilize: fc.option(fc.record({ strength: unit }), { nil: null }),
    });
  })
  .map((t) => Timeline.parse(t satisfies TimelineInput));

/** Media a person would upload: videos of 1–20 s, photos, a song. */
export const binItems: MediaItem[] = [
  { id: 'v1', name: 'clip.mp4', kind: 'video', duration_ms: 10_000, width: 1080, height: 1920, has_audio: true },
  { id: 'v2', name: 'beach.mp4', kind: 'video', duration_ms: 4_000, width: 1920, height: 1080, has_audio: true },
  { id: 'i1', name: 'photo.jpg', kind: 'image', duration_ms: 0, width: 1080, height: 1080, has_audio: false },
  { id: 'a1', name: 'song.mp3', kind: 'audio', duration_ms: 30_000, width: 0, height: 0, has_audio: true },
  { id: 'v3', name: 'silent.mov', kind: 'video', duration_ms: 2_500, width: 720, height: 1280, has_audio: false },
];

const t = fc.integer({ min: 0, max: 25_000 });
const clipNo = fc.integer({ min: 1, max: 8 });
/** Mostly ordered start/end pairs (short ranges too), sometimes not: both kinds must be handled. */
const range = fc.oneof(
  fc.tuple(t, t).map(([a, b]) => ({ start_ms: Math.min(a, b), end_ms: Math.max(a, b) })),
  fc.tuple(fc.integer({ min: 0, max: 12_000 }), fc.integer({ min: 1, max: 3000 })).map(([a, len]) => ({ start_ms: a, end_ms: a + len })),
  fc.record({ start_ms: t, end_ms: t }),
);
const optRange = fc.oneof(range, range.map(({ start_ms }) => ({ start_ms })), range.map(({ end_ms }) => ({ end_ms })));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** Drops keys whose value is undefined, as JSON would. */
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Operations with plausible and implausible arguments: some will not fit the timeline. */
export const anyOperation: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(
    fc.record({ op: fc.constant('set_aspect'), aspect: fc.constantFrom('9:16', '1:1', '4:5', '16:9', '1.91:1'), fit: opt(fc.constantFrom('fill', 'fit')), background: opt(fc.constantFrom('blur', 'black', '#112233')) }),
    fc.record({ op: fc.constant('set_resolution'), height: fc.constantFrom(240, 480, 720, 1080) }),
    fc.record({ op: fc.constant('set_fps'), fps: fc.integer({ min: 23, max: 60 }) }),
    fc.tuple(optRange, opt(clipNo)).map(([r, clip]) => ({ op: 'trim', ...r, clip })),
    fc.tuple(range, opt(clipNo)).map(([r, clip]) => ({ op: 'cut', ...r, clip })),
    fc.record({ op: fc.constant('set_duration'), duration_ms: fc.integer({ min: 1, max: 25_000 }) }),
    fc.record({ op: fc.constant('split'), at_ms: t }),
    fc.record({ op: fc.constant('reorder'), clip: clipNo, to: clipNo }),
    fc.record({ op: fc.constant('delete_clip'), clip: clipNo }),
    fc.tuple(fc.constantFrom(0.25, 0.5, 1.5, 2, 3, 4), fc.option(optRange, { nil: {} }), opt(clipNo)).map(([factor, r, clip]) => ({ op: 'set_speed', factor, ...r, clip })),
    fc.record({ op: fc.constant('add_text'), text: fc.constantFrom('Urban Dreams', 'Hi', '你好'), start_ms: opt(fc.integer({ min: 0, max: 8000 })), end_ms: opt(t), position: opt(fc.constantFrom('top', 'center', 'bottom')), style: opt(fc.record({ size: opt(fc.constantFrom('small', 'large')), color: opt(fc.constantFrom('yellow', '#00ff00')) }).map(clean)) }),
    fc.record({ op: fc.constant('add_captions'), source: opt(fc.constantFrom('speech', 'text', 'file')), text: opt(fc.constantFrom('hello there world', '今天天气很好', 'one')), style: opt(fc.constantFrom('classic', 'karaoke', 'bold')) }),
    fc.record({ op: fc.constant('add_music'), query: opt(fc.constantFrom('lo-fi', 'trending', 'song.mp3')), media_id: opt(fc.constantFrom('a1', 'v1', 'nope', 'i1')), volume: opt(fc.constantFrom(0, 0.35, 1)), fade_in_ms: opt(t), fade_out_ms: opt(t), duck: opt(fc.boolean()) }),
    fc.record({ op: fc.constant('set_volume'), target: fc.constantFrom('original', 'music', 'all'), volume: fc.constantFrom(0, 0.5, 1, 1.5, 2) }),
    fc.record({ op: fc.constant('mute'), target: fc.constantFrom('original', 'music') }),
    fc.record({ op: fc.constant('fade'), direction: fc.constantFrom('in', 'out'), duration_ms: opt(fc.integer({ min: 1, max: 20_000 })), target: opt(fc.constantFrom('video', 'audio', 'both')) }),
    fc.record({ op: fc.constant('add_transition'), kind: fc.constantFrom('crossfade', 'fade_black', 'slide', 'wipe', 'none'), duration_ms: opt(fc.integer({ min: 100, max: 3000 })) }),
    fc.record({ op: fc.constant('apply_filter'), name: fc.constantFrom('bw', 'warm', 'vintage', 'none'), intensity: opt(fc.constantFrom(0.5, 1)) }),
    fc.record({ op: fc.constant('adjust_color'), brightness: opt(signedUnit), contrast: opt(signedUnit), saturation: opt(signedUnit) }),
    fc.record({ op: fc.constant('rotate'), degrees: fc.constantFrom(90, 180, 270) }),
    fc.record({ op: fc.constant('flip'), axis: fc.constantFrom('horizontal', 'vertical') }),
    fc.record({ op: fc.constant('stabilize'), strength: opt(unit) }),
    fc.record({ op: fc.constant('style_captions'), style: opt(fc.constantFrom('bold', 'karaoke')), size: opt(fc.constantFrom('small', 'large')), color: opt(fc.constantFrom('yellow', '#ff0000')), position: opt(fc.constantFrom('top', 'bottom')) }),
    fc.record({ op: fc.constant('edit_caption'), at_ms: t, text: fc.constantFrom('see you soon', '再见') }),
    fc.record({ op: fc.constant('beat_sync'), media_id: opt(fc.constantFrom('a1')) }),
    fc.record({ op: fc.constant('remove_silence'), min_silence_ms: opt(fc.constantFrom(300, 500)) }),
    fc.record({ op: fc.constant('normalize_audio'), target_lufs: opt(fc.constantFrom(-14, -16)) }),
    fc.record({ op: fc.constant('set_cover'), at_ms: t }),
    fc.record({ op: fc.constant('add_clip'), media: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom('beach.mp4', 'photo', 'v1', 'song.mp3', 'missing.mp4')), at: opt(fc.oneof(fc.constantFrom('end', 'start'), clipNo)) }),
    fc.record({ op: fc.constant('select_media'), media: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom('beach.mp4', 'v3')) }),
  )
  .map((o) => clean(o as Record<string, unknown>));
