// A clause that only adds a detail to the edit just before it: "lofi at 30% and fade it out",
// "add chill music, duck it under my voice", "make the captions bigger and yellow".
import type { Operation } from '../../operations/index.js';
import { consume, leftover } from '../text.js';
import { TIME, findSpan, parseTime } from '../times.js';
import { DUCK, fadeMs, percent } from './audio.js';
import { color, position, size } from './text.js';
import type { Rule } from './types.js';

// "…music, fading in over 3 s and out over 2 s": the gerund describes the music (an imperative "fade out" is its own edit).
const MUSIC_FADE = /^(?:and\s+)?(?:then\s+)?(?:fading\s+)?(in|out)\s+over\s+\d|^(?:and\s+)?(?:then\s+)?(?:let\s+it\s+)?fade[sd]?\s+(?:it|the music|the song|the track|that|them)\s+(in and out|in|out)\b|^(?:and\s+)?fade[sd]?\s+(in|out)\s+(?:the music|the song|the track)\b|^(?:音乐)?(淡入淡出|淡入|淡出|渐入|渐出)(?:\s*\d+(?:\.\d+)?\s*秒)?$/;

// Words around a detail that say nothing more: "1 sec each", "时间为第2秒至第6秒", "强度70%".
const DETAIL_FILLER = /各|每个|\b(?:like|maybe|each|long|over|about|around|roughly|for|lasting|duration|of|at|with|an?|the|please|pls|intensity|strength|volume|level|then|and|make it|it|show(?:ing)?|displayed|visible|from)\b|持续|时间为|时间是|时长|显示|出现|音量|强度|大概|左右|的|在|为|是|调到|设为/g;

// Compiled once: this rule reads every clause that follows an edit.
const RE_ONLY_TIME = new RegExp(`^(${TIME})$`);
const RE_TEXT_LENGTH = new RegExp(`^(?:for\\s+)?(?:the\\s+)?(?:first\\s+)?(${TIME})$|^(?:持续|显示|前)?\\s*(${TIME})$`);
const RE_ANOTHER_SPLIT = new RegExp(`^(?:and\\s+)?(?:at\\s+)?(${TIME})$|^(?:在)?\\s*(${TIME})\\s*(?:处)?$`);
const RE_PAUSE_OVER = new RegExp(`^(?:anything\\s+|any\\s+|those\\s+|ones\\s+)?(?:over|longer than|more than|above|past)\\s+(${TIME})$|^(?:超过|长于)\\s*(${TIME})(?:的)?$`);

function bare(text: string): string {
  return text.replace(DETAIL_FILLER, ' ').replace(/\s+/g, ' ').trim();
}

/** A clause that is only a length, a range, a percentage or a value sets that on the edit before it. */
function refineDetail(c: Parameters<Rule>[0], last: Operation, ctx: Parameters<Rule>[1]): boolean {
  const text = bare(c.text);
  if (!text) return false;
  const time = RE_ONLY_TIME.exec(text);
  const ms = time ? parseTime(time[1]!) : null;
  if ((last.op === 'fade' || last.op === 'add_transition') && ms !== null && ms > 0) {
    const limit = last.op === 'fade' ? 60_000 : 3000;
    // "头尾淡入淡出，各两秒": every fade just planned takes the length.
    for (let i = ctx.planned.length - 1; i >= 0 && ctx.planned[i]!.op === last.op; i--) {
      (ctx.planned[i] as { duration_ms?: number }).duration_ms = Math.min(limit, Math.max(last.op === 'fade' ? 1 : 100, ms));
    }
    return true;
  }
  const pct = /^(\d+(?:\.\d+)?)\s*(?:%|percent)$|^百分之(\d+)$|^(0?\.\d+)$|^(一半|half)$/.exec(text);
  const fraction = pct ? (pct[4] !== undefined ? 0.5 : pct[3] !== undefined ? Number(pct[3]) : Number(pct[1] ?? pct[2]) / 100) : null;
  if (fraction !== null && fraction >= 0 && fraction <= 1) {
    if (last.op === 'apply_filter' && last.name !== 'none') return ((last.intensity = fraction), true);
    if (last.op === 'stabilize') return ((last.strength = fraction), true);
    if (last.op === 'add_music') return ((last.volume = fraction), true);
    if (last.op === 'set_volume') return ((last.volume = fraction), true);
  }
  if (last.op === 'stabilize' && /^(?:slight(?:ly)?|gentle|gently|light(?:ly)?|subtle|strong(?:ly)?|heavy|max(?:imum)?|轻微|稍微|强力|最强)$/.test(text)) {
    last.strength = /strong|heavy|max|强/.test(text) ? 0.8 : 0.3;
    return true;
  }
  if (last.op === 'add_text' || last.op === 'set_speed') {
    const span = findSpan(text, ctx.timeline?.duration_ms);
    if (span && !span.needs && bare(text.replace(span.match, ' ')) === '') {
      last.start_ms = span.start_ms ?? 0;
      if (span.end_ms !== undefined) last.end_ms = span.end_ms;
      return true;
    }
  }
  return false;
}

export const refineRule: Rule = (c, ctx) => {
  const last = ctx.planned.at(-1);
  if (!last) return null;
  if (refineDetail(c, last, ctx)) {
    c.text = '';
    return [];
  }
  if (last.op === 'add_music') return refineMusic(c, last);
  // "不要太浓", "not too strong": a lighter look.
  if (last.op === 'apply_filter' && last.name !== 'none' && /^(?:but\s+)?(?:not too (?:strong|much|heavy|intense)|subtle|不要太浓|别太浓|淡一点|轻一点)$/.test(c.text)) {
    last.intensity = 0.5;
    c.text = '';
    return [];
  }
  // A title placed "at the start" got the default 0–3 s; a length said next replaces it.
  const defaultStart = last.op === 'add_text' && last.start_ms === 0 && last.end_ms === 3000 && /^(?:for\s+|持续|显示)/.test(c.text);
  if (last.op === 'add_text' && ((last.start_ms === undefined && last.end_ms === undefined) || defaultStart)) {
    // "title 'GRWM' top, 3s": a bare length right after a title is how long it shows.
    const len = RE_TEXT_LENGTH.exec(c.text);
    const ms = len ? parseTime((len[1] ?? len[2])!) : null;
    if (ms) {
      last.start_ms = 0;
      last.end_ms = ms;
      c.text = '';
      return [];
    }
  }
  // "it's upside down, turn it the right way up"; "末尾那五秒不要了，剪了吧": the second part only repeats the first.
  if ((last.op === 'rotate' || last.op === 'flip') && /^(?:so\s+)?(?:turn|flip|put|get|make)\s+it\s+(?:the\s+)?right\s+(?:way|side)\s+up$|^(?:so\s+)?(?:fix|correct)\s+it$/.test(c.text)) {
    c.text = '';
    return [];
  }
  if ((last.op === 'cut' || last.op === 'trim' || last.op === 'delete_clip') && /^(?:剪|删|去|切)(?:了|掉)?吧?$|^(?:cut|remove|delete|drop) (?:it|that|them)$/.test(c.text)) {
    c.text = '';
    return [];
  }
  if (last.op === 'add_clip') {
    // "put intro.mp4 at the start and outro.mp4 at the end": another file, another place.
    const more = /^(?:then\s+)?([\w\-.]+\.(?:mp4|mov|m4v|webm|mkv|jpe?g|png|webp|heic))\s*(?:(?:at|to)\s+the\s+(start|beginning|end)|as\s+clip\s+(\d+))?$/.exec(c.text);
    if (more) {
      c.text = '';
      const at = more[2] ? (more[2] === 'end' ? 'end' : 'start') : more[3] ? Number(more[3]) : undefined;
      return [{ op: 'add_clip', media: more[1]!, ...(at !== undefined ? { at } : {}) } as Operation];
    }
  }
  if (last.op === 'split') {
    // "split at 5s and 10s": a bare time after a split is another split.
    const at = RE_ANOTHER_SPLIT.exec(c.text);
    const ms = at ? parseTime((at[1] ?? at[2])!) : null;
    if (ms !== null && ms !== last.at_ms) {
      c.text = '';
      return [{ op: 'split', at_ms: ms }];
    }
  }
  if (last.op === 'adjust_color') {
    // "increase brightness by 10% and contrast by 15%": the second knob goes the same way.
    const knob = /^(?:the\s+)?(brightness|exposure|contrast|saturation|colou?rs?)\s+(?:by\s+|to\s+)?\+?(\d+(?:\.\d+)?)\s*%$|^(亮度|对比度|饱和度)\s*(\d+)\s*%$/.exec(c.text);
    if (knob) {
      const word = (knob[1] ?? knob[3])!;
      const key = /bright|expos|亮/.test(word) ? 'brightness' : /contrast|对比/.test(word) ? 'contrast' : 'saturation';
      const prev = [last.brightness, last.contrast, last.saturation].find((v) => v !== undefined) ?? 1;
      const v = Math.min(1, Number(knob[2] ?? knob[4]) / 100) * Math.sign(prev || 1);
      last[key] = v;
      c.text = '';
      return [];
    }
  }
  if (last.op === 'remove_silence') {
    const min = RE_PAUSE_OVER.exec(c.text);
    const ms = min ? parseTime((min[1] ?? min[2])!) : null;
    if (ms !== null) {
      last.min_silence_ms = Math.min(10_000, Math.max(100, ms));
      c.text = '';
      return [];
    }
  }
  if (last.op === 'remove_silence' && /^(?:the\s+|all\s+(?:the\s+)?)?(?:pauses|silences?|gaps|dead air|breaths|ums?|uhs?|awkward (?:pauses|bits))$|^(?:停顿|静音|空白|气口)$/.test(c.text)) {
    c.text = '';
    return [];
  }
  if ((last.op === 'add_captions' || last.op === 'style_captions') && /^(?:make (?:them|it)\s+|using\s+|with\s+|in\s+)?(?:a\s+)?(?:the\s+)?(karaoke|word[- ]by[- ]word|bold|classic|highlighted)(?:\s+(?:style|look|captions|subtitles))?$|^[要用]?(卡拉ok|逐字|粗体|经典)(?:高亮|样式|风格|效果)?$/.test(c.text)) {
    const word = c.text;
    const style = /karaoke|word|highlight|卡拉|逐字/.test(word) ? 'karaoke' : /bold|粗/.test(word) ? 'bold' : 'classic';
    last.style = style;
    c.text = '';
    return [];
  }
  if (last.op === 'style_captions' || last.op === 'add_captions' || last.op === 'add_text') {
    if (!/^(?:(?:and\s+)?(?:make|put|move|set|turn|place|in|with)\s+(?:them|it|the text|the captions|the subtitles)?\s*)?(?:in\s+|at\s+|to\s+)?(?:the\s+)?[a-z#0-9 ]+$|^(?:放到|放在|改成|用)?[\p{Script=Han}]+$/u.test(c.text)) return null;
    const probe = { ...c };
    const col = color(probe);
    const sz = size(probe);
    const pos = position(probe);
    if (!col && !sz && !pos) return null;
    const rest = leftover({ ...probe, text: probe.text.replace(/\b(?:them|put|move|place|turn|in|at|to|colou?r|position|size|font|style|text)\b|字幕|标题|颜色|位置|大小|字号|字体/g, ' ') });
    if (rest) return null;
    c.text = '';
    if (last.op === 'add_text') {
      if (pos) last.position = pos;
      if (col || sz) last.style = { ...last.style, ...(col ? { color: col } : {}), ...(sz ? { size: sz } : {}) } as typeof last.style;
      return [];
    }
    const looks = { ...(col ? { color: col } : {}), ...(sz ? { size: sz } : {}), ...(pos ? { position: pos } : {}) };
    if (last.op === 'style_captions') {
      Object.assign(last, looks);
      return [];
    }
    return [{ op: 'style_captions', ...looks } as Operation];
  }
  return null;
};

function refineMusic(c: Parameters<Rule>[0], last: Extract<Operation, { op: 'add_music' }>): Operation[] | null {
  // Emoji and punctuation say nothing here ("nice and loud 🔊").
  c.text = c.text.replace(/[^\p{L}\p{N}%.:\s-]/gu, ' ').replace(/\s+/g, ' ').trim();
  // "…, no fade out": the music stops with the video instead of its default fade.
  if (/^(?:and\s+|but\s+)?(?:no|without|don'?t|do not)\s+(?:a\s+|any\s+)?fad(?:e|es|ing)(?:[- ]?(?:it\s+)?(?:in|out))?(?:\s+please)?$|^(?:但是?)?不要?(?:淡出|渐出|淡入淡出)$/.test(c.text)) {
    last.fade_out_ms = 0;
    c.text = '';
    return [];
  }
  const fade = MUSIC_FADE.exec(c.text);
  if (fade) {
    const dir = fade[1] ?? fade[2] ?? fade[3] ?? fade[4]!;
    const ms = fadeMs(c.text);
    if (/in|入/.test(dir)) last.fade_in_ms = ms;
    if (/out|出/.test(dir)) last.fade_out_ms = ms;
    c.text = '';
    return [];
  }
  if (DUCK.test(c.text) && !/\b(?:add|new)\b/.test(c.text)) {
    last.duck = true;
    c.text = '';
    return [];
  }
  if (/^(?:make it\s+)?(?:nice\s+)?(?:and\s+)?loud(?:er)?$|^大声一?点$/.test(c.text)) {
    last.volume = 0.6;
    c.text = '';
    return [];
  }
  if (/^(?:but\s+)?(?:not\s+(?:too|so)\s+loud|keep it (?:quiet|low|soft)|quiet(?:ly)?|soft(?:ly)?|low|subtle|in the background|小声一?点?|轻一?点|小一?点|别太大声|不要太大声|音量小一?点)$/.test(c.text)) {
    last.volume = 0.2;
    c.text = '';
    return [];
  }
  // "music please, chill, …": a mood said on its own is the music's.
  const mood = /^(lo-?fi|chill|upbeat|happy|pop|cinematic|epic|hip hop|hiphop|acoustic|electronic|edm|energetic|trending|欢快|轻松|舒缓|史诗|电子|嘻哈)$/.exec(c.text);
  if (mood && (last.query === undefined || last.query === 'trending')) {
    const zh: Record<string, string> = { 欢快: 'upbeat', 轻松: 'chill', 舒缓: 'chill', 史诗: 'epic', 电子: 'electronic', 嘻哈: 'hip hop' };
    last.query = zh[mood[1]!] ?? mood[1]!.replace(/^lo-?fi$/, 'lofi').replace(/^hiphop$/, 'hip hop');
    c.text = '';
    return [];
  }
  // "…, at 30%", "音量30%": the volume of the music just added.
  const pct = percent(c.text);
  if (pct && /^(?:(?:at|volume|with|set|to|make it|keep it|music)\s*)*[\d.]+\s*(?:%|percent)\s*(?:volume)?$|^(?:音量|音乐音量)?\s*(?:调到|设为|为)?\s*[\d.]+\s*%$|^(?:百分之)\d+$/.test(c.text)) {
    last.volume = Math.min(1, pct.value);
    consume(c, pct.match);
    c.text = '';
    return [];
  }
  return null;
}
