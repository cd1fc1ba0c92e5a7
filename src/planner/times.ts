// Time expressions, read from text whose number words are already digits (numbers.ts).
// Everything is integer ms on the output timeline; a time that needs the video's length
// ("the last 5 seconds") says so instead of guessing it.

const NUM = String.raw`\d+(?:\.\d+)?`;
const SEC = String.raw`(?:s|sec|secs|second|seconds|秒钟|秒)`;
const MIN = String.raw`(?:m|min|mins|minute|minutes|分钟|分)`;
const COLON = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?![:\d.])`;
/** One time with a unit or a clock: "1:05", "5s", "1 minute 5 seconds", "1分05秒", "500ms". */
export const TIME = String.raw`(?:${COLON}|${NUM}\s*(?:ms|milliseconds?|毫秒)(?![a-z])|${NUM}[\s-]*${MIN}(?:\s*(?:and\s+)?${NUM}\s*${SEC}?)?(?![a-z])|${NUM}[\s-]*${SEC}(?![a-z]))`;
/** A time, or a bare number read as seconds where a time is expected. */
export const TIME_OR_NUMBER = String.raw`(?:${TIME}|${NUM}(?![\d.:]|\s*(?:x|%|fps|p\b|倍|度|°)))`;

const ROUND = (s: number) => Math.round(s * 1000);
// Compiled once: the planner runs in microseconds only if its patterns are not rebuilt per call.
const RE_COLON_ONLY = new RegExp(`^${COLON}$`);
const RE_MS_ONLY = new RegExp(`^(${NUM})\\s*(?:ms|milliseconds?|毫秒)$`);
const RE_MIN_ONLY = new RegExp(`^(${NUM})[\\s-]*${MIN}(?:\\s*(?:and\\s+)?(${NUM})\\s*${SEC}?)?$`);
const RE_SEC_ONLY = new RegExp(`^(${NUM})[\\s-]*${SEC}?$`);
const RE_FIRST = new RegExp(`(?:\\b(?:the\\s+)?(?:first|opening|initial)\\s+(${TIME})|(?:前面?|开头|开始|头)\\s*的?\\s*(${TIME}))`);
const RE_LAST = new RegExp(`(?:\\b(?:the\\s+)?(?:last|final|ending|closing)\\s+(${TIME})|(?:最后面?|末尾|结尾|后面?|倒数)\\s*(?:的|那|这)?\\s*(${TIME}))`);
const RE_TO_END = new RegExp(`(?:\\bfrom\\s+)?(${TIME_OR_NUMBER})\\s*(?:to|until|till|through|-)\\s*(?:the\\s+)?(?:very\\s+)?end\\b|从?\\s*(${TIME})\\s*(?:到|至)\\s*(?:结尾|最后|结束)`);
const RE_FROM_START = new RegExp(`\\bfrom\\s+(?:the\\s+)?(?:start|beginning)\\s+(?:to|until|till)\\s+(${TIME_OR_NUMBER})|从\\s*(?:开头|开始)\\s*(?:到|至)\\s*(${TIME})`);
const RE_TIME = new RegExp(TIME);
const RE_TIME_OR_NUMBER = new RegExp(TIME_OR_NUMBER);
const RE_ONWARDS = new RegExp(`\\bfrom\\s+(${TIME})\\s+(?:on|onwards|onward)\\b|\\b(${TIME})\\s+onwards?\\b|从\\s*第?\\s*(${TIME})\\s*(?:开始|以后|之后)(?!\\s*(?:到|至))`);

/** ms of one time expression; bare numbers are seconds. Null when it is not a time. */
export function parseTime(raw: string): number | null {
  const s = raw.trim();
  const colon = RE_COLON_ONLY.exec(s);
  if (colon) {
    const parts = s.split(':').map(Number);
    const secs = parts.reduce((acc, p) => acc * 60 + p, 0);
    return ROUND(secs);
  }
  const ms = RE_MS_ONLY.exec(s);
  if (ms) return Math.round(Number(ms[1]));
  const min = RE_MIN_ONLY.exec(s);
  if (min) return ROUND(Number(min[1]) * 60 + (min[2] ? Number(min[2]) : 0));
  const sec = RE_SEC_ONLY.exec(s);
  if (sec) return ROUND(Number(sec[1]));
  return null;
}

export interface TimeSpan {
  start_ms?: number;
  end_ms?: number;
  /** What the span needs the video's length for, when it has no timeline to read it from. */
  needs?: string;
  /** The matched text, to consume. */
  match: string;
}

/** Reads "first/last N", ranges and Chinese ranges; `duration` resolves ends measured from the end. */
export function findSpan(text: string, duration?: number): TimeSpan | null {
  const first = RE_FIRST.exec(text);
  if (first) {
    const ms = parseTime(first[1] ?? first[2]!);
    if (ms !== null && ms > 0) return { end_ms: ms, match: first[0] };
  }
  const last = RE_LAST.exec(text);
  if (last) {
    const ms = parseTime(last[1] ?? last[2]!);
    if (ms !== null && ms > 0) {
      if (duration === undefined) return { needs: `the last ${fmt(ms)}`, match: last[0] };
      return { start_ms: Math.max(0, duration - ms), end_ms: duration, match: last[0] };
    }
  }
  const toEnd = RE_TO_END.exec(text);
  if (toEnd) {
    const start = parseTime(toEnd[1] ?? toEnd[2]!);
    if (start !== null) {
      if (duration === undefined) return { needs: 'the end of the video', match: toEnd[0] };
      if (start < duration) return { start_ms: start, end_ms: duration, match: toEnd[0] };
    }
  }
  const fromStart = RE_FROM_START.exec(text);
  if (fromStart) {
    const end = parseTime(fromStart[1] ?? fromStart[2]!);
    if (end !== null && end > 0) return { start_ms: 0, end_ms: end, match: fromStart[0] };
  }
  // "from 0:15 on(wards)", "从10秒开始": a start with no end.
  const onwards = RE_ONWARDS.exec(text);
  if (onwards) {
    const start = parseTime((onwards[1] ?? onwards[2] ?? onwards[3])!);
    if (start !== null) return { start_ms: start, match: onwards[0] };
  }
  const half = /\b(?:the\s+)?(first|second|last|1st|2nd)\s+half\b|(前|后)\s*(?:一半|半段|半部分)/.exec(text);
  if (half) {
    if (duration === undefined) return { needs: `the ${half[1] ?? (half[2] === '前' ? 'first' : 'second')} half`, match: half[0] };
    const mid = Math.round(duration / 2);
    const first = half[1] === 'first' || half[1] === '1st' || half[2] === '前';
    return first ? { start_ms: 0, end_ms: mid, match: half[0] } : { start_ms: mid, end_ms: duration, match: half[0] };
  }
  const range = findRange(text);
  if (range) return range;
  return null;
}

/** "from A to B", "between A and B", "A-B", "A to B seconds", "从A到B", "第A秒到第B秒". */
const T = `(${TIME_OR_NUMBER})`;
const RANGE_PATTERNS = [
  new RegExp(`\\bstart(?:s|ing)?\\s*(?:at\\s*)?${T}\\s*,?\\s*(?:and\\s+)?end(?:s|ing)?\\s*(?:at\\s*)?${T}()`),
  new RegExp(`\\bbetween\\s+(?:second\\s+)?${T}\\s*(?:and|&|-|–|to)\\s*(?:second\\s+)?${T}(\\s*${SEC}|\\s*${MIN})?`),
  new RegExp(`(?:\\bfrom\\s+)?(?:second\\s+)?${T}\\s*(?:to|until|till|through|thru|-|–|—|~)\\s*(?:second\\s+)?${T}(\\s*${SEC}(?![a-z])|\\s*${MIN}(?![a-z]))?`),
  new RegExp(`(?:从)?\\s*第?\\s*${T}\\s*(?:到|至|-|–|~)\\s*第?\\s*${T}(\\s*${SEC}|\\s*${MIN})?`),
];

export function findRange(text: string): TimeSpan | null {
  for (const re of RANGE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const unit = m[3]?.trim();
    const a = withUnit(m[1]!, unit);
    const b = withUnit(m[2]!, unit);
    if (a === null || b === null || b <= a) continue;
    return { start_ms: a, end_ms: b, match: m[0] };
  }
  return null;
}

/** A trailing unit belongs to both ends: "3 to 5 seconds", "1 to 2 min". */
function withUnit(raw: string, unit: string | undefined): number | null {
  if (unit && /^\d+(?:\.\d+)?$/.test(raw.trim())) return parseTime(`${raw.trim()} ${unit}`.replace(/ (分钟|分|秒钟|秒)$/, '$1'));
  return parseTime(raw);
}

/** The first point in time: "at 0:12", "12 seconds", "在12秒". */
export function findPoint(text: string, opts: { bare?: boolean } = {}): { ms: number; match: string } | null {
  // A time with a unit beats a bare number ("split it into 2 at 8s" splits at 8 s).
  const m = RE_TIME.exec(text) ?? (opts.bare ? RE_TIME_OR_NUMBER.exec(text) : null);
  if (!m) return null;
  const ms = parseTime(m[0]);
  return ms === null ? null : { ms, match: m[0] };
}

/** A duration said on its own: "for 3 seconds", "3s". */
export function findDuration(text: string): number | null {
  const m = RE_TIME.exec(text);
  return m ? parseTime(m[0]) : null;
}

export function fmt(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
