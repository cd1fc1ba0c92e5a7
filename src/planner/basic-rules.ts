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

const QUOTED = /["'“‘「]([^"'”’」]+)["'”’」]/;

function seconds(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(?:s\b|sec|secs|seconds?|秒)/i.exec(text);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

function percent(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  return m ? Math.min(1, Number(m[1]) / 100) : undefined;
}

function clauseOps(clause: string): Operation[] | null {
  const c = clause.trim();
  if (!c) return [];
  for (const [re, op] of ASPECT_WORDS) {
    if (re.test(c) && /\b(crop|make|format|turn|convert|set|change|to|reels?|story|square|vertical|landscape|portrait)\b|改|裁/i.test(c)) {
      const fit = /\b(keep everything|fit|pad|letterbox|no crop)\b/i.test(c) ? 'fit' : 'fill';
      return [{ ...op, fit }];
    }
  }
  if (/\b(title|text|caption text|heading)\b|标题|文字/i.test(c)) {
    const q = QUOTED.exec(c);
    if (!q?.[1]) return null;
    const first = /\bfirst\s+(\d+(?:\.\d+)?)\s*(?:s\b|sec|secs|seconds?)/i.exec(c);
    const forN = /\bfor\s+(\d+(?:\.\d+)?)\s*(?:s\b|sec|secs|seconds?)/i.exec(c);
    const n = first?.[1] ?? forN?.[1];
    const pos = /\btop\b/i.test(c) ? 'top' : /\bbottom\b/i.test(c) ? 'bottom' : undefined;
    return [
      {
        op: 'add_text',
        text: q[1],
        start_ms: 0,
        ...(n ? { end_ms: Math.round(Number(n) * 1000) } : {}),
        ...(pos ? { position: pos } : {}),
      } as Operation,
    ];
  }
  if (/\b(music|song|soundtrack|bgm|beat)\b|音乐|配乐/i.test(c)) {
    const vol = percent(c);
    if (/\b(quieter|lower|softer)\b/i.test(c)) return [{ op: 'set_volume', target: 'music', volume: vol ?? 0.2 } as Operation];
    if (/\b(mute|remove|no)\b/i.test(c) && !/\badd\b/i.test(c)) return [{ op: 'mute', target: 'music' } as Operation];
    const mood = /\b(lo-?fi|chill|upbeat|pop|cinematic|epic|hip[- ]?hop|rap|acoustic|guitar|electronic|edm|trending)\b/i.exec(c);
    return [
      {
        op: 'add_music',
        query: mood?.[1]?.toLowerCase() ?? 'trending',
        ...(vol !== undefined ? { volume: vol } : {}),
        ...(/\bfade\b/i.test(c) ? { fade_out_ms: 2000 } : {}),
      } as Operation,
    ];
  }
  if (/\bfade\s*(out|in)\b|淡出|淡入/i.test(c)) {
    const dir = /\bfade\s*in\b|淡入/i.test(c) ? 'in' : 'out';
    const ms = seconds(c);
    return [{ op: 'fade', direction: dir, ...(ms ? { duration_ms: ms } : {}) } as Operation];
  }
  return null;
}

/** Splits a message into clauses on commas, "and", "then", and Chinese separators. */
export function splitClauses(message: string): string[] {
  // Keep quoted text whole: a title may itself contain commas or "and".
  const quoted: string[] = [];
  const masked = message.replace(/["“‘「'][^"”’」']*["”’」']/g, (q) => `\u0000${quoted.push(q) - 1}\u0000`);
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
    const ops = clauseOps(clause);
    if (ops === null) unknown.push(clause);
    else operations.push(...ops);
  }
  return { operations, unknown };
}
