// The bundled music library: six pieces of 60–120 s synthesised by ffmpeg at render time (no audio
// files ship), and the words a person uses to ask for them ("lo-fi", "something epic", "trending").
import { ReelcutError } from '../errors.js';
import { filter, seconds } from '../render/filtergraph.js';
import type { PlanInput } from '../render/plan.js';
import { arrangementGraph, pieceBars, pieceDurationMs, type Arrangement } from './synth.js';
import trending from './trending.json' with { type: 'json' };

export type Mood = 'chill' | 'upbeat' | 'epic' | 'confident' | 'warm' | 'energetic';

export interface Track {
  /** Stable id; a timeline refers to it as `lib:<id>`. */
  id: string;
  title: string;
  mood: Mood;
  genre: string;
  bpm: number;
  /** 0 (calm) .. 1 (driving). */
  energy: number;
  /** Bars in one pass of the piece (4/4); it then starts again from bar 1. */
  bars: number;
  /** One pass of the piece: bars × 4 beats × 60 000 / bpm, to the millisecond. */
  durationMs: number;
  /** Words that find this track, besides its id, mood and genre. */
  synonyms: string[];
  arrangement: Arrangement;
}

const eighths = [0, 2, 4, 6, 8, 10, 12, 14];
const sixteenths = [...Array(16).keys()];
const offbeats = [2, 6, 10, 14];
const quarters = [0, 4, 8, 12];

/** The track with its length filled in from its arrangement's form. */
function track(t: Omit<Track, 'bars' | 'durationMs'>): Track {
  return { ...t, bars: pieceBars(t.arrangement), durationMs: pieceDurationMs(t.arrangement) };
}

// Every form opens with 8 bars of the whole groove (a 15 s reel hears the track as it is), varies
// later (a second progression, a breakdown without drums, a lead, busier drums, fills) and ends on
// a section that leads back into bar 1.
export const TRACKS: readonly Track[] = [
  track({
    id: 'lofi-drift',
    title: 'Drift (lo-fi)',
    mood: 'chill',
    genre: 'lo-fi',
    bpm: 80,
    energy: 0.3,
    synonyms: ['lofi', 'lo fi', 'chill', 'chillhop', 'relaxed', 'relaxing', 'calm', 'study', 'mellow', 'jazzy'],
    arrangement: {
      bpm: 80,
      progressions: [
        // Fmaj7 – Em7 – Dm7 – Cmaj7
        { chords: [[53, 57, 60, 64], [52, 55, 59, 62], [50, 53, 57, 60], [48, 52, 55, 59]], roots: [41, 40, 38, 36] },
        // Dm7 – G7 – Em7 – Am7
        { chords: [[50, 53, 57, 60], [50, 53, 55, 59], [52, 55, 59, 62], [52, 55, 57, 60]], roots: [38, 43, 40, 45] },
      ],
      chords: { hits: [0, 7, 10], envelope: 'pluck', decay: 1.1, strum: 0.012, harmonics: [1, 0.22, 0.08], level: 0.09 },
      lead: { hits: [0, 4, 6, 8, 12], envelope: 'pluck', decay: 4, arpeggio: true, transpose: 12, harmonics: [1, 0.1], level: 0.05 },
      bass: { hits: [0, 7, 10], decay: 2.2, level: 0.32 },
      drums: {
        kick: { hits: [0, 7, 10], level: 0.55 },
        snare: { hits: [4, 12], level: 0.22 },
        hat: { hits: eighths, level: 0.05, decay: 90 },
        fill: { hits: [10, 14, 15], level: 0.14 },
      },
      form: [
        { bars: 8, play: ['chords', 'bass', 'kick', 'snare', 'hat'] },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], fill: true },
        { bars: 8, play: ['chords', 'lead', 'bass'], progression: 1 },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], progression: 1, fill: true },
      ],
      post: [filter('lowpass', { f: 3800 })],
      rate: 16000,
      gain: 1.12,
    },
  }),
  track({
    id: 'pop-sunny',
    title: 'Sunny Side (pop)',
    mood: 'upbeat',
    genre: 'pop',
    bpm: 120,
    energy: 0.75,
    synonyms: ['upbeat', 'pop', 'happy', 'fun', 'bright', 'positive', 'cheerful', 'summer', 'feel good'],
    arrangement: {
      bpm: 120,
      progressions: [
        // C – G – Am – F
        { chords: [[60, 64, 67], [59, 62, 67], [57, 60, 64], [57, 60, 65]], roots: [36, 43, 45, 41] },
        // Am – F – C – G
        { chords: [[57, 60, 64], [57, 60, 65], [55, 60, 64], [55, 59, 62]], roots: [45, 41, 36, 43] },
      ],
      chords: { hits: [0, 3, 6, 8, 11, 14], envelope: 'pluck', decay: 5, harmonics: [1, 0.5, 0.3, 0.15], level: 0.1 },
      lead: { hits: eighths, envelope: 'pluck', decay: 8, arpeggio: true, transpose: 12, harmonics: [1, 0.3], level: 0.05 },
      bass: { hits: quarters, decay: 4, level: 0.32 },
      drums: {
        kick: { hits: quarters, level: 0.6 },
        snare: { hits: [4, 12], level: 0.3 },
        hat: { hits: eighths, level: 0.07 },
        perc: { hits: sixteenths, level: 0.03, decay: 150 },
        fill: { hits: [10, 11, 13, 14, 15], level: 0.2 },
      },
      form: [
        { bars: 8, play: ['chords', 'bass', 'kick', 'snare', 'hat'] },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], fill: true },
        { bars: 8, play: ['chords', 'bass', 'kick', 'snare', 'hat', 'perc'], progression: 1, fill: true },
        { bars: 8, play: ['chords', 'lead', 'bass'] },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat', 'perc'], progression: 1, fill: true },
      ],
      post: [],
      gain: 0.99,
    },
  }),
  track({
    id: 'cinematic-rise',
    title: 'Rise (cinematic)',
    mood: 'epic',
    genre: 'cinematic',
    bpm: 72,
    energy: 0.5,
    synonyms: ['epic', 'cinematic', 'dramatic', 'emotional', 'inspiring', 'inspirational', 'film', 'trailer', 'orchestral', 'movie'],
    arrangement: {
      bpm: 72,
      progressions: [
        // Am – F – C – G, swelling pads
        { chords: [[57, 60, 64, 69], [57, 60, 65, 69], [55, 60, 64, 67], [55, 59, 62, 67]], roots: [33, 29, 36, 31] },
        // F – C – G – E, the E leading home to Am
        { chords: [[53, 57, 60, 65], [55, 60, 64, 67], [55, 59, 62, 67], [56, 59, 64, 68]], roots: [29, 36, 31, 28] },
      ],
      chords: { hits: [0], envelope: 'pad', harmonics: [1, 0.4, 0.2, 0.1], level: 0.08 },
      lead: { hits: eighths, envelope: 'pluck', decay: 6, arpeggio: true, transpose: 12, harmonics: [1, 0.25, 0.1], level: 0.04 },
      bass: { hits: [0], decay: 0.7, level: 0.4 },
      drums: {
        kick: { hits: [0, 10], level: 0.7 },
        snare: { hits: [4, 12], level: 0.22 },
        hat: { hits: quarters, level: 0.04, decay: 60 },
        fill: { hits: [8, 10, 12, 13, 14], level: 0.16 },
      },
      form: [
        { bars: 8, play: ['chords', 'bass', 'kick', 'snare', 'hat'] },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], fill: true },
        { bars: 4, play: ['chords', 'lead'], progression: 1 },
        { bars: 4, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], progression: 1, fill: true },
      ],
      post: [filter('aecho', { in_gain: 0.8, out_gain: 0.9, delays: '180|310', decays: '0.35|0.25' })],
      gain: 1.15,
    },
  }),
  track({
    id: 'hiphop-block',
    title: 'Block Party (hip-hop)',
    mood: 'confident',
    genre: 'hip-hop',
    bpm: 90,
    energy: 0.6,
    synonyms: ['hip hop', 'hiphop', 'rap', 'trap', 'urban', 'boom bap', 'confident', 'swagger', 'street'],
    arrangement: {
      bpm: 90,
      progressions: [
        // Cm – Ab – Eb – Bb
        { chords: [[60, 63, 67], [60, 63, 68], [58, 63, 67], [58, 62, 65]], roots: [36, 44, 39, 46] },
        // Fm – Ab – Bb – G, the G leading home to Cm
        { chords: [[60, 65, 68], [60, 63, 68], [58, 62, 65], [59, 62, 67]], roots: [41, 44, 46, 43] },
      ],
      chords: { hits: [0, 10], envelope: 'pluck', decay: 2, harmonics: [1, 0.3], level: 0.1 },
      lead: { hits: [0, 3, 6, 8, 11, 14], envelope: 'pluck', decay: 5, arpeggio: true, transpose: 12, harmonics: [1, 0.15], level: 0.05 },
      bass: { hits: [0, 6, 10], decay: 3, level: 0.38 },
      drums: {
        kick: { hits: [0, 6, 10], level: 0.75 },
        snare: { hits: [4, 12], level: 0.35 },
        hat: { hits: [0, 2, 4, 6, 8, 10, 12, 13, 14, 15], level: 0.06 },
        fill: { hits: [7, 14, 15], level: 0.2 },
      },
      form: [
        { bars: 8, play: ['chords', 'bass', 'kick', 'snare', 'hat'] },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], fill: true },
        { bars: 4, play: ['chords', 'lead', 'hat'], progression: 1 },
        { bars: 4, play: ['chords', 'bass', 'kick', 'snare', 'hat'], progression: 1, fill: true },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], fill: true },
      ],
      post: [],
      gain: 0.97,
    },
  }),
  track({
    id: 'acoustic-porch',
    title: 'Front Porch (acoustic)',
    mood: 'warm',
    genre: 'acoustic',
    bpm: 100,
    energy: 0.45,
    synonyms: ['acoustic', 'guitar', 'folk', 'warm', 'soft', 'gentle', 'cozy', 'indie', 'singer songwriter'],
    arrangement: {
      bpm: 100,
      progressions: [
        // G – D – Em – C, strummed
        { chords: [[55, 59, 62, 67], [54, 57, 62, 66], [52, 55, 59, 64], [52, 55, 60, 64]], roots: [43, 38, 40, 36] },
        // Em – C – G – D, the D leading home to G
        { chords: [[52, 55, 59, 64], [52, 55, 60, 64], [55, 59, 62, 67], [54, 57, 62, 66]], roots: [40, 36, 43, 38] },
      ],
      chords: { hits: [0, 4, 6, 10, 12, 14], envelope: 'pluck', decay: 2.5, strum: 0.02, harmonics: [1, 0.6, 0.35, 0.2, 0.1], level: 0.06 },
      lead: { hits: eighths, envelope: 'pluck', decay: 4, arpeggio: true, transpose: 12, harmonics: [1, 0.5, 0.2], level: 0.03 },
      bass: { hits: [0, 8], decay: 2, level: 0.3 },
      drums: {
        kick: { hits: [0, 8], level: 0.35 },
        snare: { hits: [4, 12], level: 0.12 },
        hat: { hits: eighths, level: 0.03, decay: 40 },
        fill: { hits: [10, 14, 15], level: 0.09 },
      },
      form: [
        { bars: 8, play: ['chords', 'bass', 'kick', 'snare', 'hat'] },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], fill: true },
        { bars: 8, play: ['chords', 'lead', 'bass'], progression: 1 },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat'], progression: 1, fill: true },
      ],
      post: [],
      gain: 1.4,
    },
  }),
  track({
    id: 'electro-pulse',
    title: 'Pulse (electronic)',
    mood: 'energetic',
    genre: 'electronic',
    bpm: 128,
    energy: 0.9,
    synonyms: ['edm', 'electronic', 'electro', 'dance', 'house', 'techno', 'club', 'party', 'energetic', 'hype', 'workout'],
    arrangement: {
      bpm: 128,
      progressions: [
        // Am – F – C – G
        { chords: [[57, 60, 64], [53, 57, 60], [55, 60, 64], [55, 59, 62]], roots: [45, 41, 48, 43] },
        // F – G – Em – E, the E leading home to Am
        { chords: [[53, 57, 60], [55, 59, 62], [52, 55, 59], [52, 56, 59]], roots: [41, 43, 40, 40] },
      ],
      // A sixteenth-note arpeggio.
      chords: { hits: sixteenths, envelope: 'pluck', decay: 9, arpeggio: true, harmonics: [1, 0.5, 0.33, 0.25], level: 0.16 },
      // A bright pad an octave up, for the lifts.
      lead: { hits: [0], envelope: 'pad', transpose: 12, harmonics: [1, 0.5, 0.33, 0.25, 0.2], level: 0.03 },
      bass: { hits: offbeats, decay: 6, level: 0.28 },
      drums: {
        kick: { hits: quarters, level: 0.8, click: 0.35 },
        snare: { hits: [4, 12], level: 0.3 },
        hat: { hits: offbeats, level: 0.05, decay: 50 },
        perc: { hits: sixteenths, level: 0.025, decay: 150 },
        fill: { hits: [8, 10, 13, 14, 15], level: 0.2 },
      },
      form: [
        { bars: 8, play: ['chords', 'bass', 'kick', 'snare', 'hat'] },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat', 'perc'], fill: true },
        { bars: 8, play: ['chords', 'lead'], progression: 1 },
        { bars: 8, play: ['chords', 'bass', 'kick', 'hat', 'perc'], progression: 1, fill: true },
        { bars: 8, play: ['chords', 'lead', 'bass', 'kick', 'snare', 'hat', 'perc'], fill: true },
      ],
      post: [],
      gain: 0.85,
    },
  }),
];

const MOOD_LABELS: Record<Mood, string> = {
  chill: 'chill (lo-fi)',
  upbeat: 'upbeat (pop)',
  epic: 'epic (cinematic)',
  confident: 'confident (hip-hop)',
  warm: 'warm (acoustic)',
  energetic: 'energetic (electronic, EDM)',
};

/** The hand-kept trending ranking (src/music/trending.json), best first, unknown ids skipped. */
export function trendingTracks(): Track[] {
  return trending.ranking.map((id) => TRACKS.find((t) => t.id === id)).filter((t): t is Track => t !== undefined);
}

/**
 * A bundled track for what a person asked: an id ("lofi-drift", "lib:lofi-drift"), a mood, a
 * genre or a synonym ("lo-fi", "hip hop", "EDM", "something epic"), or "trending". Null when
 * nothing matches.
 */
export function resolveMusicQuery(query: string): Track | null {
  const q = words(query.replace(/^lib:/i, ''));
  if (!q) return null;
  const compact = q.replace(/ /g, '');
  if (compact === 'trending' || compact === 'trendy' || compact === 'popular' || compact === 'viral') {
    return trendingTracks()[0] ?? TRACKS[0] ?? null;
  }
  const byId = TRACKS.find((t) => t.id === q.replace(/ /g, '-'));
  if (byId) return byId;
  const names = (t: Track): string[] => [t.mood, t.genre, t.title, ...t.synonyms].map(words);
  // A whole-query match beats a word found inside a longer request.
  const exact = TRACKS.find((t) => names(t).some((s) => s.replace(/ /g, '') === compact));
  if (exact) return exact;
  const padded = ` ${q} `;
  let best: { track: Track; length: number } | null = null;
  for (const t of TRACKS) {
    for (const s of names(t)) {
      if (padded.includes(` ${s} `) && (!best || s.length > best.length)) best = { track: t, length: s.length };
    }
  }
  if (best) return best.track;
  // "128 bpm" with no mood: the track whose tempo is nearest.
  const tempo = askedTempo(query);
  if (tempo) return TRACKS.reduce((a, b) => (Math.abs(b.bpm - tempo.bpm) < Math.abs(a.bpm - tempo.bpm) ? b : a));
  if (/\btrend/.test(q)) return trendingTracks()[0] ?? null;
  return null;
}

/** The tempo a request asks for ("128 bpm", "bpm of 90", "tempo 100", "128bpm的"), or null. */
export function askedTempo(text: string): { bpm: number; match: string } | null {
  const m =
    /(\d{2,3}(?:\.\d+)?)\s*(?:-\s*)?(?:bpm|beats (?:per|a) minute)(?![a-z])/i.exec(text) ??
    /\b(?:bpm|tempo)\s*(?:of|at|around|about|near|=|:)?\s*(\d{2,3}(?:\.\d+)?)\b/i.exec(text);
  const v = m ? Number(m[1]) : NaN;
  return m && Number.isFinite(v) && v >= 40 && v <= 240 ? { bpm: v, match: m[0] } : null;
}

/** Like `resolveMusicQuery`, but a query nothing matches is an error that lists the moods. */
export function requireTrack(query: string): Track {
  const track = resolveMusicQuery(query);
  if (track) return track;
  throw new ReelcutError(
    'INVALID_OPERATION',
    `No bundled music matches "${query}". Moods: ${Object.values(MOOD_LABELS).join(', ')}; or ask for "trending".`,
    { query, moods: Object.keys(MOOD_LABELS) },
  );
}

/**
 * The ffmpeg input that plays `track` for `duration_ms`: its cached loop file repeated when there
 * is one (see loop-cache.ts), else the synthesiser itself (a lavfi source, looped).
 */
export function musicInput(track: Track, duration_ms: number, loopFile?: string): PlanInput {
  // Half a second spare: the caller cuts to the sample, and a short read would end in silence.
  const length = seconds(duration_ms + 500);
  if (loopFile) return { path: loopFile, before: ['-stream_loop', '-1', '-t', length] };
  return { path: arrangementGraph(track.arrangement), before: ['-f', 'lavfi', '-t', length] };
}

export function moods(): Array<{ mood: Mood; label: string }> {
  return (Object.keys(MOOD_LABELS) as Mood[]).map((mood) => ({ mood, label: MOOD_LABELS[mood] }));
}

function words(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
