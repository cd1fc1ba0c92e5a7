// The one vocabulary of edits (docs: OPERATIONS.md). Every producer of edits (planner, language
// model, web buttons, history) speaks these objects, and `parseOperation` is the one validator.
// Schemas carry no defaults: `apply` decides them, so a recorded operation says only what was asked.
import { z } from 'zod';
import {
  Aspect,
  Background,
  CaptionStyleName,
  CaptionWord,
  Fit,
  FilterName,
  TextPosition,
  TextSize,
  TransitionKind,
} from '../timeline/schema.js';
import { ReelcutError } from '../errors.js';
import { describeIssues } from '../timeline/issues.js';

const Ms = z.number().int().nonnegative();
const ClipNumber = z.number().int().min(1).describe('clip number on the video track, counted from 1');

/** Colours a person names; `apply` turns them into hex. */
export const NAMED_COLORS = {
  white: '#ffffff',
  black: '#000000',
  yellow: '#ffdd00',
  red: '#ff3b30',
  green: '#34c759',
  blue: '#0a84ff',
  orange: '#ff9500',
  pink: '#ff2d92',
  purple: '#af52de',
  cyan: '#32d6ff',
} as const;
const COLOR_NAMES = Object.keys(NAMED_COLORS) as [keyof typeof NAMED_COLORS, ...Array<keyof typeof NAMED_COLORS>];
export const ColorArg = z.union([
  z.string().regex(/^#[0-9a-fA-F]{6}$/, `a colour like #ffcc00 or one of ${COLOR_NAMES.join(', ')}`),
  z.enum(COLOR_NAMES),
]);

/** What a bin item is called in an operation: its 1-based bin number, file name or media id. */
export const MediaRef = z.union([z.number().int().min(1), z.string().min(1)]);

const op = <N extends string, S extends z.core.$ZodLooseShape>(name: N, shape: S) =>
  z.strictObject({ op: z.literal(name), ...shape });

export const SetAspect = op('set_aspect', {
  aspect: Aspect.describe('the frame: 9:16 Reels/Stories, 1:1 square, 4:5 feed, 16:9 or 1.91:1 landscape'),
  fit: Fit.optional().describe('fill crops to the frame; fit keeps everything and pads'),
  background: Background.optional().describe('what pads a fitted picture: blur, black, white or #rrggbb'),
});
export const SetResolution = op('set_resolution', {
  height: z.number().int().min(240).max(1080).describe('the short side in pixels, as "1080p" says; 1080 at most'),
});
export const SetFps = op('set_fps', {
  fps: z.number().int().min(23).max(60).describe('frames per second, 23 to 60'),
});
export const Trim = op('trim', {
  start_ms: Ms.optional().describe('keep from this time (ms)'),
  end_ms: Ms.optional().describe('keep until this time (ms)'),
  clip: ClipNumber.optional().describe('trim only this clip; times are then within the clip'),
})
  .refine((o) => o.start_ms !== undefined || o.end_ms !== undefined, {
    message: 'needs start_ms, end_ms or both',
  })
  .refine((o) => o.start_ms === undefined || o.end_ms === undefined || o.end_ms > o.start_ms, {
    message: 'end_ms must come after start_ms',
  });
export const Cut = op('cut', {
  start_ms: Ms.describe('remove from this time (ms)'),
  end_ms: Ms.describe('remove until this time (ms)'),
  clip: ClipNumber.optional().describe('cut inside this clip only; times are then within the clip'),
}).refine((o) => o.end_ms > o.start_ms, { message: 'end_ms must come after start_ms' });
export const SetDuration = op('set_duration', {
  duration_ms: z.number().int().min(1).describe('the length to trim the video to (ms); trims the end'),
});
export const Split = op('split', { at_ms: Ms.describe('where to split (ms)') });
export const Reorder = op('reorder', {
  clip: ClipNumber.describe('the clip to move'),
  to: ClipNumber.describe('the position it takes, counted from 1'),
});
export const DeleteClip = op('delete_clip', { clip: ClipNumber.describe('the clip to delete') });
export const SetSpeed = op('set_speed', {
  factor: z.number().min(0.25).max(4).describe('playback speed: 2 is twice as fast, 0.5 slow motion (0.25 to 4)'),
  start_ms: Ms.optional().describe('from this time (ms); default: the start'),
  end_ms: Ms.optional().describe('until this time (ms); default: the end'),
  clip: ClipNumber.optional().describe('only this clip; times are then within the clip'),
}).refine((o) => o.start_ms === undefined || o.end_ms === undefined || o.end_ms > o.start_ms, {
  message: 'end_ms must come after start_ms',
});
export const TextStyleArg = z.strictObject({
  size: TextSize.optional(),
  color: ColorArg.optional(),
  outline: z.boolean().optional(),
  box: z.boolean().optional(),
});
export const AddText = op('add_text', {
  text: z.string().trim().min(1).max(500).describe('the words to show'),
  start_ms: Ms.optional().describe('when it appears (ms); default 0'),
  end_ms: Ms.optional().describe('when it disappears (ms); default the end of the video'),
  position: TextPosition.optional(),
  style: TextStyleArg.optional().describe('size, color, outline, box'),
}).refine((o) => o.start_ms === undefined || o.end_ms === undefined || o.end_ms > o.start_ms, {
  message: 'end_ms must come after start_ms',
});
export const AddCaptions = op('add_captions', {
  source: z.enum(['speech', 'text', 'file']).optional().describe('speech: transcribe the audio; text: the given text'),
  text: z.string().trim().min(1).optional().describe('the caption text, when source is text'),
  style: CaptionStyleName.optional(),
  language: z.string().min(2).max(16).optional().describe('language code, e.g. en, zh'),
  words: z
    .array(CaptionWord)
    .max(20_000)
    .optional()
    .describe('timed words on the output timeline; reelcut fills these in from the transcript, a planner leaves them out'),
}).refine((o) => o.source !== 'text' || o.text !== undefined, {
  message: 'source "text" needs the text',
});
export const AddMusic = op('add_music', {
  query: z.string().trim().min(1).max(100).optional().describe('mood, genre or "trending"'),
  media_id: z.string().min(1).optional().describe('an uploaded audio file to use'),
  volume: z.number().min(0).max(1).optional().describe('0 to 1; default 0.35'),
  fade_in_ms: Ms.optional(),
  fade_out_ms: Ms.optional(),
  duck: z.boolean().optional().describe('lower the music under speech'),
});
export const SetVolume = op('set_volume', {
  target: z.enum(['original', 'music', 'all']),
  volume: z.number().min(0).max(2).describe('0 silent, 1 as recorded, up to 2 (music up to 1)'),
});
export const Mute = op('mute', { target: z.enum(['original', 'music']) });
export const Fade = op('fade', {
  direction: z.enum(['in', 'out']),
  duration_ms: z.number().int().min(1).max(60_000).optional().describe('default 1000'),
  target: z.enum(['video', 'audio', 'both']).optional().describe('default both'),
});
export const AddTransition = op('add_transition', {
  kind: z.enum([...TransitionKind.options, 'none']).describe('between every two clips; none removes them'),
  duration_ms: z.number().int().min(100).max(3000).optional().describe('default 500'),
});
export const ApplyFilter = op('apply_filter', {
  name: z.enum([...FilterName.options, 'none']).describe('a look; none removes all filters'),
  intensity: z.number().min(0).max(1).optional().describe('0 to 1; default 1'),
});
const ColorAmount = z.number().min(-1).max(1);
export const AdjustColor = op('adjust_color', {
  brightness: ColorAmount.optional().describe('-1 to 1, added to the current value'),
  contrast: ColorAmount.optional().describe('-1 to 1, added to the current value'),
  saturation: ColorAmount.optional().describe('-1 to 1, added to the current value'),
}).refine((o) => o.brightness !== undefined || o.contrast !== undefined || o.saturation !== undefined, {
  message: 'needs brightness, contrast or saturation',
});
export const Rotate = op('rotate', {
  degrees: z.union([z.literal(90), z.literal(180), z.literal(270)]).describe('clockwise'),
});
export const Flip = op('flip', { axis: z.enum(['horizontal', 'vertical']) });
export const Stabilize = op('stabilize', { strength: z.number().min(0).max(1).optional().describe('0 to 1; default 0.5') });
export const StyleCaptions = op('style_captions', {
  style: CaptionStyleName.optional(),
  size: TextSize.optional(),
  color: ColorArg.optional(),
  position: TextPosition.optional(),
}).refine((o) => Object.keys(o).length > 1, { message: 'needs style, size, color or position' });
export const EditCaption = op('edit_caption', {
  at_ms: Ms.describe('a time (ms) when the caption to change is on screen'),
  text: z.string().trim().min(1).max(500).describe('the new caption text'),
});
export const SplitScenes = op('split_scenes', {
  threshold: z.number().min(0.05).max(0.9).optional().describe('how different two frames must be to start a new shot, 0.05 to 0.9; default 0.3'),
});
export const BeatSync = op('beat_sync', { media_id: z.string().min(1).optional().describe('the music to follow') });
export const RemoveSilence = op('remove_silence', {
  min_silence_ms: z.number().int().min(100).max(10_000).optional().describe('shortest pause to remove; default 500'),
  threshold_db: z.number().min(-90).max(0).optional().describe('quieter than this is silence; default -35'),
});
export const NormalizeAudio = op('normalize_audio', {
  target_lufs: z.number().min(-30).max(-5).optional().describe('integrated loudness; default -14'),
});
export const SetCover = op('set_cover', { at_ms: Ms.describe('the frame to use as the cover (ms)') });
export const AddClip = op('add_clip', {
  media: MediaRef.describe('a media bin number (from 1), a file name or a media id'),
  at: z
    .union([z.enum(['end', 'start']), z.number().int().min(1)])
    .optional()
    .describe('end (default), start, or the clip number it becomes'),
});
export const SelectMedia = op('select_media', {
  media: MediaRef.describe('a media bin number (from 1), a file name or a media id'),
});
export const Undo = op('undo', {});
export const Redo = op('redo', {});
export const Reset = op('reset', {});

export const Operation = z.discriminatedUnion('op', [
  SetAspect,
  SetResolution,
  SetFps,
  Trim,
  Cut,
  SetDuration,
  Split,
  Reorder,
  DeleteClip,
  SetSpeed,
  AddText,
  AddCaptions,
  AddMusic,
  SetVolume,
  Mute,
  Fade,
  AddTransition,
  ApplyFilter,
  AdjustColor,
  Rotate,
  Flip,
  Stabilize,
  StyleCaptions,
  EditCaption,
  BeatSync,
  RemoveSilence,
  NormalizeAudio,
  SetCover,
  AddClip,
  SelectMedia,
  SplitScenes,
  Undo,
  Redo,
  Reset,
]);
export type Operation = z.infer<typeof Operation>;
export type OperationName = Operation['op'];
export type OperationOf<N extends OperationName> = Extract<Operation, { op: N }>;

/** Each operation's schema by name, in the order of OPERATIONS.md. */
export const OPERATION_SCHEMAS = Object.fromEntries(Operation.options.map((s) => [s.shape.op.value, s])) as unknown as {
  [N in OperationName]: z.ZodType<OperationOf<N>>;
};
export const OPERATION_NAMES = Operation.options.map((s) => s.shape.op.value) as OperationName[];

/** Operations that move between versions rather than change one; `applyWithHistory` handles them. */
export const HISTORY_OPERATIONS = ['undo', 'redo', 'reset'] as const satisfies readonly OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && (OPERATION_NAMES as string[]).includes(name);
}

/** Validates one operation; throws INVALID_INPUT with a message naming the operation and the field. */
export function parseOperation(input: unknown): Operation {
  const result = safeParseOperation(input);
  if (!result.ok) throw new ReelcutError('INVALID_INPUT', result.message, { operation: input });
  return result.operation;
}

export type ParsedOperation = { ok: true; operation: Operation } | { ok: false; message: string };

export function safeParseOperation(input: unknown): ParsedOperation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'an operation is a JSON object like {"op": "trim", "end_ms": 30000}' };
  }
  const name = (input as { op?: unknown }).op;
  if (!isOperationName(name)) {
    const got = name === undefined ? 'no "op"' : `"op": ${JSON.stringify(name)}`;
    return { ok: false, message: `unknown operation (${got}); the operations are: ${OPERATION_NAMES.join(', ')}` };
  }
  const parsed = Operation.safeParse(input);
  if (parsed.success) return { ok: true, operation: parsed.data };
  return { ok: false, message: `${name}: ${describeIssues(parsed.error.issues, input)}` };
}

export { describeIssues };

export function resolveColor(color: z.infer<typeof ColorArg>): string {
  return color.startsWith('#') ? color.toLowerCase() : NAMED_COLORS[color as keyof typeof NAMED_COLORS];
}
