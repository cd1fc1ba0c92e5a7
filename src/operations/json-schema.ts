// The operations as language-model tool definitions: one tool per operation, named by it, whose
// parameters are the operation's arguments as JSON Schema (from the same zod schemas that
// validate them, so a tool call that fits the schema also passes parseOperation).
import { z } from 'zod';
import { Operation, OPERATION_NAMES, OPERATION_SCHEMAS, type OperationName } from './schemas.js';

export interface ToolDefinition {
  name: OperationName;
  description: string;
  /** JSON Schema of an object: the operation's arguments without `op`. */
  parameters: Record<string, unknown>;
}

/** What each operation does, for the model choosing among them (OPERATIONS.md's "a person says"). */
export const OPERATION_DESCRIPTIONS: Record<OperationName, string> = {
  set_aspect: 'Change the frame: 9:16 for Reels and Stories, 1:1 or 4:5 for the feed, 16:9 or 1.91:1 landscape. fill crops, fit pads.',
  set_resolution: 'Set the export resolution by its short side, e.g. 1080 for 1080p.',
  set_fps: 'Set the frame rate (23 to 60).',
  trim: 'Keep only a part: from start_ms to end_ms of the video (or of one clip).',
  cut: 'Remove the part from start_ms to end_ms of the video (or of one clip).',
  set_duration: 'Make the video this long by trimming its end.',
  split: 'Split the clip under at_ms into two clips.',
  reorder: 'Move a clip to another position (clip numbers count from 1).',
  delete_clip: 'Delete a clip (clip numbers count from 1).',
  set_speed: 'Change playback speed of the whole video, a time range or one clip (2 = twice as fast, 0.5 = slow motion).',
  add_text: 'Show a title or text on screen; without times it stays for the whole video.',
  add_captions: 'Add captions (subtitles): from the speech, or spread a given text over the video.',
  add_music: 'Add background music under the whole video: a mood, genre or "trending", or an uploaded song.',
  set_volume: 'Set the volume of the original audio, the music or both (1 = as recorded).',
  mute: 'Mute the original audio or the music.',
  fade: 'Fade in at the start or out at the end, of the picture, the sound or both.',
  add_transition: 'Put a transition between every two clips (none removes them).',
  apply_filter: 'Apply a colour look such as black and white, warm, vintage or cinematic (none removes them).',
  adjust_color: 'Make the picture brighter/darker, more/less contrasty or saturated (-1 to 1, adds up).',
  rotate: 'Rotate the video clockwise by 90, 180 or 270 degrees.',
  flip: 'Mirror the video horizontally or vertically.',
  stabilize: 'Stabilize shaky footage.',
  style_captions: 'Change how the captions look: style, size, colour, position.',
  edit_caption: 'Change the words of the caption on screen at at_ms.',
  beat_sync: 'Cut the clips to the beat of the music.',
  split_scenes: 'Split long clips into their shots, at the scene changes found in the picture.',
  remove_silence: 'Cut out pauses and silent parts.',
  normalize_audio: 'Even out the loudness (default -14 LUFS, what Instagram creators use).',
  set_cover: 'Use the frame at at_ms as the cover image.',
  add_clip: 'Add a file from the media bin to this video, at the end, the start, or as clip number N.',
  select_media: 'Start editing another file from the media bin on its own (batch editing).',
  undo: 'Undo the last change.',
  redo: 'Redo the change that was undone.',
  reset: 'Start over from the original video.',
};

/** JSON Schema of one operation's arguments (an object schema without `op`). */
export function operationParameters(name: OperationName): Record<string, unknown> {
  const schema = z.toJSONSchema(OPERATION_SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = schema;
  const properties = { ...(rest.properties as Record<string, unknown>) };
  delete properties.op;
  const required = ((rest.required as string[] | undefined) ?? []).filter((k) => k !== 'op');
  return tidy({ ...rest, properties, ...(required.length > 0 ? { required } : { required: undefined }) }) as Record<
    string,
    unknown
  >;
}

export function operationTools(): ToolDefinition[] {
  return OPERATION_NAMES.map((name) => ({
    name,
    description: OPERATION_DESCRIPTIONS[name],
    parameters: operationParameters(name),
  }));
}

// Integer schemas carry JavaScript's safe-integer bounds; they say nothing to a model, so drop
// them, along with keys left undefined.
function tidy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(tidy);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if ((k === 'maximum' && x === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && x === Number.MIN_SAFE_INTEGER)) continue;
    out[k] = tidy(x);
  }
  return out;
}

/** JSON Schema of any one operation (the discriminated union on `op`), e.g. to check planner output. */
export function operationJsonSchema(): Record<string, unknown> {
  return tidy(z.toJSONSchema(Operation, { io: 'input', unrepresentable: 'any' })) as Record<string, unknown>;
}
