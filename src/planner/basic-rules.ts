// A deliberately small rule set so `reelcut edit` understands the seed's example phrases
// ("crop to square format, add music and add the title 'Urban Dreams' for the first 3 seconds")
// until the full instruction planner lands. Pure: message in, operations out.
import type { Operation } from '../operations/index.js';

export interface BasicPlan {
  operations: Operation[];
  /** Clauses nothing here understood, reported back to the person rather than guessed at. */
  unknown: string[];
}

const ASPECT_WORDS: Array<[RegExp, Operation & { op: 'set_aspect' }]> = [
  [/\b(square|1:1|1x1)\b|方形|正方形/i, { op: 'set_aspect', aspect: '1:1' }],
  [/\b(reels?|stor(y|ies)|vertical|9:16|portrait mode)\b|竖屏/i, { op: 'set_aspect', aspect: '9:16' }],
  [/\b(4:5|feed portrait|portrait)\b/i, { op: 'set_aspect', aspect: '4:5' }],
  [/\b(landscape|horizontal|16:9|widescreen)\b|横屏/i, { op: 'set_aspect', aspect: '16:9' }],
  [/\b1\.91:1\b/i, { op: 'set_aspect', aspect: '1.91:1' }],
];

// Paired quotes only, so an apostrophe inside a title ("Don't stop") stays in the title: a
// straight single quote closes only when no letter follows it.
const QUOTE_PAIRS = /“[^”]*”|"[^"]*"|‘[^’]*’|「[^」]*」|'(?:[^']|'(?=\p{L}))*'/gu;

function quotedText(clause: string): string | undefined {
  const q = clause.match(QUOTE_PAIRS)?.[0];
  return q ? q.slice(1, -1).trim() || undefined : undefined;
}

function seconds(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(?:s\b|sec|secs|seconds?|秒)/i.exec(text);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

function percent(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  return m ? Math.min(1, Number(m[1]) / 100) : undefined;
}

const FIT_WORDS = /\b(keep everything( in frame)?|fit|pad(ded)?|letterbox(ed)?|no crop(ping)?|don'?t crop)\b/i;

function aspectOps(words: string): Operation[] {
  for (const [re, op] of ASPECT_WORDS) {
    if (re.test(words)) return [{ ...op, fit: FIT_WORDS.test(words) ? 'fit' : 'fill' }];
  }
  return [];
}

function titleOps(clause: string, words: string): Operation[] {
  if (!/\b(title|text|heading|caption text)\b|标题|文字/i.test(words)) return [];
  const text = quotedText(clause);
  if (!text) return [];
  const first = /\bfirst\s+(\d+(?:\.\d+)?)\s*(?:s\b|sec|secs|seconds?)/i.exec(words);
  const forN = /\bfor\s+(\d+(?:\.\d+)?)\s*(?:s\b|sec|secs|seconds?)/i.exec(words);
  const n = first?.[1] ?? forN?.[1];
  const pos = /\btop\b/i.test(words) ? 'top' : /\bbottom\b/i.test(words) ? 'bottom' : undefined;
  return [
    {
      op: 'add_text',
      text,
      start_ms: 0,
      ...(n ? { end_ms: Math.round(Number(n) * 1000) } : {}),
      ...(pos ? { position: pos } : {}),
    } as Operation,
  ];
}

function musicOps(words: string): Operation[] {
  if (!/\b(music|song|soundtrack|bgm|beat|track)\b|音乐|配乐/i.test(words)) return [];
  const vol = percent(words);
  if (/\b(quieter|lower|softer)\b/i.test(words)) return [{ op: 'set_volume', target: 'music', volume: vol ?? 0.2 } as Operation];
  if (/\b(mute|remove|no)\b/i.test(words) && !/\badd\b/i.test(words)) return [{ op: 'mute', target: 'music' } as Operation];
  const mood = /\b(lo-?fi|chill|upbeat|pop|cinematic|epic|hip[- ]?hop|rap|acoustic|guitar|electronic|edm|trending)\b/i.exec(words);
  return [
    {
      op: 'add_music',
      query: mood?.[1]?.toLowerCase() ?? 'trending',
      ...(vol !== undefined ? { volume: vol } : {}),
      ...(/\bfade\b/i.test(words) ? { fade_out_ms: 2000 } : {}),
    } as Operation,
  ];
}

const FADE = /\bfade\s*(?:it\s+|everything\s+|the music\s+|the video\s+)?(out|in)\b|淡出|淡入/i;

function fadeOps(words: string, hasMusic: boolean): Operation[] {
  // "music ... and fade out" fades the music (handled there); a fade on its own fades the video.
  if (hasMusic || !FADE.test(words)) return [];
  const dir = FADE.exec(words)?.[1]?.toLowerCase() === 'in' || /淡入/.test(words) ? 'in' : 'out';
  const ms = seconds(words);
  return [{ op: 'fade', direction: dir, ...(ms ? { duration_ms: ms } : {}) } as Operation];
}

/** Every operation one clause asks for; null when it asks for nothing this rule set knows. */
function clauseOps(clause: string, previous: Operation[]): Operation[] | null {
  // Keywords are matched outside quotes: a title 'Square One' must not crop anything.
  const words = clause.replace(QUOTE_PAIRS, ' ').trim();
  if (!words) return [];
  const music = musicOps(words);
  const last = previous.at(-1);
  // "lo-fi at 35% and fade it out": "it" is the music just added.
  if (last?.op === 'add_music' && /\bfade\s+(it|the music)\s+(out|in)\b/i.test(words)) {
    const key = /\bin\b/i.test(words) ? 'fade_in_ms' : 'fade_out_ms';
    (last as Record<string, unknown>)[key] = seconds(words) ?? 2000;
    return [];
  }
  const ops = [...aspectOps(words), ...titleOps(clause, words), ...music, ...fadeOps(words, music.length > 0)];
  if (ops.length) return ops;
  // "4:5 for the feed, keep everything in frame": a clause that only says how to fit the
  // picture refines the format chosen just before it.
  const lastAspect = [...previous].reverse().find((op) => op.op === 'set_aspect');
  if (lastAspect && FIT_WORDS.test(words)) {
    (lastAspect as { fit?: string }).fit = 'fit';
    return [];
  }
  return null;
}

/** Splits a message into clauses on commas, "and", "then", and Chinese separators. */
export function splitClauses(message: string): string[] {
  // Keep quoted text whole: a title may itself contain commas or "and".
  const quoted: string[] = [];
  const masked = message.replace(QUOTE_PAIRS, (q) => `\u0000${quoted.push(q) - 1}\u0000`);
  return masked
    .split(/,|;|，|；|。|\band then\b|\bthen\b|\band\b|和|并且/i)
    .map((part) => part.replace(/\u0000(\d+)\u0000/g, (_, i: string) => quoted[Number(i)] ?? ''))
    .map((s) => s.trim())
    .filter(Boolean);
}

export function planBasic(message: string): BasicPlan {
  const operations: Operation[] = [];
  const unknown: string[] = [];
  for (const clause of splitClauses(message)) {
    const ops = clauseOps(clause, operations);
    if (ops === null) unknown.push(clause);
    else operations.push(...ops);
  }
  return { operations, unknown };
}
