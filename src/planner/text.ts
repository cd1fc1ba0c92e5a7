// The message as the rules read it: quotes set aside (a title 'Square One' crops nothing),
// widths and number words normalised, split into clauses.
import { digitsForNumberWords } from './numbers.js';

export type Language = 'en' | 'zh';

export interface Clause {
  /** The clause as typed, quotes restored. */
  original: string;
  /** Lower-cased, numbers as digits, quoted text replaced by ⟦n⟧; rules consume what they read. */
  text: string;
  /** Quoted texts in this clause, as typed. */
  quoted: string[];
}

// Paired quotes only, so an apostrophe inside a title ("Don't stop") stays in the title: a
// straight single quote opens only after a non-letter and closes only when no letter follows it.
const QUOTE_PAIRS = /“[^”]*”|"[^"]*"|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》|(?<![\p{L}\p{N}])'(?:[^']|'(?=\p{L}))*'(?!\p{L})/gu;

export function languageOf(message: string): Language {
  return /\p{Script=Han}/u.test(message) ? 'zh' : 'en';
}

/** Full-width forms become ASCII (１０：０５ → 10:05, ，→ ,); everything lower case. */
function normalise(s: string): string {
  return digitsForNumberWords(
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2010-\u2015]/g, '-')
      .replace(/\s+/g, ' '),
  );
}

// "and" that does not separate edits.
const PROTECTED_AND: RegExp[] = [
  /\bblack and white\b/g,
  /\bb and w\b/g,
  /\bin and out\b/g,
  /\bbetween\s+[^,;]{1,24}?\s+and\s+/g,
  /\bclips?\s+\d+\s+and\s+\d+/g,
  /\brock and roll\b/g,
  /\bbrightness and contrast\b/g,
  /第?\d+\s*(?:段|个)?\s*和\s*第?\d+/g,
];
const AND_MARK = '\u0001';
const HE_MARK = '\u0002';

export interface Prepared {
  language: Language;
  /** The whole message, normalised, quotes masked: what intent routing reads. */
  text: string;
  clauses: Clause[];
}

// Clause boundaries, the same on the text as typed and on its normalised form (number words
// become digits, which never moves a boundary: 再 before a numeral does not split either way).
const SPLIT =
  /[,;，；。!！?？\n]|\.(?=\s|$)|、|\band then\b|\bthen\b|\balso\b|\bplus\b|\band\b|然后|并且|还有|再(?=[^\d次一二两三四五六七八九十]|$)|(?<![饱暖柔温缓平总])和/i;

// Case-insensitive, so the text as typed splits exactly where its lower-cased form does.
const PROTECTED_AND_CI = PROTECTED_AND.map((re) => new RegExp(re.source, `${re.flags}i`));

function protect(s: string): string {
  let out = s;
  for (const re of PROTECTED_AND_CI) out = out.replace(re, (m) => m.replace(/\band\b/gi, AND_MARK).replace(/和/g, HE_MARK));
  return out;
}

export function prepare(message: string): Prepared {
  const quoted: string[] = [];
  // Quotes come out before NFKC so a title keeps its full-width punctuation (「夏日，海边」).
  const masked = message
    .replace(QUOTE_PAIRS, (q) => {
      const inner = q.slice(1, -1).trim();
      return inner ? ` ⟦${quoted.push(inner) - 1}⟧ ` : ' ';
    })
    .normalize('NFKC')
    .replace(/\s+/g, ' ');
  const text = protect(normalise(masked));
  const raw = protect(masked).split(SPLIT);
  const parts = text.split(SPLIT);
  const aligned = raw.length === parts.length;
  const clauses: Clause[] = [];
  parts.forEach((part, i) => {
    const clean = restoreAnd(part).trim();
    if (!clean) return;
    const ids = [...clean.matchAll(/⟦(\d+)⟧/g)].map((m) => Number(m[1]));
    const typed = aligned ? restoreAnd(raw[i]!).trim() : clean;
    const original = typed.replace(/⟦(\d+)⟧/g, (_m, n: string) => `"${quoted[Number(n)]}"`);
    clauses.push({ original, text: clean, quoted: ids.map((n) => quoted[n]!) });
  });
  return { language: languageOf(message), text: restoreAnd(text), clauses };
}

function restoreAnd(s: string): string {
  return s.replaceAll(AND_MARK, 'and').replaceAll(HE_MARK, '和');
}

/** Blanks what a rule has read, so no later rule reads it again. */
export function consume(c: Clause, match: string | RegExp): void {
  if (typeof match === 'string') {
    if (match) c.text = c.text.replace(match, ' ');
  } else c.text = c.text.replace(match, ' ');
  c.text = c.text.replace(/\s+/g, ' ').trim();
}

/** What is left of a clause once filler words are gone: empty means the rules read it all. */
export function leftover(c: Clause): string {
  return c.text
    .replace(/⟦\d+⟧/g, ' ')
    .replace(
      /\b(no|nope|yes|yep|yeah|ok|okay|thanks|thank you|cool|great|nice|awesome|please|pls|plz|can you|could you|would you|i want|i'd like|i would like|want|let's|lets|make|it|this|that|the|a|an|to|of|for|with|on|in|at|some|me|my|video|clip|just|also|now|too|ok|okay|hey|hi|yeah|yes|so|do|give|set|put|use|be|is|all|bit|little|more|way|up|down|please\.)\b/g,
      ' ',
    )
    .replace(/请|帮我|帮忙|把|给|一下|视频|这个|的|吧|了|呢|啊|我|要|想|一点|点|能|可以|吗/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
