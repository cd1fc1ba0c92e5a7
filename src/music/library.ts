// The bundled music library: six short loops synthesised by ffmpeg at render time (no audio files
// ship), and the words a person uses to ask for them ("lo-fi", "something epic", "trending").
import { ReelcutError } from '../errors.js';
import { filter, seconds } from '../render/filtergraph.js';
import type { PlanInput } from '../render/plan.js';
import { arrangementGraph, type Arrangement } from './synth.js';
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
  /** Words that find this track, besides its id, mood and genre. */
  synonyms: string[];
  arrangement: Arrangement;
}

const eighths = [0, 2, 4, 6, 8, 10, 12, 14];
const offbeats = [2, 6, 10, 14];
const quarters = [0, 4, 8, 12];

export const TRACKS: readonly Track[] = [
  {
    id: 'lofi-drift',
    title: 'Drift (lo-fi)',
    mood: 'chill',
    genre: 'lo-fi',
    bpm: 80,
    energy: 0.3,
    synonyms: ['lofi', 'lo fi', 'chill', 'chillhop', 'relaxed', 'relaxing', 'calm', 'study', 'mellow', 'jazzy'],
    arrangement: {
      bpm: 80,
      chords: {
        // Fmaj7 – Em7 – Dm7 – Cmaj7
        chords: [[53, 57, 60, 64], [52, 55, 59, 62], [50, 53, 57, 60], [48, 52, 55, 59]],
        hits: [0, 7, 10],
        envelope: 'pluck',
        decay: 1.1,
        strum: 0.012,
        harmonics: [1, 0.22, 0.08],
        level: 0.09,
      },
      bass: { roots: [41, 40, 38, 36], hits: [0, 7, 10], decay: 2.2, level: 0.32 },
      drums: {
        kick: { hits: [0, 7, 10], level: 0.55 },
        snare: { hits: [4, 12], level: 0.22 },
        hat: { hits: eighths, level: 0.05, decay: 90 },
      },
      post: [filter('lowpass', { f: 3800 })],
      rate: 16000,
      gain: 1.12,
    },
  },
  {
    id: 'pop-sunny',
    title: 'Sunny Side (pop)',
    mood: 'upbeat',
    genre: 'pop',
    bpm: 120,
    energy: 0.75,
    synonyms: ['upbeat', 'pop', 'happy', 'fun', 'bright', 'positive', 'cheerful', 'summer', 'feel good'],
    arrangement: {
      bpm: 120,
      chords: {
        // C – G – Am – F
        chords: [[60, 64, 67], [59, 62, 67], [57, 60, 64], [57, 60, 65]],
        hits: [0, 3, 6, 8, 11, 14],
        envelope: 'pluck',
        decay: 5,
        harmonics: [1, 0.5, 0.3, 0.15],
        level: 0.1,
      },
      bass: { roots: [36, 43, 45, 41], hits: quarters, decay: 4, level: 0.32 },
      drums: {
        kick: { hits: quarters, level: 0.6 },
        snare: { hits: [4, 12], level: 0.3 },
        hat: { hits: eighths, level: 0.07 },
      },
      post: [],
      gain: 0.99,
    },
  },
  {
    id: 'cinematic-rise',
    title: 'Rise (cinematic)',
    mood: 'epic',
    genre: 'cinematic',
    bpm: 72,
    energy: 0.5,
    synonyms: ['epic', 'cinematic', 'dramatic', 'emotional', 'inspiring', 'inspirational', 'film', 'trailer', 'orchestral', 'movie'],
    arrangement: {
      bpm: 72,
      chords: {
        // Am – F – C – G, swelling pads
        chords: [[57, 60, 64, 69], [57, 60, 65, 69], [55, 60, 64, 67], [55, 59, 62, 67]],
        hits: [0],
        envelope: 'pad',
        harmonics: [1, 0.4, 0.2, 0.1],
        level: 0.08,
      },
      bass: { roots: [33, 29, 36, 31], hits: [0], decay: 0.7, level: 0.4 },
      drums: { kick: { hits: [0, 10], level: 0.7 } },
      post: [filter('aecho', { in_gain: 0.8, out_gain: 0.9, delays: '180|310', decays: '0.35|0.25' })],
      gain: 1.15,
    },
  },
  {
    id: 'hiphop-block',
    title: 'Block Party (hip-hop)',
    mood: 'confident',
    genre: 'hip-hop',
    bpm: 90,
    energy: 0.6,
    synonyms: ['hip hop', 'hiphop', 'rap', 'trap', 'urban', 'boom bap', 'confident', 'swagger', 'street'],
    arrangement: {
      bpm: 90,
      chords: {
        // Cm – Ab – Eb – Bb
        chords: [[60, 63, 67], [60, 63, 68], [58, 63, 67], [58, 62, 65]],
        hits: [0, 10],
        envelope: 'pluck',
        decay: 2,
        harmonics: [1, 0.3],
        level: 0.1,
      },
      bass: { roots: [36, 44, 39, 46], hits: [0, 6, 10], decay: 3, level: 0.38 },
      drums: {
        kick: { hits: [0, 6, 10], level: 0.75 },
        snare: { hits: [4, 12], level: 0.35 },
        hat: { hits: [0, 2, 4, 6, 8, 10, 12, 13, 14, 15], level: 0.06 },
      },
      post: [],
      gain: 0.97,
    },
  },
  {
    id: 'acoustic-porch',
    title: 'Front Porch (acoustic)',
    mood: 'warm',
    genre: 'acoustic',
    bpm: 100,
    energy: 0.45,
    synonyms: ['acoustic', 'guitar', 'folk', 'warm', 'soft', 'gentle', 'cozy', 'indie', 'singer songwriter'],
    arrangement: {
      bpm: 100,
      chords: {
        // G – D – Em – C, strummed
        chords: [[55, 59, 62, 67], [54, 57, 62, 66], [52, 55, 59, 64], [52, 55, 60, 64]],
        hits: [0, 4, 6, 10, 12, 14],
        envelope: 'pluck',
        decay: 2.5,
        strum: 0.02,
        harmonics: [1, 0.6, 0.35, 0.2, 0.1],
        level: 0.06,
      },
      bass: { roots: [43, 38, 40, 36], hits: [0, 8], decay: 2, level: 0.3 },
      drums: {
        kick: { hits: [0, 8], level: 0.35 },
        snare: { hits: [4, 12], level: 0.12 },
        hat: { hits: eighths, level: 0.03, decay: 40 },
      },
      post: [],
      gain: 1.4,
    },
  },
  {
    id: 'electro-pulse',
    title: 'Pulse (electronic)',
    mood: 'energetic',
    genre: 'electronic',
    bpm: 128,
    energy: 0.9,
    synonyms: ['edm', 'electronic', 'electro', 'dance', 'house', 'techno', 'club', 'party', 'energetic', 'hype', 'workout'],
    arrangement: {
      bpm: 128,
      chords: {
        // Am – F – C – G, a sixteenth-note arpeggio
        chords: [[57, 60, 64], [53, 57, 60], [55, 60, 64], [55, 59, 62]],
        hits: [...Array(16).keys()],
        envelope: 'pluck',
        decay: 9,
        arpeggio: true,
        harmonics: [1, 0.5, 0.33, 0.25],
        level: 0.16,
      },
      bass: { roots: [45, 41, 48, 43], hits: offbeats, decay: 6, level: 0.35 },
      drums: {
        kick: { hits: quarters, level: 0.8 },
        snare: { hits: [4, 12], level: 0.3 },
        hat: { hits: offbeats, level: 0.09, decay: 50 },
      },
      post: [],
      gain: 0.81,
    },
  },
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
