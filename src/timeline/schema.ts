// The timeline: a readable, versioned JSON value. Every reader (renderer, draft codec, track
// summary, web app) reads this; nobody else owns it. All times are integer milliseconds.
// Source times (`in_ms`/`out_ms`) are on the media's own clock; every other time is on the
// output timeline (after speed changes and transitions).
import { z } from 'zod';

export const TIMELINE_VERSION = 1 as const;

export const Ms = z.number().int().nonnegative();
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ffcc00');

export const Aspect = z.enum(['9:16', '1:1', '4:5', '16:9', '1.91:1']);
export type Aspect = z.infer<typeof Aspect>;
export const Fit = z.enum(['fill', 'fit']);
export const Background = z.union([z.enum(['blur', 'black', 'white']), HexColor]);
export const TextPosition = z.enum(['top', 'center', 'bottom']);
export const TextSize = z.enum(['small', 'medium', 'large']);
export const CaptionStyleName = z.enum(['classic', 'karaoke', 'bold']);
export const FilterName = z.enum(['bw', 'warm', 'cool', 'vintage', 'vivid', 'cinematic', 'sepia', 'fade']);
export const TransitionKind = z.enum(['crossfade', 'fade_black', 'slide', 'wipe']);
export const MediaKind = z.enum(['video', 'image', 'audio']);

/** A media bin entry: what the timeline needs to know of a file without re-probing it. */
export const MediaItem = z.strictObject({
  id: z.string().min(1),
  name: z.string(), // what the person called it; for display only, never a path on disk
  kind: MediaKind,
  duration_ms: Ms, // images: 0 (they take the length a clip gives them)
  width: z.number().int().nonnegative(), // display size, after rotation
  height: z.number().int().nonnegative(),
  has_audio: z.boolean(),
  path: z.string().optional(), // where the CLI found it; the server resolves ids itself
});
export type MediaItem = z.infer<typeof MediaItem>;

export const Transform = z.strictObject({
  rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0),
  flip_h: z.boolean().default(false),
  flip_v: z.boolean().default(false),
});
export type Transform = z.infer<typeof Transform>;

export const Clip = z
  .strictObject({
    id: z.string().min(1),
    media_id: z.string().min(1),
    in_ms: Ms,
    out_ms: Ms,
    speed: z.number().min(0.25).max(4).default(1),
    transform: Transform.default({ rotate: 0, flip_h: false, flip_v: false }),
  })
  .refine((c) => c.out_ms > c.in_ms, { message: 'a clip must end after it starts (out_ms > in_ms)' });
export type Clip = z.infer<typeof Clip>;

export const OriginalAudio = z.strictObject({
  volume: z.number().min(0).max(2).default(1),
  muted: z.boolean().default(false),
});

export const MusicSegment = z.strictObject({
  id: z.string().min(1),
  /** A media bin id (user file) or a bundled track id (`lib:<name>`). */
  media_id: z.string().min(1),
  title: z.string(),
  start_ms: Ms,
  end_ms: Ms,
  volume: z.number().min(0).max(1).default(0.35),
  fade_in_ms: Ms.default(0),
  fade_out_ms: Ms.default(0),
  duck: z.boolean().default(false),
  loop: z.boolean().default(true),
}).refine((m) => m.end_ms > m.start_ms, { message: 'music must end after it starts (end_ms > start_ms)' });
export type MusicSegment = z.infer<typeof MusicSegment>;

export const TextStyle = z.strictObject({
  size: TextSize.default('large'),
  color: HexColor.default('#ffffff'),
  outline: z.boolean().default(true),
  box: z.boolean().default(false),
});

export const TextSegment = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1).max(500),
  start_ms: Ms,
  end_ms: Ms,
  position: TextPosition.default('center'),
  style: TextStyle.default({ size: 'large', color: '#ffffff', outline: true, box: false }),
}).refine((t) => t.end_ms > t.start_ms, { message: 'a text must end after it starts (end_ms > start_ms)' });
export type TextSegment = z.infer<typeof TextSegment>;

export const CaptionWord = z.strictObject({
  text: z.string(),
  start_ms: Ms,
  end_ms: Ms,
  confidence: z.number().min(0).max(1).optional(),
}).refine((w) => w.end_ms >= w.start_ms, { message: 'a caption word cannot end before it starts' });

export const Captions = z.strictObject({
  source: z.enum(['speech', 'text', 'file']),
  language: z.string().optional(),
  style: CaptionStyleName.default('classic'),
  size: TextSize.default('medium'),
  color: HexColor.default('#ffffff'),
  position: TextPosition.default('bottom'),
  words: z.array(CaptionWord).default([]),
});
export type Captions = z.infer<typeof Captions>;

export const ColorAdjust = z.strictObject({
  brightness: z.number().min(-1).max(1).default(0),
  contrast: z.number().min(-1).max(1).default(0),
  saturation: z.number().min(-1).max(1).default(0),
});

export const Format = z.strictObject({
  aspect: Aspect,
  fit: Fit.default('fill'),
  background: Background.default('blur'),
  height: z.number().int().min(240).max(1920).default(1080), // the short side, as "1080p" means
  fps: z.number().int().min(23).max(60).default(30),
  filters: z.array(z.strictObject({ name: FilterName, intensity: z.number().min(0).max(1).default(1) })).default([]),
  color: ColorAdjust.default({ brightness: 0, contrast: 0, saturation: 0 }),
  cover_ms: Ms.nullable().default(null),
});
export type Format = z.infer<typeof Format>;

export const Fades = z.strictObject({
  video_in_ms: Ms.default(0),
  video_out_ms: Ms.default(0),
  audio_in_ms: Ms.default(0),
  audio_out_ms: Ms.default(0),
});

export const Transition = z.strictObject({ kind: TransitionKind, duration_ms: Ms });

export const Timeline = z.strictObject({
  version: z.literal(TIMELINE_VERSION),
  media: z.array(MediaItem).default([]),
  clips: z.array(Clip).default([]),
  original_audio: OriginalAudio.default({ volume: 1, muted: false }),
  music: z.array(MusicSegment).default([]),
  texts: z.array(TextSegment).default([]),
  captions: Captions.nullable().default(null),
  format: Format,
  fades: Fades.default({ video_in_ms: 0, video_out_ms: 0, audio_in_ms: 0, audio_out_ms: 0 }),
  /** One transition style between every pair of adjacent clips; null = hard cuts. */
  transition: Transition.nullable().default(null),
  loudness: z.strictObject({ target_lufs: z.number().min(-30).max(-5).default(-14) }).default({ target_lufs: -14 }),
  stabilize: z.strictObject({ strength: z.number().min(0).max(1) }).nullable().default(null),
});
export type Timeline = z.infer<typeof Timeline>;
export type TimelineInput = z.input<typeof Timeline>;
