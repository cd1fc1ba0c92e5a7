// The picture's look: colour filters, colour adjustments, transitions, stabilisation.
import type { Operation } from '../../operations/index.js';
import { consume, consumeAll } from '../text.js';
import { findDuration } from '../times.js';
import type { Rule } from './types.js';

type FilterName = Extract<Operation, { op: 'apply_filter' }>['name'];

const FILTERS: Array<[RegExp, FilterName]> = [
  [/\b(?:no|remove(?: the| all)?(?: the)?|clear(?: all)?(?: the)?|without|drop(?: the)?|turn off(?: the)?|disable(?: the| all)?)\s+(?:colou?r\s+)?(?:filters?|looks?|effects?|grading)\b|\boriginal colou?rs?\b|\bunfilter(?:ed)?\b|去掉滤镜|取消滤镜|不要滤镜|滤镜不要|删掉滤镜|滤镜(?:全部)?(?:清掉|清除|清空)|滤镜(?:去掉|删掉|删了|取消|不要了?)|原色|无滤镜|(?:还原|恢复)(?:成)?(?:本来|原来|原本)的?颜色/, 'none'],
  [/\bblack[- ](?:and|&|n)[- ]white\b|\bb\s*&\s*w\b|\bb\/w\b|\bbnw\b|\bmonochrome\b|\bmono\b|\bgr[ae]y ?scale\b|\bbw\b|黑白/, 'bw'],
  [/\bsepia\b|怀旧|棕褐/, 'sepia'],
  [/\bvintage\b|\bretro\b|\bold[- ]?school\b|\bold film\b|\b(?:70|80|90)s look\b|\bfilm grain\b|\bnostalgic\b|复古|老电影|胶片/, 'vintage'],
  [/\bcinematic\b|\bmovie look\b|\bfilm(?:ic)? look\b|\bteal and orange\b|\bhollywood\b|\bmoody\b|\bdramatic look\b|电影感|电影风|电影质感|电影色调|大片|氛围感/, 'cinematic'],
  [/\bvivid\b|\bvibrant\b|\bpunchy colou?rs\b|\bpop(?:ping)? colou?rs\b|\bcolou?rs? pop\b|鲜艳|鲜明|艳丽/, 'vivid'],
  [/\bwarm(?:er|th)?\b|\bgolden(?: hour)?\b|\bsunny look\b|暖色|暖调|温暖|暖一点|暖/, 'warm'],
  [/\bcooler\b|\bcool(?=\s+(?:tones?|look|filter|colou?rs?|grade|temperature|blue|down the colou?rs?)\b)|\bcool (?:it )?down\b|\bmake it cool\b|\bcold(?:er)?\b|\bblue tone\b|\bicy\b|冷色|冷调|冷一点|清冷/, 'cool'],
  [/\bfaded\b|\bmatte\b|\bwashed[- ]out\b|\bmuted film\b|褪色|哑光|灰调/, 'fade'],
];

export const filterRule: Rule = (c) => {
  for (const [re, name] of FILTERS) {
    const m = re.exec(c.text);
    if (!m) continue;
    consumeAll(c, re);
    let intensity: number | undefined;
    const pct = /(\d+(?:\.\d+)?)\s*%/.exec(c.text);
    const amount = /\bintensity\s*(?:of|to|at|=|:)?\s*(0?\.\d+|1(?:\.0+)?)\b|强度\s*(0?\.\d+)/.exec(c.text);
    if (name !== 'none' && /拉满|开满|最大|\b(?:full(?:y)?|max(?:imum)?|full strength)\b/.test(c.text)) {
      intensity = 1;
      consume(c, /拉满|开满|最大|\b(?:full(?:y)?|max(?:imum)?|full strength)\b/);
    } else if (amount && name !== 'none') {
      intensity = Number(amount[1] ?? amount[2]);
      consume(c, amount[0]);
    } else if (pct && name !== 'none') {
      intensity = Math.min(1, Number(pct[1]) / 100);
      consume(c, pct[0]);
    } else if (name !== 'none' && /\b(?:slight(?:ly)?|a (?:bit|little|touch)|subtle|light(?:ly)?|gentle|soft|hint of|mild(?:ly)?)\b|稍微|轻微|淡淡/.test(c.text)) {
      // 一点 alone is a softener in Chinese (鲜艳一点 = more vivid); 稍微 is "slightly".
      intensity = 0.5;
      consume(c, /\b(?:slight(?:ly)?|a (?:bit|little|touch)|subtle|light(?:ly)?|gentle|soft|hint of|mild(?:ly)?)\b|稍微|轻微|淡淡/);
    }
    consume(c, /\b(?:filter|look|effect|style|grade|grading|tone|tones|colou?rs?|colou?r grade|feel|vibe|aesthetic|make|it|the|video|apply|add|give|a|an|more|into|to|turn|with|feeling)\b|滤镜|效果|风格|色调|色彩|调色|加|一个|改成|变成|有|的|感觉|更/g);
    return [{ op: 'apply_filter', name, ...(intensity !== undefined ? { intensity } : {}) } as Operation];
  }
  return null;
};

type ColorKey = 'brightness' | 'contrast' | 'saturation';
const ADJUST: Array<[RegExp, ColorKey, 1 | -1]> = [
  [/\bbright(?:er|en|ness up)\b|\blighter\b|\blighten(?: up)?\b|\bmore (?:light|exposure)\b|\bincrease (?:the )?(?:brightness|exposure)\b|\bbrightness\s*\+|\bbrightness up\b|\b(?:too|so) dark\b|\bunderexposed\b|调亮|亮一点|亮一些|亮点|更亮|提亮|变亮|太暗|欠曝|亮度\s*(?:调高|提高|增加|加)|(?:提高|增加|调高)亮度/, 'brightness', 1],
  [/\bdark(?:er|en)\b|\bdimmer\b|\bless bright\b|\bdecrease (?:the )?brightness\b|\bbrightness\s*-|\bbrightness down\b|\b(?:too|so) bright\b|\boverexposed\b|调暗|暗一点|暗一些|暗点|更暗|变暗|太亮|过曝|亮度\s*(?:调低|降低|减少)|(?:降低|减少|调低)亮度/, 'brightness', -1],
  [/\bmore contrast(?:y)?\b|\bhigher contrast\b|\bincrease (?:the )?contrast\b|\bcontrast up\b|\bcontrast\s*\+|\bpunchier\b|\bpunchy\b|\bcontrastier\b|\bcrisper\b|对比度\s*(?:调高|提高|增加|加|高一点|大一点)|(?:提高|增加|调高|加强)对比度|对比强/, 'contrast', 1],
  [/\bless contrast(?:y)?\b|\blower contrast\b|\bdecrease (?:the )?contrast\b|\breduce (?:the )?contrast\b|\bcontrast down\b|\bcontrast\s*-|\bflatter\b|\bsofter look\b|对比度\s*(?:调低|降低|减少|低一点)|(?:降低|减少|调低)对比度/, 'contrast', -1],
  [/\bmore (?:saturat(?:ed|ion)|colou?rful|colou?r)\b|\bsaturate\b|\bincrease (?:the )?saturation\b|\bsaturation up\b|\bsaturation\s*\+|\bcolou?rs? (?:pop|richer|stronger)\b|\bricher colou?rs?\b|\bboost (?:the )?colou?rs?\b|饱和度\s*(?:调高|提高|增加|加|高一点)|(?:提高|增加|调高)饱和度|色彩更浓|更鲜艳/, 'saturation', 1],
  [/\bless (?:saturat(?:ed|ion)|colou?rful)\b|\bdesaturat(?:e|ed)\b|\bdecrease (?:the )?saturation\b|\breduce (?:the )?saturation\b|\bsaturation down\b|\bsaturation\s*-|\bmuted colou?rs?\b|\btone down the colou?rs?\b|饱和度\s*(?:调低|降低|减少|低一点)|(?:降低|减少|调低)饱和度|淡一点/, 'saturation', -1],
];

// "bump the contrast", "crank up the saturation", "tone down the brightness": a verb and a knob.
const UP = String.raw`(?:more|increase|boost|raise|bump(?:\s+up)?|up|higher|add|crank(?:\s+up)?|push|pump\s+up|turn\s+up|extra|stronger)`;
const DOWN = String.raw`(?:less|decrease|reduce|lower|drop|tone\s+down|turn\s+down|soften|weaken|dial\s+(?:back|down))`;
const KNOBS: Array<[string, ColorKey]> = [
  [String.raw`(?:brightness|exposure)`, 'brightness'],
  [String.raw`contrast`, 'contrast'],
  [String.raw`(?:saturation|colou?rs?|vibrance)`, 'saturation'],
];
const ZH_KNOBS: Array<[string, ColorKey]> = [
  ['亮度', 'brightness'],
  ['对比度|对比', 'contrast'],
  ['饱和度|饱和|色彩|颜色', 'saturation'],
];
for (const [knob, key] of ZH_KNOBS) {
  ADJUST.push([new RegExp(`(?:${knob})\\s*(?:再|稍微|稍稍|略微)?\\s*(?:调高|提高|拉高|往上拉|拉上去|增加|加强|加大|升高|高一?[点些]|大一?[点些]|提升|提一?[点些]|[+＋])|(?:调高|提高|增加|加强|提升|加点|加一点|加)\\s*(?:一下|一点|一些)?\\s*(?:${knob})`), key, 1]);
  ADJUST.push([new RegExp(`(?:${knob})\\s*(?:再|稍微|稍稍|略微)?\\s*(?:调低|降低|拉低|往下拉|减少|减弱|低一?[点些]|小一?[点些]|降一?[点些]|降一降|减一?[点些])|(?:调低|降低|减少|减弱|降一降|降)\\s*(?:一下|一点|一些|点)?\\s*(?:${knob})`), key, -1]);
}
for (const [knob, key] of KNOBS) {
  ADJUST.push([new RegExp(String.raw`\b${UP}\s+(?:the\s+|some\s+)?${knob}\b`), key, 1]);
  ADJUST.push([new RegExp(String.raw`\b${DOWN}\s+(?:the\s+)?${knob}\b`), key, -1]);
}

function step(text: string): number {
  const pct = /[+-]?\s*(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (pct) return Math.min(1, Number(pct[1]) / 100);
  const amount = /\bby\s+(0?\.\d+)\b/.exec(text);
  if (amount) return Number(amount[1]);
  if (/\b(?:tiny bit|tiny|touch)\b/.test(text)) return 0.1;
  if (/\b(?:much|a lot|way|lots|really|very|super|significantly|dramatically)\b|很多|大幅|非常|特别|超级/.test(text)) return 0.4;
  if (/\b(?:slight(?:ly)?|a (?:bit|little|touch)|tad|subtle|little)\b|稍微|一点点|一丢丢|一丁点|略微|轻微/.test(text)) return 0.1;
  return 0.2;
}

export const adjustColorRule: Rule = (c) => {
  const op: Partial<Record<ColorKey, number>> = {};
  for (const [re, key, sign] of ADJUST) {
    const m = re.exec(c.text);
    if (!m || op[key] !== undefined) continue;
    // "brightness +0.1 contrast +0.2": a value right after the knob is that knob's own.
    const own = /^\s*[+＋-]?\s*(0?\.\d+|\d+(?:\.\d+)?\s*%)/.exec(c.text.slice(m.index + m[0].length));
    const amount = own ? (own[1]!.includes('%') ? Number.parseFloat(own[1]!) / 100 : Number(own[1])) : null;
    if (own) consume(c, own[0].trim());
    op[key] = sign * (amount !== null && amount <= 1 ? amount : step(c.text));
    consume(c, m[0]);
  }
  if (Object.keys(op).length === 0) return null;
  consume(c, /[+-]?\s*\d+(?:\.\d+)?\s*%|\bby\s+0?\.\d+\b/g);
  consume(c, /\b(?:much|a lot|way|lots|really|very|super|slight(?:ly)?|a (?:bit|little|touch)|tad|subtle|little|make|it|the|video|picture|image|footage|and|more|bit|by|increase|decrease|colou?rs?|is|too)\b|很多|大幅|非常|特别|稍微|一点点|略微|轻微|画面|一点|调/g);
  return [{ op: 'adjust_color', ...op } as Operation];
};

export const transitionRule: Rule = (c) => {
  // "between clips" alone ("the loudness jumps between clips") is where, not what.
  const m = /\btransitions?\b|\bcross[- ]?fades?\b|\bcross[- ]?dissolves?\b|\bdissolves?\b|\b(?:fade|dip)s?\s+(?:through|to|via)\s+black\s+between\b|\bwipes?\b|\bslides?\b|\bdip(?:s)? to black\b|\bhard cuts?\b|转场|过渡|交叉溶解|叠化|溶解/.exec(c.text);
  if (!m) return null;
  // "slide" alone could be a slideshow; a transition kind needs transition context or a kind word.
  const text = c.text;
  let kind: Extract<Operation, { op: 'add_transition' }>['kind'] = 'crossfade';
  if (/\btransitions?\s+off\b|\b(?:switch|turn)\s+(?:the\s+|all\s+(?:the\s+)?)?transitions?\s+off\b|\b(?:no|remove|without|delete|drop|get rid of|turn off|switch off|clear|disable)\b.*\btransitions?\b|(?<!instead of )\bhard cuts?\b|\bjust cut\b|(?:去掉|不要|取消|删除|删掉|去除)(?:所有|全部)?的?转场|无转场/.test(text)) kind = 'none';
  else if (/\b(?:fade|dip)s?\s+(?:through|to|via)\s+black\b|\bfade[_ -]black\b|\bblack\b|黑场/.test(text)) kind = 'fade_black';
  else if (/\bslides?\b|\bpush\b|滑动|推/.test(text)) kind = 'slide';
  else if (/\bwipes?\b|擦除|划像/.test(text)) kind = 'wipe';
  const duration = kind === 'none' ? null : findDuration(text);
  consume(c, /\btransitions?\b|\bcross[- ]?fades?\b|\bcross[- ]?dissolves?\b|\bdissolves?\b|\bwipes?\b|\bslides?\b|\bpush\b|\bhard cuts?\b|\bjust cut\b|转场|过渡|交叉溶解|叠化|溶解|滑动|擦除|黑场/g);
  consume(c, /\b(?:between|the|all|every|each|clips|shots|scenes|cuts|videos|add|use|put|some|a|an|nice|smooth|quick|short|long|fade|dip|through|to|via|black|no|remove|without|delete|drop|get rid of|turn off|clear|in|with|of|style|effect)\b|片段|之间|加|添加|用|去掉|不要|取消|删除|无/g);
  if (duration) consume(c, /\d+(?:\.\d+)?[\s-]*(?:ms|milliseconds?|seconds?|secs?|s|秒)(?![a-z])/g);
  const clamped = duration === null ? undefined : Math.min(3000, Math.max(100, duration));
  return [{ op: 'add_transition', kind, ...(clamped !== undefined ? { duration_ms: clamped } : {}) } as Operation];
};

const STABILIZE = /\bstabili[sz](?:e|ed|ing|ation|er)\b|\bsteady\b|\bsteadier\b|\bsmooth(?:er)? out (?:the )?(?:shak(?:e|ing|iness)|camera|footage|jitter)\b|\b(?:fix|remove|reduce|less|no more|get rid of) (?:the )?(?:camera )?(?:shak(?:e|ing|iness)|jitter|wobble)\b|\bshaky\b|\bshake\b|\bjittery?\b|\bwobbly\b|防抖|稳定|抖动|晃动|太抖|很抖|好抖|抖得|画面抖|手抖|太晃|晃得|稳一下|稳一点|稳一些/;

export const stabilizeRule: Rule = (c) => {
  // "第一段拍得太晃了，删掉吧": shaky footage that is being deleted needs no stabilising.
  if (/\b(?:delete|remove|drop|cut)\b|删|去掉/.test(c.text) && !/\bstabili|防抖|稳定/.test(c.text)) return null;
  const m = STABILIZE.exec(c.text);
  if (!m) return null;
  consumeAll(c, STABILIZE);
  let strength: number | undefined;
  const said = /\bstrength\s*(?:of|to|at|=|:)?\s*(0?\.\d+|1(?:\.0+)?|\d+\s*%)|强度\s*(?:开到|调到|设为|设置为|为)?\s*(0?\.\d+|\d+\s*%)/.exec(c.text);
  if (said) {
    const raw = (said[1] ?? said[2])!;
    strength = Math.min(1, raw.includes('%') ? Number.parseFloat(raw) / 100 : Number(raw));
    consume(c, said[0]);
  } else if (/\b(?:strong(?:ly)?|heav(?:y|ily)|very|a lot|max(?:imum)?|extreme(?:ly)?|stronger|more)\b|强力|最强|最大|强一点|开强/.test(c.text)) strength = 0.8;
  else if (/\b(?:slight(?:ly)?|a (?:bit|little)|light(?:ly)?|gentl[ey]|subtle|mild(?:ly)?)\b|轻微|稍微|一点/.test(c.text)) strength = 0.3;
  consume(c, /\b(?:strong(?:ly)?|heav(?:y|ily)|very|a lot|max(?:imum)?|really|extreme(?:ly)?|slight(?:ly)?|a bit|a little|light(?:ly)?|gentle|subtle|mild(?:ly)?|the|it|footage|video|camera|shaky|shake|make|please|clip|handheld|more|is|so|too)\b|强力|很抖|非常|轻微|稍微|一点|画面|视频|太|了|抖/g);
  return [{ op: 'stabilize', ...(strength !== undefined ? { strength } : {}) }];
};
