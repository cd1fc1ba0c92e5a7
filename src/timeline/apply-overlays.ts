// Operations that lay things over the video: titles, captions, music, and the audio mix.
import { ReelcutError } from '../errors.js';
import { resolveColor, type OperationOf } from '../operations/schemas.js';
import { captionLines, captionTokens, spreadWords } from './captions.js';
import { freshId } from './ids.js';
import { TextStyle, type Captions, type MusicSegment, type Timeline } from './schema.js';
import { formatLength, formatSeconds, timelineDuration } from './time.js';

const fail = (message: string) => new ReelcutError('INVALID_OPERATION', message);
const sec = (ms: number) => `${formatSeconds(ms, 3)} s`;

function requireContent(t: Timeline, what: string): number {
  const d = timelineDuration(t);
  if (d === 0) throw fail(`the timeline is empty: add a clip before adding ${what}`);
  return d;
}

export function addText(t: Timeline, op: OperationOf<'add_text'>): Timeline {
  const d = requireContent(t, 'text');
  const start = op.start_ms ?? 0;
  if (start >= d) throw fail(`the timeline is ${formatLength(d)} long; ${sec(start)} is past its end`);
  // No end: until the end of the video. An end past the video is clamped to it.
  const end = Math.min(op.end_ms ?? d, d);
  if (end <= start) throw fail(`the text would end (${sec(end)}) before it starts (${sec(start)})`);
  const { color, ...rest } = op.style ?? {};
  const style = TextStyle.parse({ ...rest, ...(color === undefined ? {} : { color: resolveColor(color) }) });
  const text = {
    id: freshId('t', t.texts.map((x) => x.id)),
    text: op.text,
    start_ms: start,
    end_ms: end,
    position: op.position ?? 'center',
    style,
  };
  return { ...t, texts: [...t.texts, text] };
}

/** Captions whose words already carry their times on the output timeline (heard, timed over the speech, or from a subtitle file). */
function timedCaptions(t: Timeline, op: OperationOf<'add_captions'>, source: 'speech' | 'text' | 'file', words: NonNullable<OperationOf<'add_captions'>['words']>): Timeline {
  const d = requireContent(t, 'captions');
  const kept = words
    .filter((w) => w.text.trim() !== '' && w.start_ms < d)
    .map((w) => ({ ...w, end_ms: Math.min(Math.max(w.end_ms, w.start_ms), d) }))
    .sort((a, b) => a.start_ms - b.start_ms);
  if (kept.length === 0) throw fail('no words were heard in the video, so there is nothing to caption; give the text instead (add_captions with source "text")');
  const previous = t.captions;
  const style = op.style ?? previous?.style ?? 'classic';
  const captions: Captions = {
    source,
    style,
    size: previous?.size ?? 'medium',
    color: previous?.color ?? '#ffffff',
    position: positionFor(style, previous),
    words: kept,
    ...(op.language === undefined ? {} : { language: op.language }),
  };
  return { ...t, captions };
}

export function addCaptions(t: Timeline, op: OperationOf<'add_captions'>): Timeline {
  const source = op.source ?? (op.text === undefined ? 'speech' : 'text');
  if (op.words !== undefined) return timedCaptions(t, op, source, op.words);
  if (source === 'speech') {
    throw fail(
      'captions from speech need the captions engine to transcribe the audio first; ' +
        'this step can only lay out a given text (add_captions with source "text" and the text)',
    );
  }
  if (source === 'file') {
    throw fail('captions from a subtitle file need the captions engine to read the file; give the text instead');
  }
  const d = requireContent(t, 'captions');
  const tokens = captionTokens(op.text ?? '');
  if (tokens.length === 0) throw fail('add_captions with source "text" needs some words');
  if (tokens.length > d) throw fail(`${tokens.length} words do not fit in a ${formatLength(d)} video`);
  const previous = t.captions;
  const style = op.style ?? previous?.style ?? 'classic';
  const captions: Captions = {
    source: 'text',
    style,
    size: previous?.size ?? 'medium',
    color: previous?.color ?? '#ffffff',
    position: positionFor(style, previous),
    words: spreadWords(tokens, 0, d),
    ...(op.language === undefined ? {} : { language: op.language }),
  };
  return { ...t, captions };
}

function requireCaptions(t: Timeline): Captions {
  if (!t.captions) throw fail('there are no captions yet; add them first (add_captions)');
  return t.captions;
}

/** Where each caption style sits unless a person places it: bold pages sit in the centre. */
const HOME_POSITION: Record<Captions['style'], Captions['position']> = { classic: 'bottom', karaoke: 'bottom', bold: 'center' };

/**
 * A new style brings its home position, unless the captions were placed somewhere other than
 * the old style's home (a person's choice, which is kept).
 */
function positionFor(style: Captions['style'], previous: Captions | null): Captions['position'] {
  if (!previous) return HOME_POSITION[style];
  return previous.position === HOME_POSITION[previous.style] ? HOME_POSITION[style] : previous.position;
}

export function styleCaptions(t: Timeline, op: OperationOf<'style_captions'>): Timeline {
  const c = requireCaptions(t);
  const style = op.style ?? c.style;
  return {
    ...t,
    captions: {
      ...c,
      style,
      size: op.size ?? c.size,
      color: op.color === undefined ? c.color : resolveColor(op.color),
      position: op.position ?? positionFor(style, c),
    },
  };
}

export function editCaption(t: Timeline, op: OperationOf<'edit_caption'>): Timeline {
  const c = requireCaptions(t);
  const lines = captionLines(c.words);
  if (lines.length === 0) throw fail('the captions have no words yet to edit');
  const line = lines.find((l) => l.start_ms <= op.at_ms && op.at_ms < l.end_ms) ?? nearestWithin(lines, op.at_ms, 500);
  if (!line) {
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    throw fail(
      `no caption is on screen at ${sec(op.at_ms)}; captions show from ${sec(first.start_ms)} to ${sec(last.end_ms)}`,
    );
  }
  const tokens = captionTokens(op.text);
  const words = spreadWords(tokens, line.start_ms, Math.max(line.end_ms, line.start_ms));
  const all = [...c.words];
  all.splice(line.first, line.count, ...words);
  return { ...t, captions: { ...c, words: all } };
}

function nearestWithin<T extends { start_ms: number; end_ms: number }>(items: T[], at: number, within: number): T | undefined {
  let best: T | undefined;
  let bestGap = Infinity;
  for (const x of items) {
    const gap = at < x.start_ms ? x.start_ms - at : at - x.end_ms;
    if (gap <= within && gap < bestGap) {
      best = x;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * Background music under the whole video; it replaces any music there was. A query that names no
 * bin item becomes a library track `lib:<query>` that the music library resolves at render time.
 */
export function addMusic(t: Timeline, op: OperationOf<'add_music'>): Timeline {
  const d = requireContent(t, 'music');
  const { media_id, title } = musicSource(t, op);
  const segment: MusicSegment = {
    id: freshId('m', t.music.map((m) => m.id)),
    media_id,
    title,
    start_ms: 0,
    end_ms: d,
    volume: op.volume ?? 0.35,
    fade_in_ms: Math.min(op.fade_in_ms ?? 0, d),
    fade_out_ms: Math.min(op.fade_out_ms ?? defaultMusicFadeOut(d), d),
    duck: op.duck ?? false,
    loop: true,
  };
  return { ...t, music: [segment] };
}

/**
 * The music is cut where the video ends, mid-phrase: unless the person says otherwise it fades
 * out over the last 2 s (a quarter of a video shorter than 8 s).
 */
export function defaultMusicFadeOut(videoMs: number): number {
  return Math.min(2000, Math.round(videoMs / 4));
}

function musicSource(t: Timeline, op: OperationOf<'add_music'>): { media_id: string; title: string } {
  if (op.media_id !== undefined) {
    const item = t.media.find((m) => m.id === op.media_id);
    if (!item) {
      throw fail(`media ${op.media_id} is not in the media bin; upload the song first or name a mood (query)`);
    }
    return { media_id: item.id, title: checkAudible(item) };
  }
  const query = op.query ?? 'trending';
  const inBin = t.media.find((m) => m.kind !== 'image' && (m.id === query || m.name.toLowerCase() === query.toLowerCase()));
  if (inBin) return { media_id: inBin.id, title: checkAudible(inBin) };
  return { media_id: `lib:${librarySlug(query)}`, title: query.charAt(0).toUpperCase() + query.slice(1) };
}

function checkAudible(item: Timeline['media'][number]): string {
  if (item.kind === 'image' || !item.has_audio) throw fail(`${item.name} has no sound; it cannot be music`);
  return item.name;
}

/** "Lo-fi Beats" → "lo-fi-beats": the library id a query asks for. */
export function librarySlug(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/gu, '-');
}

export function setVolume(t: Timeline, op: OperationOf<'set_volume'>): Timeline {
  if (op.target === 'music' && t.music.length === 0) throw fail('there is no music to set the volume of; add music first');
  if (op.target === 'music' && op.volume > 1) {
    throw fail(`music goes up to 100% (volume 1); ${Math.round(op.volume * 100)}% is too loud for music`);
  }
  let out = t;
  if (op.target !== 'music') {
    // Asking for a volume is asking to hear it: a muted original is unmuted.
    out = { ...out, original_audio: { volume: op.volume, muted: op.volume === 0 ? out.original_audio.muted : false } };
  }
  if (op.target !== 'original') {
    out = { ...out, music: out.music.map((m) => ({ ...m, volume: Math.min(op.volume, 1) })) };
  }
  return out;
}

export function mute(t: Timeline, op: OperationOf<'mute'>): Timeline {
  if (op.target === 'original') return { ...t, original_audio: { ...t.original_audio, muted: true } };
  if (t.music.length === 0) throw fail('there is no music to mute');
  return { ...t, music: t.music.map((m) => ({ ...m, volume: 0 })) };
}
