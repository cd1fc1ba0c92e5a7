// The compact draft of PROTOCOL.md ("The draft"): how a timeline travels to protocol clients.
// Lossless both ways: fromDraft(toDraft(t)) deep-equals t for every valid timeline.
//
//   { d: <duration ms>, t: [<track>...], m: {version, media, format, fades, original_audio,
//                                            transition, loudness, stabilize} }
//   track   { tt: 0 video | 1 audio | 7 text, sg: [<segment>...], m?: {...} }
//   segment { s: <output start ms>, d: <output length ms>, m: {...} }
//
// - Video (tt 0), exactly one track: a segment per clip; `m` is the clip (id, media_id, in_ms,
//   out_ms, speed, transform). `s`/`d` are where it lands after speed and transitions: for
//   reading only; in_ms/out_ms/speed decide.
// - Audio (tt 1): a segment per music segment; `m` holds id, media_id, title, volume, fades,
//   duck, loop; `s`/`d` are its start and length.
// - Text (tt 7): titles, a segment per text with id, text, position, style in `m`.
// - Captions: a text track (tt 7) whose track `m` is {captions: true, source, language?, style,
//   size, color, position}; a segment per word with `m` {text, confidence?}.
// Tracks of one kind may repeat (segments are joined in order); only one video track and one
// captions track are allowed.
import { z } from 'zod';
import { ReelcutError } from '../errors.js';
import { describeIssues } from './issues.js';
import {
  Captions,
  CaptionWord,
  Clip,
  Fades,
  Format,
  MediaItem,
  MusicSegment,
  OriginalAudio,
  TextSegment,
  Timeline,
  TIMELINE_VERSION,
  Transition,
} from './schema.js';
import { clipOutputRanges, timelineDuration } from './time.js';

export const TRACK_VIDEO = 0;
export const TRACK_AUDIO = 1;
export const TRACK_TEXT = 7;

const Meta = z.record(z.string(), z.unknown());

export const DraftSegment = z.object({
  s: z.number().int().nonnegative(),
  d: z.number().int().nonnegative(),
  m: Meta,
});
export type DraftSegment = z.infer<typeof DraftSegment>;

export const DraftTrack = z.object({
  tt: z.union([z.literal(TRACK_VIDEO), z.literal(TRACK_AUDIO), z.literal(TRACK_TEXT)]),
  sg: z.array(DraftSegment),
  m: Meta.optional(),
});
export type DraftTrack = z.infer<typeof DraftTrack>;

/** The draft's shape; segment contents are checked against the timeline's own schemas on decode. */
export const Draft = z.object({
  d: z.number().int().nonnegative(),
  t: z.array(DraftTrack),
  m: Meta,
});
export type Draft = z.infer<typeof Draft>;

const DraftMeta = z.object({
  version: z.literal(TIMELINE_VERSION),
  media: z.array(MediaItem).default([]),
  format: Format,
  fades: Fades.optional(),
  original_audio: OriginalAudio.optional(),
  transition: Transition.nullable().optional(),
  loudness: Timeline.shape.loudness,
  stabilize: Timeline.shape.stabilize,
});

export function toDraft(t: Timeline): Draft {
  const tracks: DraftTrack[] = [
    {
      tt: TRACK_VIDEO,
      sg: clipOutputRanges(t).map((r) => ({ s: r.start_ms, d: r.end_ms - r.start_ms, m: { ...r.clip } })),
    },
  ];
  if (t.music.length > 0) {
    tracks.push({
      tt: TRACK_AUDIO,
      sg: t.music.map(({ start_ms, end_ms, ...m }) => ({ s: start_ms, d: end_ms - start_ms, m })),
    });
  }
  if (t.texts.length > 0) {
    tracks.push({
      tt: TRACK_TEXT,
      sg: t.texts.map(({ start_ms, end_ms, ...m }) => ({ s: start_ms, d: end_ms - start_ms, m })),
    });
  }
  if (t.captions) {
    const { words, ...meta } = t.captions;
    tracks.push({
      tt: TRACK_TEXT,
      m: { captions: true, ...meta },
      sg: words.map(({ start_ms, end_ms, ...m }) => ({ s: start_ms, d: end_ms - start_ms, m })),
    });
  }
  return {
    d: timelineDuration(t),
    t: tracks,
    m: {
      version: t.version,
      media: t.media,
      format: t.format,
      fades: t.fades,
      original_audio: t.original_audio,
      transition: t.transition,
      loudness: t.loudness,
      stabilize: t.stabilize,
    },
  };
}

/** Decodes a draft (trusted or not); throws INVALID_INPUT naming the draft path that is wrong. */
export function fromDraft(input: unknown): Timeline {
  const draft = check(Draft, input, input, '');
  const meta = check(DraftMeta, draft.m, draft.m, 'm');
  const videoTracks = draft.t.filter((x) => x.tt === TRACK_VIDEO);
  if (videoTracks.length > 1) bad(`a draft has one video track (tt 0); this one has ${videoTracks.length}`);
  const captionTracks = draft.t.filter((x) => x.tt === TRACK_TEXT && x.m?.captions === true);
  if (captionTracks.length > 1) bad(`a draft has at most one captions track; this one has ${captionTracks.length}`);

  const clips: unknown[] = [];
  const music: unknown[] = [];
  const texts: unknown[] = [];
  let captions: unknown = null;
  draft.t.forEach((track, ti) => {
    const at = (si: number) => `t[${ti}].sg[${si}]`;
    if (track.tt === TRACK_VIDEO) {
      track.sg.forEach((seg, si) => clips.push(check(Clip, seg.m, seg.m, `${at(si)}.m`)));
    } else if (track.tt === TRACK_AUDIO) {
      track.sg.forEach((seg, si) => music.push(timed(MusicSegment, seg, at(si))));
    } else if (track.m?.captions === true) {
      const { captions: _flag, ...rest } = track.m;
      const words = track.sg.map((seg, si) => timed(CaptionWord, seg, at(si)));
      const c = { ...rest, words };
      captions = check(Captions, c, c, `t[${ti}].m`);
    } else {
      track.sg.forEach((seg, si) => texts.push(timed(TextSegment, seg, at(si))));
    }
  });

  const timeline = {
    version: meta.version,
    media: meta.media,
    clips,
    original_audio: meta.original_audio,
    music,
    texts,
    captions,
    format: meta.format,
    fades: meta.fades,
    transition: meta.transition ?? null,
    loudness: meta.loudness,
    stabilize: meta.stabilize,
  };
  return check(Timeline, timeline, timeline, 'the timeline');
}

/** A segment's `m` plus its start/end, validated; errors point at s, d or m.<field>. */
function timed<T>(schema: z.ZodType<T>, seg: DraftSegment, where: string): T {
  const value = { ...seg.m, start_ms: seg.s, end_ms: seg.s + seg.d };
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    ...i,
    path:
      i.path.length === 0 ? [] : i.path[0] === 'start_ms' ? ['s'] : i.path[0] === 'end_ms' ? ['d'] : ['m', ...i.path],
  })) as z.core.$ZodIssue[];
  return bad(describeIssues(issues, seg, where));
}

function check<T>(schema: z.ZodType<T>, value: unknown, shownFrom: unknown, root: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  return bad(describeIssues(parsed.error.issues, shownFrom, root));
}

function bad(message: string): never {
  throw new ReelcutError('INVALID_INPUT', `the draft is not valid: ${message}`);
}
