// apply(timeline, op): the one way a timeline changes. Pure: it returns a new, validated timeline
// or throws a ReelcutError a person can read. Operations that need media analysis (speech
// captions, silence removal, beat sync) are refused here with a clear message: the analysis
// steps turn them into plain operations (cuts, caption words) before they reach this function.
import { ReelcutError } from '../errors.js';
import { parseOperation, type Operation, type OperationOf } from '../operations/schemas.js';
import { describeIssues } from './issues.js';
import * as clips from './apply-clips.js';
import * as overlays from './apply-overlays.js';
import { fitToDuration } from './edit.js';
import { Timeline, type Format } from './schema.js';
import { formatLength, formatSeconds, timelineDuration } from './time.js';

const fail = (message: string) => new ReelcutError('INVALID_OPERATION', message);

/** Applies one operation. `op` may be untrusted JSON: it is validated first (INVALID_INPUT). */
export function apply(timeline: Timeline, op: Operation | unknown): Timeline {
  const operation = parseOperation(op);
  const next = keepWholeMusic(timeline, step(timeline, operation));
  const checked = Timeline.safeParse(next);
  if (!checked.success) {
    // A bug here, not the person's fault: say what broke rather than hand back a broken timeline.
    throw new ReelcutError(
      'INVALID_OPERATION',
      `${operation.op} would leave the timeline invalid: ${describeIssues(checked.error.issues, next)}`,
      { operation },
    );
  }
  return checked.data;
}

function step(t: Timeline, op: Operation): Timeline {
  switch (op.op) {
    case 'set_aspect':
      return withFormat(t, {
        aspect: op.aspect,
        // A background only shows around a fitted picture, so naming one asks for fit.
        fit: op.fit ?? (op.background !== undefined ? 'fit' : t.format.fit),
        background: op.background ?? t.format.background,
      });
    case 'set_resolution':
      return withFormat(t, { height: op.height });
    case 'set_fps':
      return withFormat(t, { fps: op.fps });
    case 'trim':
      return clips.trim(t, op);
    case 'cut':
      return clips.cut(t, op);
    case 'set_duration':
      return clips.setDuration(t, op);
    case 'split':
      return clips.split(t, op);
    case 'reorder':
      return clips.reorder(t, op);
    case 'delete_clip':
      return clips.deleteClip(t, op);
    case 'set_speed':
      return clips.setSpeed(t, op);
    case 'add_clip':
      return clips.addClip(t, op);
    case 'select_media':
      return clips.selectMedia(t, op);
    case 'add_text':
      return overlays.addText(t, op);
    case 'add_captions':
      return overlays.addCaptions(t, op);
    case 'style_captions':
      return overlays.styleCaptions(t, op);
    case 'edit_caption':
      return overlays.editCaption(t, op);
    case 'add_music':
      return overlays.addMusic(t, op);
    case 'set_volume':
      return overlays.setVolume(t, op);
    case 'mute':
      return overlays.mute(t, op);
    case 'fade':
      return fade(t, op);
    case 'add_transition':
      return addTransition(t, op);
    case 'apply_filter':
      return applyFilter(t, op);
    case 'adjust_color':
      return adjustColor(t, op);
    case 'rotate':
      return rotate(t, op);
    case 'flip':
      return flip(t, op);
    case 'stabilize':
      // The motion analysis (vidstab's first pass) runs at export, where the frames are read.
      requireClips(t, 'stabilize');
      return { ...t, stabilize: { strength: op.strength ?? 0.5 } };
    case 'normalize_audio':
      return { ...t, loudness: { target_lufs: op.target_lufs ?? -14 } };
    case 'set_cover':
      return setCover(t, op);
    case 'beat_sync':
      throw fail(
        'cutting to the beat needs the beat analysis engine to find the beats in the music first; ' +
          'this step cannot listen to audio',
      );
    case 'split_scenes':
      throw fail('splitting at scene changes needs the picture analysed first (scene detection); this step cannot look at video');
    case 'remove_silence':
      throw fail(
        'removing pauses needs the audio analysis engine to find the silences first (it turns them into cuts); ' +
          'this step cannot listen to audio',
      );
    case 'undo':
    case 'redo':
    case 'reset':
      throw fail(`${op.op} moves through the edit history; use applyWithHistory, not apply`);
  }
}

/** Music that lay under the whole video still does when the video's length changes. */
function keepWholeMusic(before: Timeline, after: Timeline): Timeline {
  const oldD = timelineDuration(before);
  const newD = timelineDuration(after);
  if (oldD === newD || newD === 0) return after;
  const whole = new Set(before.music.filter((m) => m.start_ms === 0 && m.end_ms >= oldD).map((m) => m.id));
  if (whole.size === 0) return after;
  return { ...after, music: after.music.map((m) => (whole.has(m.id) && m.start_ms === 0 ? { ...m, end_ms: newD } : m)) };
}

function withFormat(t: Timeline, change: Partial<Format>): Timeline {
  return { ...t, format: { ...t.format, ...change } };
}

function requireClips(t: Timeline, what: string): number {
  const d = timelineDuration(t);
  if (d === 0) throw fail(`there are no clips to ${what}; add a clip first (add_clip)`);
  return d;
}

function fade(t: Timeline, op: OperationOf<'fade'>): Timeline {
  const d = requireClips(t, 'fade');
  const ms = op.duration_ms ?? 1000;
  if (ms > d) throw fail(`a ${formatSeconds(ms, 3)} s fade is longer than the ${formatLength(d)} video`);
  const target = op.target ?? 'both';
  const fades = { ...t.fades };
  if (target !== 'audio') fades[op.direction === 'in' ? 'video_in_ms' : 'video_out_ms'] = ms;
  if (target !== 'video') fades[op.direction === 'in' ? 'audio_in_ms' : 'audio_out_ms'] = ms;
  return { ...t, fades };
}

function addTransition(t: Timeline, op: OperationOf<'add_transition'>): Timeline {
  if (op.kind === 'none') return fitToDuration({ ...t, transition: null });
  if (t.clips.length < 2) {
    throw fail(
      `a transition goes between clips, and the timeline has ${t.clips.length} clip${t.clips.length === 1 ? '' : 's'} ` +
        '(add_clip or split first)',
    );
  }
  // Overlaps shorten the video: overlays past the new end are pulled in.
  return fitToDuration({ ...t, transition: { kind: op.kind, duration_ms: op.duration_ms ?? 500 } });
}

function applyFilter(t: Timeline, op: OperationOf<'apply_filter'>): Timeline {
  if (op.name === 'none') return withFormat(t, { filters: [] });
  const filter = { name: op.name, intensity: op.intensity ?? 1 };
  // The same look again replaces it (a new intensity), in place; a new look stacks on the others.
  const present = t.format.filters.some((f) => f.name === op.name);
  const filters = present
    ? t.format.filters.map((f) => (f.name === op.name ? filter : f))
    : [...t.format.filters, filter];
  return withFormat(t, { filters });
}

function adjustColor(t: Timeline, op: OperationOf<'adjust_color'>): Timeline {
  // Adjustments add up ("brighter", then "a bit brighter"), kept within -1..1 and to 3 decimals.
  const add = (current: number, delta: number | undefined) =>
    Math.round(Math.min(1, Math.max(-1, current + (delta ?? 0))) * 1000) / 1000;
  const c = t.format.color;
  return withFormat(t, {
    color: {
      brightness: add(c.brightness, op.brightness),
      contrast: add(c.contrast, op.contrast),
      saturation: add(c.saturation, op.saturation),
    },
  });
}

function rotate(t: Timeline, op: OperationOf<'rotate'>): Timeline {
  requireClips(t, 'rotate');
  return {
    ...t,
    clips: t.clips.map((c) => ({
      ...c,
      transform: { ...c.transform, rotate: ((c.transform.rotate + op.degrees) % 360) as 0 | 90 | 180 | 270 },
    })),
  };
}

function flip(t: Timeline, op: OperationOf<'flip'>): Timeline {
  requireClips(t, 'flip');
  const key = op.axis === 'horizontal' ? 'flip_h' : 'flip_v';
  return { ...t, clips: t.clips.map((c) => ({ ...c, transform: { ...c.transform, [key]: !c.transform[key] } })) };
}

function setCover(t: Timeline, op: OperationOf<'set_cover'>): Timeline {
  const d = requireClips(t, 'take a cover from');
  if (op.at_ms >= d) throw fail(`the timeline is ${formatLength(d)} long; ${formatSeconds(op.at_ms, 3)} s is past its end`);
  return withFormat(t, { cover_ms: op.at_ms });
}
