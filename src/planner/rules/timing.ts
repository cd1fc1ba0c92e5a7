// Time edits: trim, cut, length, split, speed and the cover frame.
import type { Operation } from '../../operations/index.js';
import { findClipRef } from '../clip-refs.js';
import { consume, type Clause } from '../text.js';
import { TIME, TIME_OR_NUMBER, findPoint, findSpan, parseTime, type TimeSpan } from '../times.js';
import type { RuleContext, Rule } from './types.js';

function needs(ctx: RuleContext, what: string): Operation[] {
  ctx.needs.push(what);
  return [];
}

/** "clip 2", scoping an edit to one clip; "the last clip" without a timeline is a need. */
function clipScope(c: Clause, ctx: RuleContext): { clip?: number; missing?: string } {
  const ref = findClipRef(c.text, ctx.timeline);
  if (!ref) {
    // "cut the first 2 s of segment 1 and play it at 1.5x": "it" is the clip just named.
    const it = /\b(?:play it|speed it|slow it|make it|it|that clip|this clip|the same clip)\b/.test(c.text) && !/\b(?:it all|whole|everything|the video)\b/.test(c.text);
    const lastClip = [...ctx.planned].reverse().find((o) => 'clip' in o && typeof (o as { clip?: unknown }).clip === 'number') as { clip: number } | undefined;
    return it && lastClip && ctx.planned.at(-1) === (lastClip as unknown) ? { clip: lastClip.clip } : {};
  }
  consume(c, ref.match);
  return ref.needs ? { missing: ref.needs } : { clip: ref.clip! };
}

function spanOf(c: Clause, ctx: RuleContext): TimeSpan | null {
  const span = findSpan(c.text, ctx.timeline?.duration_ms);
  if (span) consume(c, span.match);
  return span;
}

const SPLIT = /\b(?:cut|split) point\b|\b(?:split|divide|break|slice)\b|\b(?:cut|chop)\s+(?:it\s+|the video\s+|the clip\s+)?(?:at|@)\b|\b(?:cut|chop|slice)\s+(?:it\s+|the video\s+|the clip\s+)?(?:in|into)\s+(?:2|two|half)\b|切一刀|剪一刀|切一下|剪开|分割|拆分|拆开|拆成|切开|切分|切成|分成|分开|切断|断开|两截|一分为二/;

// "Split it into shots/scenes", "detect the scene changes", 按镜头切分, 分镜: cuts where the picture changes.
const SPLIT_SCENES =
  /\b(?:split|cut|chop|break|divide|separate)\s+(?:it\s+|this\s+|the (?:video|clip|footage)\s+)?(?:up\s+)?(?:in|into|at|by)\s+(?:the\s+|its\s+)?(?:separate\s+|individual\s+)?(?:scene changes|camera cuts|scenes?|shots)\b|\b(?:detect|find)\s+(?:the\s+)?(?:scene changes|scene cuts|scenes?|shots)\b|\bscene detection\b|按镜头(?:切分|切开|拆分|分割|分开|切)|按场景(?:切分|切开|拆分|分割|分开|切)|自动分镜|拆成(?:一个个)?镜头|切成(?:一个个)?镜头|识别镜头|检测(?:镜头|场景)(?:切换)?/;

export const splitScenesRule: Rule = (c) => {
  const m = SPLIT_SCENES.exec(c.text);
  if (!m) return null;
  consume(c, m[0]);
  consume(c, /\b(?:the|it|video|clip|footage|please|automatically|up)\b|自动|帮我|把|视频/g);
  return [{ op: 'split_scenes' }];
};

export const splitRule: Rule = (c, ctx) => {
  if (!SPLIT.test(c.text)) return null;
  if (/\b(?:in\s+)?half\b|\b(?:in|down|at) the middle\b|\b(?:its |the )?mid-?point\b|\bhalfway\b|一半|中间|两半/.test(c.text) && !findPoint(c.text)) {
    consume(c, /\b(?:in\s+)?half\b|\b(?:in|down|at) the middle\b|\b(?:its |the )?mid-?point\b|\bhalfway\b|一半|中间|两半/);
    consume(c, SPLIT);
    if (!ctx.timeline) return needs(ctx, 'the middle of the video');
    return [{ op: 'split', at_ms: Math.round(ctx.timeline.duration_ms / 2) }];
  }
  const point = findPoint(c.text, { bare: true });
  if (!point) return null;
  // "split the second clip 3 seconds in": the time counts from that clip's start.
  const ref = findClipRef(c.text, ctx.timeline);
  if (ref && /\b(?:in|into)\b(?!\s+(?:2|two|half))|\b(?:of|within)\s+(?:the\s+)?\w+\s+clip\b|后|处|它|的地方/.test(c.text)) {
    consume(c, ref.match);
    if (ref.needs || !ctx.timeline || ref.clip === undefined) return needs(ctx, ref.needs ?? `clip ${ref.clip}`);
    const clip = ctx.timeline.clips[ref.clip - 1];
    if (!clip) return null;
    consume(c, point.match);
    consume(c, SPLIT);
    consume(c, /\b(?:at|it|into|in|of|the)\b|处|在|后/g);
    return [{ op: 'split', at_ms: Math.min(clip.end_ms, clip.start_ms + point.ms) }];
  }
  consume(c, point.match);
  // "split at 0:20 and 0:40": every time named is a split.
  const more: number[] = [];
  for (let next = findPoint(c.text); next; next = findPoint(c.text)) {
    consume(c, next.match);
    if (next.ms !== point.ms && !more.includes(next.ms)) more.push(next.ms);
  }
  consume(c, SPLIT);
  consume(c, /\b(?:at|it|the video|clip|into|in|two|2|parts?|pieces?|and)\b|处|在|各|和/g);
  return [point.ms, ...more].sort((a, b) => a - b).map((at_ms) => ({ op: 'split', at_ms }) as Operation);
};

const DURATION = new RegExp(
  String.raw`\b(?:exactly|has to be|needs to be|must be|make it|make the (?:whole video|video|clip|reel|whole thing|edit)|shorten(?:ed)?(?: it| the video)? to|(?:be\s+)?(?:shortened|cut down|trimmed)\s+to|cut(?: it| the video)?(?: down)? to|trim(?: it| the video)?(?: down)? to|limit(?: it)? to|keep it (?:under|to|at)|length(?: of| to)?|duration(?: of| to)?|under|max(?:imum)?|at most|only)\s+(${TIME})(?!\s*(?:to|-|–|until)\s*\d)(?!\s*(?:longer|shorter|more|less|faster|slower|extra)\b)(?:\s*(?:long|in length|max|total|tops|or less|video|reel|clip|version)\b)?|\b(?:target |total |final )?(?:length|duration|runtime)\s*:\s*(${TIME})|\bruns?\s+(?:exactly\s+|for\s+|about\s+)?(${TIME})(?!\s*(?:to|through|thru|-|–|until)\s*\d)|\b(${TIME})\s*(?:long|in length|max|total|tops|or less|version|cut|edit|video|reel|story|vid)\b|\b(?:total\s+)?(?:duration|length|runtime)\b[^,]{0,30}?\bto\s+(${TIME})|(?:改成|改为|缩短到|缩短为|截短到|截到|压到|压缩到|剪到|剪成|时长|总长|控制在|变成)\s*(${TIME})|(?:总时长|时长|长度)\s*(?:设置为|设为|改为|改成|调到|为)\s*(${TIME})|(${TIME})\s*(?:以内|左右|的(?:短)?视频|的片子)`,
);

export const durationRule: Rule = (c) => {
  const m = DURATION.exec(c.text);
  if (!m) return null;
  const ms = parseTime((m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8])!);
  if (ms === null || ms <= 0) return null;
  consume(c, m[0]);
  consume(c, /\b(?:make|it|shorten|cut|trim|keep|the video|long|seconds?)\b/g);
  return [{ op: 'set_duration', duration_ms: ms }];
};

const KEEP = /^(?:just\s+|i want\s+)?only\b(?=.*\d)|\bgrab\b(?=.*\d)|\bonly\b.*\b(?:remains?|is left|are left|stays?)\b|\bso (?:it|that it) (?:runs|plays|goes)\b|\b(?:keep|trim(?:\s+[\w-]+){0,4}?\s+to(?!\s+(?:remove|cut))|only (?:use|want|keep)|use only|just (?:keep|use)|crop(?:\s+it)?\s+to|isolate)\b|只保留|保留|只要|截取|只留|只剩|裁到|剪到只剩/;
const REMOVE = /\b(?:cut(?:\s+out)?|remove|delete|drop|get rid of|chop(?:\s+off)?|trim(?:\s+off|\s+away)?|snip|skip|lose|take out|throw away|(?:should|must|has to|have to|needs? to|can) go)\b|剪掉|剪了|删(?:掉|除|了|去)?|去掉|剪去|砍掉|去除|不要/;
const START_AT = new RegExp(String.raw`\b(?:start|begin)s?\s+(?:it\s+|the video\s+)?(?:at|from)\s+(${TIME_OR_NUMBER})|从\s*(${TIME})\s*开始`);
const END_AT = new RegExp(String.raw`\b(?:end|stop|finish)s?\s+(?:it\s+|the video\s+)?(?:at|by)\s+(${TIME_OR_NUMBER})|(?:到|在)\s*(${TIME})\s*(?:结束|停)`);
// Compiled once: the planner runs in microseconds only if its patterns are not rebuilt per call.
const RE_CLIP_DOWN_TO = new RegExp(String.raw`\b(?:down\s+)?to\s+(?:its\s+first\s+|the\s+first\s+)?(${TIME})|(?:剪到|缩短到|只剩)\s*(${TIME})`);
const RE_UNTIL = new RegExp(String.raw`\b(?:till|until|up to|before|up until|through)\s+(${TIME})|(?:直到|一直到|到)\s*(${TIME})|(${TIME})\s*(?:之前|以前)`);
const RE_FROM_ONWARDS = new RegExp(String.raw`\b(?:from|after)\s+(${TIME})|(${TIME})\s*(?:onwards|on)\b|从\s*(${TIME})\s*(?:开始|以后|之后)|(${TIME})\s*(?:以后|之后)`);


const BOTH_ENDS = new RegExp(String.raw`\b(?:the\s+)?(?:first|start|beginning)\s+and\s+(?:the\s+)?(?:last|end)\s+(${TIME})(?:\s+each)?|(?:前后|首尾|头尾)(?:各)?\s*(${TIME})|(?:结尾|最后|末尾)\s*(${TIME})\s*和\s*(?:开头|前面?|开始)\s*(${TIME})|(?:开头|前面?|开始)\s*(${TIME})\s*和\s*(?:结尾|最后|末尾)\s*(${TIME})`);

export const trimCutRule: Rule = (c, ctx) => {
  const both = BOTH_ENDS.exec(c.text);
  if (both && REMOVE.test(c.text)) {
    const endMs = parseTime((both[1] ?? both[2] ?? both[3] ?? both[6])!);
    const startMs = parseTime((both[1] ?? both[2] ?? both[4] ?? both[5])!);
    consume(c, both[0]);
    consume(c, REMOVE);
    if (endMs === null || startMs === null || endMs <= 0 || startMs <= 0) return [];
    if (!ctx.timeline) return needs(ctx, 'the end of the video');
    const d = ctx.timeline.duration_ms;
    if (startMs + endMs >= d) return [];
    // The end first: cutting the start first would move the end.
    return [
      { op: 'cut', start_ms: d - endMs, end_ms: d },
      { op: 'cut', start_ms: 0, end_ms: startMs },
    ];
  }
  const startAt = START_AT.exec(c.text);
  const endAt = END_AT.exec(c.text);
  if ((startAt || endAt) && !REMOVE.test(c.text)) {
    const scope = clipScope(c, ctx);
    if (scope.missing) return needs(ctx, scope.missing);
    const start = startAt ? parseTime((startAt[1] ?? startAt[2])!) : null;
    const end = endAt ? parseTime((endAt[1] ?? endAt[2])!) : null;
    if (startAt) consume(c, startAt[0]);
    if (endAt) consume(c, endAt[0]);
    if (start !== null && end !== null && end <= start) return null;
    return [{ op: 'trim', ...(start !== null ? { start_ms: start } : {}), ...(end !== null ? { end_ms: end } : {}), ...(scope.clip ? { clip: scope.clip } : {}) } as Operation];
  }
  const keep = KEEP.exec(c.text);
  const remove = REMOVE.exec(c.text);
  if (!keep && !remove) return null;
  const lastWanted = /\b(?:last|final|ending|closing)\s+\d|最后|末尾|结尾|后面?\s*\d/.test(c.text);
  const scope = clipScope(c, ctx);
  // Inside one clip, "the last 2 seconds" are that clip's last 2 seconds.
  const clipLength = scope.clip !== undefined && ctx.timeline?.clips[scope.clip - 1] ? ctx.timeline.clips[scope.clip - 1]!.end_ms - ctx.timeline.clips[scope.clip - 1]!.start_ms : undefined;
  const span = findSpan(c.text, clipLength ?? (scope.clip === undefined ? ctx.timeline?.duration_ms : undefined));
  if (span) consume(c, span.match);
  if (!span && scope.clip !== undefined) {
    // "cut the first clip down to 6 seconds": that clip keeps its first 6 s.
    const to = RE_CLIP_DOWN_TO.exec(c.text);
    const ms = to ? parseTime((to[1] ?? to[2])!) : null;
    if (to && ms) {
      consume(c, to[0]);
      consume(c, keep?.[0] ?? remove?.[0] ?? '');
      return [{ op: 'trim', end_ms: ms, clip: scope.clip }];
    }
  }
  if (!span) {
    if (scope.clip !== undefined || scope.missing) {
      // "remove clip 2" is a clip edit, not a cut; leave it to the clip rules.
      return null;
    }
    const until = RE_UNTIL.exec(c.text);
    if (until && keep) {
      consume(c, until[0]);
      consume(c, keep[0]);
      consume(c, /\b(?:everything|it|all|from the start|the start)\b|开头/g);
      return [{ op: 'trim', end_ms: parseTime((until[1] ?? until[2] ?? until[3])!)! }];
    }
    const from = RE_FROM_ONWARDS.exec(c.text);
    if (from && keep) {
      consume(c, from[0]);
      consume(c, keep[0]);
      return [{ op: 'trim', start_ms: parseTime((from[1] ?? from[2] ?? from[3] ?? from[4])!)! }];
    }
    if (from && remove) {
      consume(c, from[0]);
      consume(c, remove[0]);
      const start = parseTime((from[1] ?? from[2] ?? from[3] ?? from[4])!)!;
      // Removing everything after a time keeps what is before it; no length needed.
      if (ctx.timeline && start >= ctx.timeline.duration_ms) return [];
      return start > 0 ? [{ op: 'trim', end_ms: start }] : [];
    }
    return null;
  }
  if (scope.missing) return needs(ctx, scope.missing);
  if (span.needs) return needs(ctx, span.needs);
  const clip = scope.clip !== undefined ? { clip: scope.clip } : {};
  // "trim it so it runs 0:02 through 0:32", "so that only its first 6 s remain": what stays is named.
  const keepWins = keep && (!remove || keep.index <= remove.index || /\bonly\b.*\b(?:remains?|is left|are left|stays?)\b|\bso (?:it|that it) (?:runs|plays|goes)\b|只剩/.test(c.text));
  if (keep && keepWins) {
    consume(c, keep[0]);
    consume(c, /\b(?:only|just|the video|it|part|bit|section|of)\b|部分|秒/g);
    if (lastWanted && span.end_ms === ctx.timeline?.duration_ms) return [{ op: 'trim', start_ms: span.start_ms!, ...clip } as Operation];
    return [{ op: 'trim', ...(span.start_ms !== undefined && span.start_ms > 0 ? { start_ms: span.start_ms } : {}), ...(span.end_ms !== undefined ? { end_ms: span.end_ms } : {}), ...clip } as Operation];
  }
  consume(c, remove![0]);
  consume(c, /\b(?:out|off|away|the part|part|bit|section|of it|of the video|from)\b|部分|秒/g);
  // A span open at its end ("从0:10开始不要了"): everything from its start goes, as with "cut from 0:10".
  if (span.end_ms === undefined) return span.start_ms !== undefined && span.start_ms > 0 ? [{ op: 'trim', end_ms: span.start_ms, ...clip } as Operation] : [];
  return [{ op: 'cut', start_ms: span.start_ms ?? 0, end_ms: span.end_ms, ...clip } as Operation];
};

// "2x", "x2", "150%", "两倍速", and the words people use for speeds.
const SPEED_WORDS: Array<[RegExp, number]> = [
  [/\b(?:super|extra|really|very|ultra)[- ]?slow[- ]?(?:motion|mo)\b|超级慢动作|超慢/, 0.25],
  [/\bslow[- ]?(?:motion|mo)\b|\bslo[- ]?mo\b|慢动作|慢镜头|慢放/, 0.5],
  [/\b(?:time[- ]?lapse|hyper[- ]?lapse)\b|延时/, 4],
  [/\b(?:fast[- ]?forward|double (?:the )?(?:playback )?speed|double[- ]speed|twice as fast|2x faster)\b|快进|加速/, 2],
  [/\btriple (?:the )?speed|three times as fast\b/, 3],
  [/\bquarter speed\b/, 0.25],
  [/\bhalf (?:the )?speed\b|half[- ]speed|\bhalf as fast\b|减速|放慢|变慢/, 0.5],
  [/\b(?:normal|regular|original|real[- ]?time|1x) (?:playback )?speed\b|\breal[- ]?time\b|正常速度|原速|改回正常|恢复正常/, 1],
  [/\b(?:a (?:bit|little)|slightly) faster\b|\bspeed (?:it |this )?up (?:a (?:bit|little)|slightly)\b|快一点|稍微快/, 1.25],
  [/\b(?:a (?:bit|little)|slightly) slower\b|\bslow (?:it |this )?down (?:a (?:bit|little)|slightly)\b|慢一点|稍微慢/, 0.75],
  [/\bfaster\b|\bspeed (?:it |this |the video |things )?up\b|\bquicker\b|加快|变快/, 1.5],
  [/\bslower\b|\bslow (?:it |this |the video |things )?down\b/, 0.75],
];

export const speedRule: Rule = (c, ctx) => {
  let factor: number | undefined;
  const num = /(\d+(?:\.\d+)?)\s*(?:x|times)\b(?!\s+(?:slower|less))|\bx\s*(\d+(?:\.\d+)?)\b|(\d+(?:\.\d+)?)\s*倍速?|倍速\s*(\d+(?:\.\d+)?)|\bspeed\s*(?:to|of|at|=|:)?\s*(\d+(?:\.\d+)?)(?![\d:.])\s*(%|x)?|(\d*\.\d+)\s*(?:速度|速)|(\d+(?:\.\d+)?)\s*%\s*speed/.exec(c.text);
  if (num && (num[1] || num[2] || num[3] || num[4] || num[5] || num[7] || num[8])) {
    const pctSpeed = num[6] === '%' || num[8] !== undefined;
    const v = Number(num[1] ?? num[2] ?? num[3] ?? num[4] ?? num[5] ?? num[7] ?? num[8]);
    factor = pctSpeed ? v / 100 : v;
    if (num[5] && !num[6] && v > 4) factor = v / 100;
    if (/slow|慢|减速/.test(c.text) && factor > 1) factor = 1 / factor;
    consume(c, num[0]);
  }
  const slower = /(\d+(?:\.\d+)?)\s*(?:x|times)\s+slower\b|慢\s*(\d+(?:\.\d+)?)\s*倍/.exec(c.text);
  if (factor === undefined && slower) {
    factor = 1 / Number(slower[1] ?? slower[2]);
    consume(c, slower[0]);
  }
  if (factor === undefined) {
    for (const [re, f] of SPEED_WORDS) {
      const m = re.exec(c.text);
      if (m) {
        factor = f;
        consume(c, m[0]);
        break;
      }
    }
  }
  if (factor === undefined) return null;
  if (factor < 0.25 || factor > 4) {
    ctx.notes.push(ctx.language === 'zh' ? `速度只能是 0.25 到 4 倍（你说的是 ${factor} 倍）。` : `Speed goes from 0.25x to 4x; ${factor}x is outside that.`);
    return [];
  }
  factor = Math.round(factor * 100) / 100;
  const scope = clipScope(c, ctx);
  if (scope.missing) return needs(ctx, scope.missing);
  const span = spanOf(c, ctx);
  if (span?.needs) return needs(ctx, span.needs);
  consume(c, /\b(?:speed(?: it)?(?: up)?|play(?:back)?|make it|the video|it|as fast|times|from|at|in|during)\b|速度|倍速|播放|倍/g);
  return [
    {
      op: 'set_speed',
      factor,
      // A range always starts somewhere: "slow-mo the first 3 s" is 0–3 s.
      ...(span?.start_ms !== undefined ? { start_ms: span.start_ms } : span?.end_ms !== undefined ? { start_ms: 0 } : {}),
      ...(span?.end_ms !== undefined ? { end_ms: span.end_ms } : {}),
      ...(scope.clip !== undefined ? { clip: scope.clip } : {}),
    } as Operation,
  ];
};

export const coverRule: Rule = (c, ctx) => {
  const m = /\b(?:cover(?: image| photo| frame| picture)?|thumbnail|poster frame)\b|封面/.exec(c.text);
  if (!m) return null;
  if (/\bcover(?:s|ing)? (?:up|it up)\b/.test(c.text)) return null;
  // "封面就用第二段开头那一帧": a clip's first (or last) frame.
  const ref = findClipRef(c.text, ctx.timeline);
  const point = findPoint(ref ? c.text.replace(ref.match, ' ') : c.text, { bare: true });
  const clip = ref?.clip !== undefined ? ctx.timeline?.clips[ref.clip - 1] : undefined;
  if (clip && (!point || c.text.indexOf(ref!.match) < c.text.indexOf(point.match))) {
    const end = /\b(?:end|last frame)\b|结尾|最后一帧|末尾/.test(c.text);
    consume(c, m[0]);
    consume(c, ref!.match);
    consume(c, /\b(?:start|beginning|first frame|end|last frame|use|the|frame|as|of|at)\b|开头|结尾|末尾|那一帧|一帧|帧|就用|用/g);
    const at = point ? clip.start_ms + point.ms : end ? clip.end_ms - 1 : clip.start_ms;
    return [{ op: 'set_cover', at_ms: Math.min(clip.end_ms - 1, at) }];
  }
  if (!point) {
    if (/\b(?:the\s+)?end\b|最后|结尾/.test(c.text) && ctx.timeline) {
      consume(c, m[0]);
      return [{ op: 'set_cover', at_ms: Math.max(0, ctx.timeline.duration_ms - 1) }];
    }
    if (/\b(?:middle|halfway|half way)\b|中间/.test(c.text) && ctx.timeline) {
      consume(c, m[0]);
      consume(c, /\b(?:middle|halfway|half way)\b|中间/);
      return [{ op: 'set_cover', at_ms: Math.round(ctx.timeline.duration_ms / 2) }];
    }
    if (/\b(?:first frame|start|beginning)\b|第一帧|第1帧|开头/.test(c.text)) {
      consume(c, m[0]);
      return [{ op: 'set_cover', at_ms: 0 }];
    }
    return null;
  }
  consume(c, m[0]);
  consume(c, point.match);
  consume(c, /\b(?:use|the frame|frame|at|as|from|set|make|image|of)\b|用|第|帧|作为|当|做/g);
  return [{ op: 'set_cover', at_ms: point.ms }];
};

