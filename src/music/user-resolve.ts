// Which of a person's own songs add_music's words ask for: pure, over the list a folder scan made.
// A song named in the words wins; then a tempo asked for ("around 120 bpm"); then a mood or genre
// ("chill", "jazz"), from the song's genre tag before a mood guessed from its tempo. Nothing
// matching is null: the caller falls back to the bundled library.
import { MIN_TEMPO_CONFIDENCE, titleFromFileName, type UserTrack } from './user-library.js';
import { askedTempo, resolveMusicQuery, type Track } from './library.js';

export interface MusicRequest {
  /** add_music's query ("chill", "trending", a title). */
  query?: string;
  /** The person's own words around it, when there are any (the planner may not carry a title or a tempo into the query). */
  words?: string;
}

export interface UserMusicChoice {
  track: UserTrack;
  by: 'name' | 'tempo' | 'mood';
  /** Why this song, for the reply: `title matches "night drive"`, `128 bpm asked, 127.9 measured`. */
  reason: string;
}

/** Words that are in every request for music, so a song titled only with them is never "named". */
const GENERIC = new Set([
  'music', 'song', 'songs', 'track', 'tracks', 'audio', 'beat', 'beats', 'bgm', 'tune', 'sound', 'untitled',
  'intro', 'outro', 'new', 'the', 'a', 'an', 'add', 'some', 'background', 'and', 'to', 'with', 'my', 'trending',
]);
const TRENDING = /^(?:trending|trendy|popular|viral)$/;

export function resolveUserMusic(req: MusicRequest, tracks: readonly UserTrack[]): UserMusicChoice | null {
  if (!tracks.length) return null;
  return byName(req, tracks) ?? byTempo(req, tracks) ?? byMood(req, tracks);
}

function byName(req: MusicRequest, tracks: readonly UserTrack[]): UserMusicChoice | null {
  const q = norm(req.query ?? '');
  const said = ` ${norm(`${req.query ?? ''} ${req.words ?? ''}`)} `;
  let best: { track: UserTrack; name: string; exact: boolean } | null = null;
  for (const track of tracks) {
    for (const name of namesOf(track)) {
      const exact = name === q;
      const found = exact || (hasCjk(name) ? said.includes(name) : said.includes(` ${name} `));
      if (!found) continue;
      if (!best || (exact && !best.exact) || (exact === best.exact && name.length > best.name.length)) best = { track, name, exact };
    }
  }
  return best ? { track: best.track, by: 'name', reason: `its title matches "${best.name}"` } : null;
}

function namesOf(t: UserTrack): string[] {
  const names = new Set([norm(t.title), norm(titleFromFileName(t.path))]);
  return [...names].filter((n) => (hasCjk(n) ? n.length >= 2 : n.length >= 3) && n.split(' ').some((w) => !GENERIC.has(w) && !/^\d+$/.test(w)));
}

function byTempo(req: MusicRequest, tracks: readonly UserTrack[]): UserMusicChoice | null {
  const want = askedTempo(`${req.query ?? ''} ${req.words ?? ''}`)?.bpm;
  if (want === undefined) return null;
  const steady = tracks.filter((t) => t.bpm > 0 && t.bpm_confidence >= MIN_TEMPO_CONFIDENCE);
  const tolerance = Math.max(4, want * 0.06);
  const nearest = (tempoOf: (t: UserTrack) => number): UserTrack | null => {
    let best: { t: UserTrack; d: number } | null = null;
    for (const t of steady) {
      const d = Math.abs(tempoOf(t) - want);
      if (d <= tolerance && (!best || d < best.d)) best = { t, d };
    }
    return best?.t ?? null;
  };
  const direct = nearest((t) => t.bpm);
  if (direct) return { track: direct, by: 'tempo', reason: `${fmt(want)} bpm asked, ${fmt(direct.bpm)} bpm measured` };
  // A beat tracker can lock on to every other beat (or every half beat): count those too, second.
  const octave = nearest((t) => (Math.abs(t.bpm * 2 - want) < Math.abs(t.bpm / 2 - want) ? t.bpm * 2 : t.bpm / 2));
  if (octave) return { track: octave, by: 'tempo', reason: `${fmt(want)} bpm asked, ${fmt(octave.bpm)} bpm measured (half or double time)` };
  return null;
}

function byMood(req: MusicRequest, tracks: readonly UserTrack[]): UserMusicChoice | null {
  const q = norm(req.query ?? '');
  if (!q || TRENDING.test(q.replace(/ /g, ''))) return null;
  // A genre tag that says the words asked ("jazz", "lo-fi") is the surest.
  const tagged = tracks.find((t) => t.genre && ` ${norm(t.genre)} `.includes(` ${q} `));
  if (tagged) return { track: tagged, by: 'mood', reason: `tagged genre "${tagged.genre}"` };
  const ref = resolveMusicQuery(q);
  if (!ref) return null;
  const known = tracks.filter((t) => t.mood === ref.mood && !t.mood_guessed);
  if (known.length) {
    const t = closest(known, ref);
    return { track: t, by: 'mood', reason: `tagged genre "${t.genre ?? ref.mood}" is ${ref.mood}` };
  }
  const guessed = tracks.filter((t) => t.mood === ref.mood && t.mood_guessed);
  if (guessed.length) {
    const t = closest(guessed, ref);
    return { track: t, by: 'mood', reason: `${ref.mood} is a guess from its tempo (${fmt(t.bpm)} bpm)${t.energy !== undefined ? ` and energy (${t.energy})` : ''}` };
  }
  return null;
}

/** The candidate nearest the bundled track the words describe, by tempo and energy. */
function closest(candidates: UserTrack[], ref: Track): UserTrack {
  const d = (t: UserTrack): number => Math.abs((t.bpm || ref.bpm) - ref.bpm) / 20 + Math.abs((t.energy ?? ref.energy) - ref.energy) / 0.25;
  return candidates.reduce((a, b) => (d(b) < d(a) ? b : a));
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function hasCjk(s: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(s);
}

function fmt(bpm: number): string {
  return String(Math.round(bpm * 10) / 10);
}
