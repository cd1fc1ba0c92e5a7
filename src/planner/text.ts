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
  /** The first text a rule consumed, so its operations can be ordered as they were said. */
  firstRead?: string;
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
      // key=value from scripts and agents reads as words: "fps=25" is "fps 25".
      .replace(/\b([a-z_]+)\s*=\s*/g, (_m, k: string) => `${k.replace(/_/g, ' ')} `)
      // An agent speaking for its user: "The user wants …" is the user's wish itself.
      .replace(/^(?:user request(?: \(paraphrased\))?|forwarding the user'?s (?:ask|request)|request)\s*:\s*/, '')
      .replace(/\b(?:the )?user (?:wants|would like|needs|asks for|requests|is requesting|says)(?: to (?:have )?)?\s*:?\s*/g, '')
      // Slang that carries no edit ("no cap" is not "no music").
      .replace(/\b(?:no cap|frfr|fr|ngl|lowkey|highkey|tbh|lol|lmao|jk|imo|fam|bruh|smh|idk|omg|pls|plz)\b/g, ' ')
      .replace(/\s+/g, ' '),
  );
}

// "and" that does not separate edits.
const PROTECTED_AND: RegExp[] = [
  /\bblack and white\b/g,
  /\bb and w\b/g,
  /\bin and out\b/g,
  /\bbetween\s+[^,;]{1,24}?\s+and\s+/g,
  /\bclips?\s+\d+\s+and\s+(?:clip\s+)?\d+/g,
  /\b(?:first|second|third|fourth|last)\s+and\s+(?:the\s+)?(?:first|second|third|fourth|last)\s+clips?\b/g,
  /\brock and roll\b/g,
  /\b(?:first|start|beginning) and (?:the )?(?:last|end)\b/g,
  /(?:结尾|最后|末尾|开头|前面?|开始)\s*\d+(?:\.\d+)?\s*秒\s*和\s*(?:结尾|最后|末尾|开头|前面?|开始)/g,
  /\bfade in and fade out\b/g,
  /\bbrightness and contrast\b/g,
  /第?\d+\s*(?:段|个)?\s*(?:片段|视频|镜头)?\s*和\s*第?\d+/g,
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
  /[,;，；。!！?？\n]|\s\+\s|(?<=[\u4e00-\u9fffa-z])\+(?=[\u4e00-\u9fffa-z])|(?:^|\s)\(?\d{1,2}\)\s+|\bsteps?\s*:|\.(?=\s|$)|、|\band then\b|\bthen\b|\balso\b|\bplus\b|(?<!-)\band\b(?!-)|然后|并且|还有|再(?=[^\d次一二两三四五六七八九十大小响轻快慢亮暗高低长短多少加减调]|$)|(?<![饱暖柔温缓平总])和/i;

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
  return { language: languageOf(message), text: restoreAnd(text), clauses: joinContinuations(clauses) };
}

// "fix the caption at 0:06, it should say 'see you tomorrow'": the second part only finishes the first.
const CONTINUATION = /^(?:and\s+)?(?:(?:it|that|this|which)\s+)?(?:should|needs? to|must|has to|is supposed to)\s+(?:say|read|be)\b|^(?:to\s+)?(?:say|read)\s+⟦|^(?:改成|改为|应该是|换成|正确的是|应为)\s*⟦/;
// A clause that is only a time ("from 0:15 on, double speed", "只要中间那段，从5秒到25秒") belongs to its neighbour.
const ONLY_TIME = /^(?:from|after|starting at|between|until|till|from the|at)?\s*[\d:.]+\s*(?:s|sec|secs|seconds?|m|min|minutes?|秒)?\s*(?:(?:to|-|–|until|till|and|到|至)\s*[\d:.]+\s*(?:s|sec|secs|seconds?|秒)?)?\s*(?:on|onwards|开始|以后)?$|^从\s*[\d:.]+\s*秒?\s*(?:到|至)\s*[\d:.]+\s*秒?$/;

// "the second clip is too long, cut its first 2 seconds", "there's a stumble from 0:12 to 0:14,
// get rid of it", "my voice sounds low, make it louder": a description, then what to do about it.
const DESCRIBES = /\b(?:is|are|was|were|'s|starts?|ends?|has|have|looks?|feels?|sounds?|seems?|drags?|there'?s|there is)\b|太|有点|有一?段|没用|多余|不好/;
const SUBJECT_NOUN = /\b(?:clip|video|shot|part|segment|scene|voice|music|song|audio|sound|captions?|subtitles?|title|intro|outro)\b|段|声音|音乐|字幕|标题/;
// A subject is a thing or a time ("0:12", "8秒").
const SUBJECT = new RegExp(`${SUBJECT_NOUN.source}|\\d:\\d{2}|\\d\\s*(?:s|sec|seconds?)\\b|\\d\\s*秒`);
const POINTS_BACK = /\b(?:its|it|that|this|them|those)\b|它/;

function joinContinuations(clauses: Clause[]): Clause[] {
  const out: Clause[] = [];
  for (const c of clauses) {
    const prev = out.at(-1);
    // "第二段拍糊了，直接删": a bare verb after a description acts on it.
    const bareVerb = prev !== undefined && /^(?:直接|就|那就|帮我)?(?:删|删掉|删了|去掉|剪掉|剪了|不要了?)(?:吧|了)?$/.test(c.text) && SUBJECT.test(prev.text);
    const pointsBack = prev !== undefined && POINTS_BACK.test(c.text) && DESCRIBES.test(prev.text) && SUBJECT.test(prev.text) && !SUBJECT_NOUN.test(c.text);
    if (prev && ONLY_TIME.test(prev.text) && !ONLY_TIME.test(c.text)) {
      // The time said first applies to the edit said next.
      c.text = `${prev.text} ${c.text}`;
      c.original = `${prev.original}, ${c.original}`;
      c.quoted = [...prev.quoted, ...c.quoted];
      out[out.length - 1] = c;
      continue;
    }
    if (prev && (CONTINUATION.test(c.text) || pointsBack || bareVerb || ONLY_TIME.test(c.text))) {
      prev.text = `${prev.text} ${c.text}`;
      prev.original = `${prev.original}, ${c.original}`;
      prev.quoted = [...prev.quoted, ...c.quoted];
      continue;
    }
    out.push(c);
  }
  return out;
}

function restoreAnd(s: string): string {
  return s.replaceAll(AND_MARK, 'and').replaceAll(HE_MARK, '和');
}

/** Blanks what a rule has read, so no later rule reads it again. */
export function consume(c: Clause, match: string | RegExp): void {
  if (typeof match === 'string') {
    if (!match || !c.text.includes(match)) return;
    c.firstRead ??= match;
    c.text = c.text.replace(match, ' ');
  } else {
    const m = c.text.match(match);
    if (!m) return;
    c.firstRead ??= m[0];
    c.text = c.text.replace(match, ' ');
  }
  c.text = c.text.replace(/\s+/g, ' ').trim();
}

const GLOBAL = new WeakMap<RegExp, RegExp>();

/** Blanks every place a pattern matches ("vertical for Reels": both words name the frame). */
export function consumeAll(c: Clause, re: RegExp): void {
  let all = GLOBAL.get(re);
  if (!all) {
    all = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    GLOBAL.set(re, all);
  }
  consume(c, all);
}

// Words that carry no edit of their own: once the rules have read a clause, what remains after
// these is something the person asked for that nothing understood.
const FILLER_EN =
  /\b(?:no|nope|yes|yep|yeah|ok|okay|oops|hmm|um|uh|thanks|thank you|cool|great|nice|awesome|please|pls|plz|can|can you|could you|would you|i|i'd|i'm|im|me|my|we|our|you|your|want|like|need|needs|let'?s|lets|make|made|it|its|it's|this|that|these|those|there|here|the|a|an|to|of|for|with|on|in|at|into|onto|over|by|from|as|so|and|or|but|if|then|when|while|some|any|all|every|video|videos|clip|clips|vid|reel|just|also|now|too|do|does|give|set|put|use|using|be|is|are|was|were|been|bit|little|more|less|way|up|down|out|off|back|add|change|turn|get|go|have|has|keep|only|trim|cut|edit|speed|thing|stuff|whole|entire|everything|anything|something|part|one|really|very|quite|kinda|maybe|again|right now|asap|thx|ty|yo|u|ur|hey|hi|hello|bro|guys|lol|haha|under|behind|underneath|lower|raise|increase|decrease|reduce|boost|bring|first|pretty|super|mode|style|vibe|vibes|look|convert|ramp|instead|whole thing|background|apply|applied|segment|section|interval|portion|range|final|output|operation|action|step|timeline|original state|state|content|instagram|insta|ig|track|kindly|current|currently|overall|resulting|result|starts?|ends?|looks?|feels?|sounds?|seems?|drags?|boring|long|there'?s|stumble|mistake|bad|ugly|awful|should|could|would|will|it'?s|kind of|sort of|low|high|quiet|slow)\b/g;
const FILLER_ZH = /请|帮我|帮忙|麻烦|把|将|给|让|使|一下|视频|这个|那个|这段|那段|它|的|吧|了|呢|啊|呀|哦|嗯|我|你|要|想|需要|一点|点|能|可以|吗|加|调成|调到|调|设为|设置|改成|改为|变成|做成|处理|剪辑|自动|片段|个|上|成|为|到|在|里|中|和|与|再|也|都|就|还|又|所有|全部|整个|部分|那|这|好|下|统一|一致|一些|首|换|整体|画面|声音|么|啦|哈|嘛|呗|第|处|秒|放|放在|放到|颜色|那句|句/g;

/** What is left of a clause once filler words are gone: empty means the rules read it all. */
export function leftover(c: Clause): string {
  return c.text
    .replace(/⟦\d+⟧/g, ' ')
    .replace(/['’]s\b/g, ' ')
    .replace(FILLER_EN, ' ')
    .replace(FILLER_ZH, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b\d+(?:\.\d+)?\b/g, ' ')
    .trim();
}
