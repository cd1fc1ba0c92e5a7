// Words on screen: titles and captions (adding, styling, editing).
import { NAMED_COLORS, type Operation } from '../../operations/index.js';
import { consume, type Clause } from '../text.js';
import { TIME, findSpan, parseTime } from '../times.js';
import type { Rule, RuleContext } from './types.js';

const CAPTIONS = /\b(?:captions|subtitles?|subs|(?<!all )caps(?! lock)|closed captions|cc|transcri(?:be|pt|ption)|auto[- ]?captions?|caption track)\b|\bcaption(?= (?:it|this|the video|everything|style|font|colou?r|size|what)\b)|\bcaption$|字幕/;
const CAPTION_SINGULAR = /\bcaption\b/;
const TEXT = /\b(?:title|titles|text|txt|heading|headline|label|hook|call to action|cta|lower third|overlay text|text overlay|words|caption|intro text|outro text)\b|标题|文字|文本|字样|写上|写着|标语|一句|字(?=\s*⟦)/;

const COLOR_ZH: Record<string, keyof typeof NAMED_COLORS> = {
  白: 'white', 黑: 'black', 黄: 'yellow', 红: 'red', 绿: 'green', 蓝: 'blue', 橙: 'orange', 粉: 'pink', 紫: 'purple', 青: 'cyan',
};
const COLOR = new RegExp(`\\b(${Object.keys(NAMED_COLORS).join('|')})\\b|(#[0-9a-f]{6})\\b|([白黑黄红绿蓝橙粉紫青])(?:色|字|的)`);
// Compiled once: the planner runs in microseconds only if its patterns are not rebuilt per call.
const RE_CAPTION_AT = new RegExp(String.raw`(?:\bat\s+|\bfrom\s+|在\s*|第\s*)?(${TIME}|\d+(?:\.\d+)?(?=\s*(?:处|的)))`);
const RE_FOR_N = new RegExp(String.raw`\b(?:for|lasting|during)\s+(?:the\s+)?(${TIME})|(?:持续|显示)\s*(${TIME})`);
const RE_FROM_N = new RegExp(String.raw`\b(?:from|starting at|after|at)\s+(${TIME})|从\s*(${TIME})\s*开始|在\s*(${TIME})`);


export function color(c: Clause): string | undefined {
  const m = COLOR.exec(c.text);
  if (!m) return undefined;
  consume(c, m[0]);
  return m[1] ?? m[2] ?? COLOR_ZH[m[3]!];
}

export function position(c: Clause): 'top' | 'center' | 'bottom' | undefined {
  const m = /\b(?:at|on|to|in)?\s*(?:the\s+)?(top|upper|bottom|lower|middle|center|centre|centered|centred)\b(?:\s+(?:of the (?:screen|frame|video)|part))?|(顶部|上方|上面|顶端|往上(?:挪|移)?|上移|底部|下方|下面|底端|往下(?:挪|移)?|下移|中间|居中|正中|中央)/.exec(c.text);
  if (!m) return undefined;
  consume(c, m[0]);
  const w = m[1] ?? m[2]!;
  if (/top|upper|顶|上/.test(w)) return 'top';
  if (/bottom|lower|底|下/.test(w)) return 'bottom';
  return 'center';
}

export function size(c: Clause): 'small' | 'medium' | 'large' | undefined {
  const m = /\b(bigger|larger|big|large|huge|giant|bold and big|smaller|small|tiny|wee|little|medium|normal size)\b|(放大|大一点|更大|大号|大字|大|缩小|小一点|更小|小号|小|中号|中等)/.exec(c.text);
  if (!m) return undefined;
  consume(c, m[0]);
  const w = m[1] ?? m[2]!;
  if (/small|tiny|wee|little|缩小|小/.test(w)) return 'small';
  if (/medium|normal|中/.test(w)) return 'medium';
  return 'large';
}

function captionStyle(c: Clause): 'classic' | 'karaoke' | 'bold' | undefined {
  // "TikTok-style" captions are the big few-words-at-a-time kind: the bold style.
  const m = /\b(karaoke|word[- ]by[- ]word|highlight(?:ed|ing)?|animated|bold|classic|simple|plain|standard|tik\s?tok|hormozi|mr\s?beast|(?:shorts|reels?)(?=[- ]style))(?:[- ]style)?\b|\b(?:each|every) (word)s? (?:lights? up|pops?|is highlighted)\b|(卡拉ok|逐字|高亮|粗体|加粗|经典|简单|抖音)/.exec(c.text);
  if (!m) return undefined;
  consume(c, m[0]);
  const w = m[1] ?? m[2] ?? m[3]!;
  if (/karaoke|word|highlight|animated|卡拉|逐字|高亮/.test(w)) return 'karaoke';
  if (/bold|粗|tik|hormozi|beast|shorts|reel|抖音/.test(w)) return 'bold';
  return 'classic';
}

const LANGUAGES: Array<[RegExp, string]> = [
  [/\benglish\b|英文|英语/, 'en'],
  [/\b(?:chinese|mandarin)\b|中文|汉语|普通话|简体/, 'zh'],
  [/\bcantonese\b|粤语/, 'yue'],
  [/\bspanish\b|西班牙语/, 'es'],
  [/\bfrench\b|法语/, 'fr'],
  [/\bgerman\b|德语/, 'de'],
  [/\bjapanese\b|日文|日语/, 'ja'],
  [/\bkorean\b|韩文|韩语/, 'ko'],
  [/\bportuguese\b/, 'pt'],
  [/\bitalian\b/, 'it'],
  [/\bhindi\b/, 'hi'],
];

function language(c: Clause): string | undefined {
  for (const [re, code] of LANGUAGES) {
    const m = re.exec(c.text);
    if (m) {
      consume(c, m[0]);
      return code;
    }
  }
  return undefined;
}

const ADD_VERB = /\b(?:add|overlay|put|generate|create|turn on|enable|include|burn(?: in)?|insert|give|with|need|want|auto|show)\b|加|添加|生成|配上|打上|显示|开启|上字幕/;
const STYLE_VERB = /\b(?:make|change|set|turn|switch|use|restyle|move|put)\b|\b(?:each|every) words? (?:lights? up|pops?)\b|\bcaptions? style\b|\bstyle (?:the|of the) (?:captions|subtitles)\b|改成|改为|换成|调|设为|放到|放在|变/;
// Comparatives restyle what is there: "smaller captions", "字幕大一点".
const COMPARATIVE = /\b(?:bigger|larger|smaller|higher|lower)\b|大一点|小一点|放大|缩小|更大|更小/;

const NO_CAPTIONS = {
  en: 'There are no captions yet: say "add captions" first.',
  zh: '还没有字幕：先说“加字幕”。',
} as const;

export const editCaptionRule: Rule = (c, ctx) => {
  // "把第5秒那句改成…": 那句 is a caption line; so is "the one at 0:05" once captions are in play.
  const captionsInPlay = ctx.timeline?.hasCaptions || ctx.planned.some((o) => o.op === 'add_captions' || o.op === 'style_captions');
  if (!CAPTIONS.test(c.text) && !CAPTION_SINGULAR.test(c.text) && !/那句|这句|那一句|这一句/.test(c.text) && !(captionsInPlay && /\bthe (?:one|line|bit) at\b/.test(c.text))) return null;
  const verb = /\b(?:change|edit|fix|replace|correct|rewrite|update|reword)\b|\bshould (?:say|read)\b|\btypo\b|\bshould be\b|改成|改为|修改|更正|换成|写错|错别字|有错|错了|不对|正确的是|应该是/.exec(c.text);
  if (!verb) return null;
  const at = RE_CAPTION_AT.exec(c.text);
  if (!at) return null;
  const ms = parseTime(at[1]!);
  const text = c.quoted.at(-1) ?? unquotedAfter(c.original, /\b(?:to|with|into|as)\s+(?:say\s+|read\s+)?|改成|改为|换成/);
  if (ms === null || !text) return null;
  consume(c, verb[0]);
  consume(c, at[0]);
  consume(c, /⟦\d+⟧/g);
  consume(c, CAPTIONS);
  consume(c, /\b(?:the|caption|at|to|with|into|as|say|read|says)\b|字幕|的|把/g);
  // The clause was the caption edit, whatever else it says ("the caption displayed at…").
  c.text = '';
  c.quoted = [];
  if (ctx.timeline && !ctx.timeline.hasCaptions && !ctx.planned.some((o) => o.op === 'add_captions')) {
    ctx.notes.push(NO_CAPTIONS[ctx.language]);
    return [];
  }
  return [{ op: 'edit_caption', at_ms: ms, text }];
};

export const captionsRule: Rule = (c, ctx) => {
  const m = CAPTIONS.exec(c.text);
  if (!m) return null;
  if (/\b(?:no|remove|delete|without|turn off|disable|hide|get rid of|drop)\b.*\b(?:captions|subtitles?|subs)\b|去掉字幕|删除字幕|关闭字幕|不要字幕/.test(c.text)) {
    consume(c, m[0]);
    ctx.asks.push(ctx.language === 'zh' ? '还不能单独删除字幕；说“撤销”可以撤回上一步。' : 'Removing captions on their own is not an edit yet; "undo" takes back the last change.');
    c.text = '';
    return [];
  }
  const comparative = COMPARATIVE.test(c.text);
  const addVerb = ADD_VERB.test(c.text);
  const styleVerb = STYLE_VERB.test(c.text);
  consume(c, m[0]);
  const style = captionStyle(c);
  const sz = size(c);
  const col = color(c);
  const pos = position(c);
  const lang = language(c);
  const file = /\b(?:from|using|use)\s+(?:a|the|my)?\s*(?:file|srt|vtt)\b|\b[\w\-.]+\.(?:srt|vtt)\b|\bsrt\b|\bvtt\b/.exec(c.text);
  const fromSpeech = /\bfrom (?:the |my )?(?:speech|audio|voice|dialog(?:ue)?|narration)\b|\bfrom what (?:i|they|we) (?:say|am saying|are saying)\b|\bwhat i'?m saying\b|\btranscri(?:be|bed|ption)\b|根据语音|语音识别|识别.{0,3}语音/.test(c.text);
  const saying = c.quoted[0] ?? unquotedAfter(c.original, /(?:写|写成|内容是|内容为)\s*[:：]\s*|\b(?:saying|that say|reading)\s*:\s*/);
  const adding = addVerb || !ctx.timeline?.hasCaptions;
  const restyling = (styleVerb || (comparative && !addVerb)) && (ctx.timeline?.hasCaptions || !addVerb) && !saying && !lang;
  const looks = { ...(sz ? { size: sz } : {}), ...(col ? { color: col } : {}), ...(pos ? { position: pos } : {}) };
  consume(c, /\b(?:add|overlay|put|generate|create|turn on|enable|include|burn(?: in)?|insert|give|with|need|want|auto(?:matic)?|show|make|change|set|turn|switch|use|style|restyle|move|the|some|it|me|them|a|an|to|on|in|at|and|for|video|style|font|text|color|colou?r|size|please|from the speech|from the audio|speech|spoken|of what i say|saying|that says|say|reads|transcribed?|be|are|is)\b|⟦\d+⟧|加|添加|生成|配上|打上|显示|开启|改成|改为|换成|调|设为|放到|放在|变|的|样式|颜色|字体|大小|位置/g);
  if (file) consume(c, file[0]);
  if (restyling || (ctx.timeline?.hasCaptions && !addVerb && (style || Object.keys(looks).length))) {
    if (!style && !Object.keys(looks).length) return null;
    if (ctx.timeline && !ctx.timeline.hasCaptions && !ctx.planned.some((o) => o.op === 'add_captions')) {
      ctx.notes.push(NO_CAPTIONS[ctx.language]);
      return [];
    }
    return [{ op: 'style_captions', ...(style ? { style } : {}), ...looks } as Operation];
  }
  if (!adding && !style && !Object.keys(looks).length) return null;
  const add: Operation = {
    op: 'add_captions',
    ...(file ? { source: 'file' as const } : saying ? { source: 'text' as const, text: saying } : fromSpeech ? { source: 'speech' as const } : {}),
    ...(style ? { style } : {}),
    ...(lang ? { language: lang } : {}),
  } as Operation;
  if (saying) c.quoted = [];
  const ops: Operation[] = [add];
  if (Object.keys(looks).length) ops.push({ op: 'style_captions', ...looks } as Operation);
  return ops;
};

/** Text after a marker in the clause as typed, up to a time, position or style phrase. */
function unquotedAfter(original: string, marker: RegExp): string | undefined {
  const m = marker.exec(original.toLowerCase());
  if (!m) return undefined;
  let rest = original.slice(m.index + m[0].length);
  rest = rest.split(/\s+(?:for|from|at|on|in|until|between|during|over|with|across|to)\s+(?:the\s+)?(?:first|last|start|beginning|end|top|bottom|middle|center|centre|\d)|\s+(?:for|from|at|between|until)\s+\d|\s+(?:in|with)\s+(?:big|large|small|bold|white|black|yellow|red|green|blue|orange|pink|purple|cyan)\b|\s+(?:at|on)\s+the\s+(?:top|bottom|middle|center)|(?:在|从|持续|前\d|于)/i)[0]!;
  rest = rest.replace(/^[\s:："'“”‘’「」]+|[\s"'“”‘’「」.!。！]+$/g, '').trim();
  return rest.length > 0 && rest.length <= 200 ? rest : undefined;
}

function textTimes(c: Clause, ctx: RuleContext): { start_ms?: number; end_ms?: number } | null {
  const span = findSpan(c.text, ctx.timeline?.duration_ms);
  if (span) {
    consume(c, span.match);
    if (span.needs) {
      ctx.needs.push(span.needs);
      return null;
    }
    return { start_ms: span.start_ms ?? 0, ...(span.end_ms !== undefined ? { end_ms: span.end_ms } : {}) };
  }
  const forN = RE_FOR_N.exec(c.text);
  const fromN = RE_FROM_N.exec(c.text);
  if (forN) {
    consume(c, forN[0]);
    const d = parseTime((forN[1] ?? forN[2])!)!;
    const start = fromN ? parseTime((fromN[1] ?? fromN[2] ?? fromN[3])!)! : 0;
    if (fromN) consume(c, fromN[0]);
    return { start_ms: start, end_ms: start + d };
  }
  if (fromN) {
    consume(c, fromN[0]);
    return { start_ms: parseTime((fromN[1] ?? fromN[2] ?? fromN[3])!)! };
  }
  // 最后 at a clause's start is "finally", not "at the end".
  const end = /\b(?:at|in|on|for)\s+the\s+(?:very\s+)?end\b|\bas (?:an )?outro\b|结尾|(?:在|放在|放到)最后|最后(?=\s*\d)|片尾/.exec(c.text);
  if (end) {
    consume(c, end[0]);
    if (!ctx.timeline) {
      ctx.needs.push(ctx.language === 'zh' ? '结尾的时间' : 'when the video ends');
      return null;
    }
    const d = ctx.timeline.duration_ms;
    return { start_ms: Math.max(0, d - 3000), end_ms: d };
  }
  const start = /\b(?:at|in|on)\s+the\s+(?:very\s+)?(?:start|beginning|intro)\b|\bas (?:an )?intro\b|开头|开始|片头/.exec(c.text);
  if (start) {
    consume(c, start[0]);
    return { start_ms: 0, end_ms: 3000 };
  }
  return {};
}

export const addTextRule: Rule = (c, ctx) => {
  const word = TEXT.exec(c.text);
  const quoted = c.quoted[0];
  let text = quoted;
  const unquotedAllowed = /\b(?:add|put|write|show|display|overlay|insert|place|type|include|with)\b|加|添加|写|显示|打上/.test(c.text) || /[:：]/.test(c.original);
  if (!text && word && unquotedAllowed) {
    text =
      unquotedAfter(c.original, /\b(?:saying|that says|which says|says|that reads|which reads|reading|with the words?)\s*[:：]?\s*|写上|写着/) ??
      unquotedAfter(c.original, /\b(?:title[d]?|text|txt|heading|headline|hook|label|caption|cta)\s*[:：]?\s*|标题[:：]?|文字[:：]?/);
    // "add a title" alone: there is nothing to write yet.
    if (text && /^(?:a|an|the|some|on|to|it|here|please|for|at|in)?\s*$/i.test(text)) text = undefined;
    if (text && /^(?:a|an|the|some)\s+/i.test(text) && text.split(/\s+/).length <= 2) text = undefined;
  }
  if (!word && !(quoted && /\b(?:add|put|write|show|shown|display|displayed|type|say|overlay|place|insert|stick|slap|pop|throw)\b|加|添加|写|显示|放|打/.test(c.text))) return null;
  // "add music matching the query 'cinematic'": a quote beside music is the music's, not a title.
  if (!word && /\b(?:music|song|track|bgm)\b|音乐|配乐/.test(c.text)) return null;
  if (!text) {
    if (!word) return null;
    consume(c, word[0]);
    if (!unquotedAllowed && /\b(?:top|bottom|middle|cent(?:er|re)|bigger|smaller|larger|move|colou?r)\b|顶部|底部|中间|居中|大一点|小一点|移到|颜色/.test(c.text)) {
      ctx.asks.push(
        ctx.language === 'zh'
          ? '标题加上后还不能单独修改样式：说“撤销”，再带上位置重新加，例如：在顶部加标题“夏日”。'
          : "A title can't be restyled once added yet: say \"undo\" and add it again with its place, e.g. add the title 'Summer Vibes' at the top.",
      );
      c.text = '';
      return [];
    }
    ctx.asks.push(ctx.language === 'zh' ? '标题写什么？例如：加标题“夏日”。' : "What should the title say? For example: add the title 'Summer Vibes'.");
    c.text = '';
    return [];
  }
  // "白字": a colour can be written into the word for text, so it is read first.
  const early = color(c);
  if (word) consume(c, word[0]);
  consume(c, /⟦\d+⟧/g);
  const times = textTimes(c, ctx);
  if (times === null) return [];
  const pos = position(c);
  const sz = size(c);
  const col = early ?? color(c);
  const box = /\b(?:with a |in a )?(?:box|background|banner|backdrop)\b|背景框|底框/.exec(c.text);
  const outline = /\boutline[d]?\b|\bstroke\b|描边/.exec(c.text);
  if (box) consume(c, box[0]);
  if (outline) consume(c, outline[0]);
  const style = { ...(sz ? { size: sz } : {}), ...(col ? { color: col } : {}), ...(outline ? { outline: true } : {}), ...(box ? { box: true } : {}) };
  if (!quoted) c.text = '';
  consume(c, /\b(?:add|put|write|show|display|type|overlay|place|insert|a|an|the|some|text|saying|says|that|which|reads|reading|on|in|at|for|with|screen|video|big|title|of|it|seconds?|secs?|s|font|letters|color|colou?red|size|style)\b|加|添加|写|显示|的|一个|文字|在|上|屏幕|秒/g);
  return [
    {
      op: 'add_text',
      text: text.slice(0, 500),
      ...times,
      ...(pos ? { position: pos } : {}),
      ...(Object.keys(style).length ? { style } : {}),
    } as Operation,
  ];
};
