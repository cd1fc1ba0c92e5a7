// One line a person reads for an operation: what the agent says it did, what `plan` prints,
// what the history shows. "Crop to 1:1 (1080×1080)", "Add the title “Urban Dreams” 0–3 s".
import { formatSeconds, frameSize, type Timeline } from '../timeline/index.js';
import type { Operation } from './schemas.js';

export interface DescribeContext {
  /** The timeline the operation applies to: gives the output height for frame sizes. */
  timeline?: Pick<Timeline, 'format'> & Partial<Pick<Timeline, 'media' | 'music'>>;
}

/** A media id as the person knows it: the file's name in the bin when the timeline is at hand. */
export function binName(id: string, ctx: DescribeContext): string {
  const name = ctx.timeline?.media?.find((m) => m.id === id)?.name;
  return name ? `"${name}"` : id;
}

const s = (ms: number) => `${formatSeconds(ms)} s`;
const range = (a: number, b: number) => `${formatSeconds(a)}–${formatSeconds(b)} s`;
const pct = (v: number) => `${Math.round(v * 100)}%`;
const quoted = (text: string) => `“${text}”`;

const FILTER_WORDS: Record<string, string> = {
  bw: 'black-and-white',
  warm: 'warm',
  cool: 'cool',
  vintage: 'vintage',
  vivid: 'vivid',
  cinematic: 'cinematic',
  sepia: 'sepia',
  fade: 'faded',
};

function span(start?: number, end?: number): string {
  if (start === undefined && end === undefined) return '';
  if (start === undefined) return ` until ${s(end!)}`;
  if (end === undefined) return ` from ${s(start)}`;
  return ` ${range(start, end)}`;
}

function ofClip(clip?: number): string {
  return clip === undefined ? '' : ` of clip ${clip}`;
}

function mediaName(media: number | string): string {
  return typeof media === 'number' ? `media ${media}` : media;
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : '−'}${Math.round(Math.abs(v) * 100)}%`;
}

export function describeOperation(op: Operation, ctx: DescribeContext = {}): string {
  switch (op.op) {
    case 'set_aspect': {
      const { width, height } = frameSize(op.aspect, ctx.timeline?.format.height ?? 1080);
      const size = `${op.aspect} (${width}×${height})`;
      if (op.fit === 'fit' || (op.fit === undefined && op.background !== undefined)) {
        const bg = op.background === undefined ? '' : op.background === 'blur' ? ' on a blurred background' : ` on ${op.background}`;
        return `Fit into ${size}${bg}`;
      }
      return `Crop to ${size}`;
    }
    case 'set_resolution':
      return `Export at ${op.height}p`;
    case 'set_fps':
      return `Set ${op.fps} fps`;
    case 'trim':
      if (op.start_ms === undefined) return `Keep the first ${s(op.end_ms!)}${ofClip(op.clip)}`;
      if (op.end_ms === undefined) return `Keep from ${s(op.start_ms)}${ofClip(op.clip)}`;
      return `Keep ${range(op.start_ms, op.end_ms)}${ofClip(op.clip)}`;
    case 'cut':
      return `Cut ${range(op.start_ms, op.end_ms)}${ofClip(op.clip)}`;
    case 'set_duration':
      return `Make it ${s(op.duration_ms)} long`;
    case 'split':
      return `Split at ${s(op.at_ms)}`;
    case 'reorder':
      return `Move clip ${op.clip} to position ${op.to}`;
    case 'delete_clip':
      return `Delete clip ${op.clip}`;
    case 'set_speed': {
      const verb = op.factor > 1 ? 'Speed up to' : op.factor < 1 ? 'Slow down to' : 'Play at';
      const where = op.clip !== undefined ? ` (clip ${op.clip}${span(op.start_ms, op.end_ms)})` : span(op.start_ms, op.end_ms);
      return `${verb} ${op.factor}×${where}`;
    }
    case 'add_text': {
      const times = op.start_ms === undefined && op.end_ms === undefined ? ' for the whole video' : span(op.start_ms, op.end_ms);
      const where = op.position && op.position !== 'center' ? ` at the ${op.position}` : '';
      return `Add the title ${quoted(op.text)}${times}${where}`;
    }
    case 'add_captions': {
      const source = op.source ?? (op.text === undefined ? 'speech' : 'text');
      const from = source === 'speech' ? 'from the speech' : source === 'file' ? 'from a file' : `${quoted(op.text ?? '')}`;
      const style = op.style ? ` (${op.style} style)` : '';
      const lang = op.language ? `, language ${op.language}` : '';
      return `Add captions ${from}${style}${lang}`;
    }
    case 'add_music': {
      const what = op.media_id !== undefined ? binName(op.media_id, ctx) : op.query ?? 'trending';
      const extras = [pct(op.volume ?? 0.35)];
      if (op.fade_in_ms) extras.push(`fade in ${s(op.fade_in_ms)}`);
      if (op.fade_out_ms) extras.push(`fade out ${s(op.fade_out_ms)}`);
      if (op.duck) extras.push('ducked under speech');
      return `Add music: ${what} (${extras.join(', ')})`;
    }
    case 'set_volume': {
      const target = op.target === 'original' ? 'the original audio' : op.target === 'music' ? 'the music' : 'all audio';
      return `Set ${target} to ${pct(op.volume)}`;
    }
    case 'mute':
      return op.target === 'original' ? 'Mute the original audio' : 'Mute the music';
    case 'fade': {
      const target = op.target ?? 'both';
      const what = target === 'both' ? 'picture and sound' : target === 'video' ? 'picture' : 'sound';
      return `Fade ${op.direction} ${op.direction === 'in' ? 'at the start' : 'at the end'} (${s(op.duration_ms ?? 1000)}, ${what})`;
    }
    case 'add_transition':
      if (op.kind === 'none') return 'Remove the transitions between clips';
      return `Add ${op.kind.replace('_', ' ')} transitions between clips (${s(op.duration_ms ?? 500)})`;
    case 'apply_filter':
      if (op.name === 'none') return 'Remove the colour filters';
      return `Apply the ${FILTER_WORDS[op.name] ?? op.name} look${op.intensity !== undefined && op.intensity < 1 ? ` at ${pct(op.intensity)}` : ''}`;
    case 'adjust_color': {
      const parts: string[] = [];
      if (op.brightness !== undefined) parts.push(`brightness ${signed(op.brightness)}`);
      if (op.contrast !== undefined) parts.push(`contrast ${signed(op.contrast)}`);
      if (op.saturation !== undefined) parts.push(`saturation ${signed(op.saturation)}`);
      const text = parts.join(', ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    case 'rotate':
      return `Rotate ${op.degrees}° clockwise`;
    case 'flip':
      return op.axis === 'horizontal' ? 'Mirror left to right' : 'Flip upside down';
    case 'stabilize':
      return `Stabilize the footage${op.strength !== undefined ? ` (strength ${pct(op.strength)})` : ''}`;
    case 'style_captions': {
      const parts = [op.style && `${op.style} style`, op.size, op.color, op.position && `at the ${op.position}`].filter(Boolean);
      return `Style the captions: ${parts.join(', ')}`;
    }
    case 'edit_caption':
      return `Change the caption at ${s(op.at_ms)} to ${quoted(op.text)}`;
    case 'split_scenes':
      return 'Split the clips at their scene changes';
    case 'beat_sync':
      return op.media_id ? `Cut to the beat of ${op.media_id}` : 'Cut to the beat of the music';
    case 'remove_silence':
      return `Remove pauses longer than ${s(op.min_silence_ms ?? 500)}`;
    case 'normalize_audio':
      return `Even out the loudness to ${op.target_lufs ?? -14} LUFS`;
    case 'set_cover':
      return `Use the frame at ${s(op.at_ms)} as the cover`;
    case 'add_clip': {
      const at = op.at === undefined || op.at === 'end' ? 'at the end' : op.at === 'start' ? 'at the start' : `as clip ${op.at}`;
      return `Add ${mediaName(op.media)} ${at}`;
    }
    case 'select_media':
      return `Switch to ${mediaName(op.media)}`;
    case 'undo':
      return 'Undo the last change';
    case 'redo':
      return 'Redo the change';
    case 'reset':
      return 'Start over from the original';
  }
}
