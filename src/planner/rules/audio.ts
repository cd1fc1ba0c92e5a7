// Sound: music, volumes, mutes, fades, loudness, beat sync and pause removal.
import { askedTempo, resolveMusicQuery } from '../../music/library.js';
import type { Operation } from '../../operations/index.js';
import { consume, consumeAll, leftover, type Clause } from '../text.js';
import { TIME, findDuration, parseTime } from '../times.js';
import type { Rule, RuleContext } from './types.js';

const MUSIC = /\b(?:music(?! video)|song|songs|soundtrack|bgm|background track|beat|beats|tune|tunes|(?<!(?:audio|original|video|voice|sound|camera|caption|subtitle|text|narration|voiceover|voice-over) )track(?! of the (?:original|video))|\bscore\b|(?<=\b(?:trending|background|viral) )audio|instrumental|melody)\b|背景音乐|背景乐|音乐(?!录影带|视频|MV|mv)|配乐|歌曲|歌|曲子|电音|bgm/;

/** Moods and genres as the music library knows them (src/music/library.ts resolves these). */
const MOODS: Array<[RegExp, string]> = [
  [/\blo[- ]?fi\b|低保真/, 'lofi'],
  [/\bhip[- ]?hop\b|\brap\b|\btrap\b|嘻哈|说唱/, 'hip hop'],
  [/\bedm\b|\bdance\b|舞曲/, 'edm'],
  [/\belectro(?:nic)?\b|\bsynth\b|电子|电音/, 'electronic'],
  [/\bacoustic\b|\bguitar\b|\bfolk\b|吉他|民谣|原声吉他/, 'acoustic'],
  [/\bcinematic\b|\bmovie\b|\bfilm\b|电影感?/, 'cinematic'],
  [/\bepic\b|\bdramatic\b|\borchestral\b|\bheroic\b|史诗|大气|震撼|大片感?/, 'epic'],
  [/\bupbeat\b|\bhappy\b|\bcheerful\b|\bfun\b|\bjoyful\b|\bsunny\b|\bbright\b|欢快|轻快|快乐|开心|活泼|愉快/, 'upbeat'],
  [/\bpop\b|流行/, 'pop'],
  [/\benergetic\b|\bhype\b|\bworkout\b|\bgym\b|\bpumping\b|\bintense\b|动感|燃|激情/, 'energetic'],
  [/\bconfident\b|\bswagger\b/, 'confident'],
  [/\bchill(?:ed|y)?\b|\brelax(?:ing|ed)?\b|\bcalm\b|\bmellow\b|\bsoothing\b|\bcozy\b|轻松|舒缓|放松|治愈|安静/, 'chill'],
  [/\btrending\b|\bviral\b|\bpopular\b|\bhot\b|\btrendy\b|热门|爆款|热歌|火的/, 'trending'],
];
/** Genres the bundled library lacks, and the closest mood it has. */
const NEAREST: Array<[RegExp, string, string]> = [
  [/\bjazz(?:y)?\b|爵士/, 'chill', 'jazz'],
  [/\bambient\b|氛围/, 'chill', 'ambient'],
  [/\bpiano\b|钢琴/, 'cinematic', 'piano'],
  [/\bclassical\b|古典/, 'cinematic', 'classical'],
  [/\b(?:sad|emotional|melancholic|melancholy|sentimental)\b|伤感|悲伤|感人/, 'cinematic', 'sad'],
  [/\bromantic\b|\blove\b|浪漫|甜蜜/, 'acoustic', 'romantic'],
  [/\bcountry\b|乡村/, 'acoustic', 'country'],
  [/\brock\b|\bmetal\b|\bpunk\b|摇滚/, 'energetic', 'rock'],
  [/\br&b\b|\brnb\b|\bsoul\b/, 'chill', 'R&B'],
];

const QUIETER = /\b(?:quieter|softer|more small|smaller|more quiet|lower|turn(?:ed)? (?:it )?down|down|reduce|decrease|less loud|not so loud|too loud|lower (?:it|the volume))\b|小声|小一点|小点|调小|调低|降低|低一些|小一些|轻一点|太大|太响|吵|低一点|压低/;
const LOUDER = /\b(?:louder|turn(?:ed)? (?:it )?up|up|raise|increase|boost|more audible|too quiet|too soft|can'?t hear)\b|大声|调大|调高|提高|大一点|大一些|大点|响一点|响一些|再响|听不清|听不见|太小|太轻|有点小|偏小|提一提|拉满/;
const ADD = /\b(?:add|put|play|use|give|with|want|throw in|need|include|insert|pick|choose|get|slap on|lay|set to|replace(?:d)?|swap(?:ped)?)\b|加|添加|配(?!乐)|来点|来一首|放|用|换成/;
const MUTE = /\b(?:mute|muted|silence|silenced|remove|removed|delete|kill|turn off|switch off|disable|disabled|off|no|without|strip|drop|get rid of|lose|take (?:out|off))\b|静音|去掉|关(?:掉|闭|了)?|删除|删掉|删了|不要|取消|消除|拿掉/;
const ORIGINAL = /\bnarration track\b|\bthe original\b(?!\s+(?:colou?rs?|look|video|clip|size|format|speed|frame|aspect|file|version))|\b(?:original (?:audio|sound|track|voice)|voices?|vocals?|speech|talking|dialog(?:ue)?|narration|voice ?over|my audio|clip audio|video(?:'s)? (?:sound|audio)|camera audio|ambient sound|natural sound|sound|audio)\b|原声|人声|声音|原音|说话声|环境音/;
export const DUCK = /\bducks?(?:ing|ed)?\b|\b(?:lower|quieter|down)\b.*\b(?:when|while|under)\b.*\b(?:talk|speak|voice|speech)|\bunder (?:the |my )?(?:voice|speech|talking)\b|\bbehind (?:the |my )?voice\b|说话(?:的)?时(?:候)?.{0,6}?(?:压低|降低|降|变小|小声|调小)|人声时压低|自动压低|自动避让|闪避|避让/;

/** "lower the music by 40%", "voice 30% louder", "in half": a change relative to the current level. */
export function relativeChange(text: string): { factor: number; match: string } | null {
  const by = /\b(?:by|of)\s+(\d+(?:\.\d+)?)\s*(?:%|percent)|(\d+(?:\.\d+)?)\s*(?:%|percent)\s+(louder|quieter|softer|lower|higher|more|less)\b/.exec(text);
  const down = /\b(?:lower|reduce|decrease|cut|drop|turn down|bring down|quieter|softer|less|down)\b/.test(text);
  if (by) {
    const pct = Number(by[1] ?? by[2]) / 100;
    const lessWord = by[3] ? /quieter|softer|lower|less/.test(by[3]) : down;
    return { factor: lessWord ? 1 - pct : 1 + pct, match: by[0] };
  }
  const half = /\b(?:by|in)\s+half\b|\bhalve\b/.exec(text);
  if (half) return { factor: down || /halve|in half/.test(half[0]) ? 0.5 : 1.5, match: half[0] };
  return null;
}

export function percent(text: string): { value: number; match: string } | null {
  if (/^(?:.*\s)?(?:一半|half)$|调到一半|到一半/.test(text)) return { value: 0.5, match: (/一半|half/.exec(text) ?? [''])[0] };
  if (/拉满|最大/.test(text)) return { value: 1, match: (/拉满|最大/.exec(text) ?? [''])[0] };
  const m = /(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)|(?:百分之)\s*(\d+)|\bvolume\s*(?:to|at|of|=|:)?\s*(0?\.\d+|[12](?:\.\d+)?)\b(?!\s*(?:%|s|sec|seconds?))/.exec(text);
  if (!m) return null;
  const v = m[3] !== undefined ? Number(m[3]) : Number(m[1] ?? m[2]) / 100;
  return { value: Math.round(v * 1000) / 1000, match: m[0] };
}

// EPSILON: 0.35 × 1.5 is 0.52499999… in floating point, and a person expects 53%.
const round2 = (v: number) => Math.round((v + Number.EPSILON) * 1000) / 1000;
// Compiled once: the planner runs in microseconds only if its patterns are not rebuilt per call.
const RE_TIME_ALL = new RegExp(TIME, 'g');
const RE_MORE_THAN_ZH = new RegExp(String.raw`(${TIME})\s*(?:以上|多)`);
const RE_LONGER_THAN = new RegExp(String.raw`(?:longer than|more than|exceeding|over|above|at least|超过|长于)\s*(${TIME})`);


function relative(current: number | null | undefined, factor: number, fallback: number, cap: number): number {
  if (current === null || current === undefined) return fallback;
  return round2(Math.min(cap, Math.max(0, current * factor)));
}

export function fadeMs(text: string): number {
  const ms = findDuration(text);
  return ms === null || ms < 1 ? 2000 : Math.min(ms, 60_000);
}

/** Fades run 1 ms to 60 s; a longer one is cut to 60 s and the reply says so. */
function limitFade(ms: number | null, ctx: RuleContext): number | null {
  if (ms === null || ms < 1) return null;
  if (ms <= 60_000) return ms;
  ctx.notes.push(ctx.language === 'zh' ? '淡入淡出最长 60 秒。' : 'A fade lasts at most 60 s, so this one does.');
  return 60_000;
}

/** The mood or genre as the person said it (spelling made canonical), when the library knows it. */
function saidQuery(word: string): string | null {
  const w = word
    .toLowerCase()
    .replace(/^lo[- ]?fi$/, 'lofi')
    .replace(/^hip[- ]?hop$/, 'hip hop')
    .replace(/^chill(?:ed|y)$/, 'chill')
    .replace(/-/g, ' ');
  if (/\p{Script=Han}/u.test(w)) return null;
  return resolveMusicQuery(w) ? w : null;
}

/**
 * The mood that describes the music: of several mood words, the one nearest the music word
 * ("cinematic with epic music" is epic music and a cinematic look).
 */
function musicMood(c: Clause, ctx: RuleContext, musicAt: number, tempoSaid = false): string | undefined {
  let best: { word: string; q: string; distance: number } | undefined;
  for (const [re, q] of MOODS) {
    const m = re.exec(c.text);
    if (!m) continue;
    const distance = musicAt < 0 ? m.index : Math.abs(m.index + m[0].length - musicAt);
    if (!best || distance < best.distance) best = { word: m[0], q, distance };
  }
  if (best) {
    consume(c, best.word);
    const query = saidQuery(best.word) ?? best.q;
    // "upbeat pop": the other mood words describe the same music.
    for (const [re] of MOODS) consumeAll(c, re);
    return query;
  }
  for (const [re, q, said] of NEAREST) {
    const m = re.exec(c.text);
    if (m) {
      consume(c, m[0]);
      const own = saidQuery(m[0]);
      if (own) return own;
      ctx.notes.push(ctx.language === 'zh' ? `内置曲库没有${said}音乐，选了最接近的 ${q}。` : `The bundled library has no ${said} track, so I picked the closest mood: ${q}.`);
      return q;
    }
  }
  return tempoSaid ? undefined : 'trending';
}

/** "keep only" right before the music word. */
const KEEPS = /(?:只留|只保留|留着|just keep|keep only|only keep)\s*(?:the\s+)?$/;

const NO_MUSIC = {
  en: 'There is no music yet: say "add lofi music" (or another mood) first.',
  zh: '还没有音乐：先说“加lofi音乐”（或别的风格）。',
} as const;

export const musicRule: Rule = (c, ctx) => {
  const file = /\b[\w\-.]+\.(?:mp3|m4a|wav|aac|flac|ogg)\b/.exec(c.text);
  const music = MUSIC.exec(c.text);
  const moodOnly =
    !music &&
    (/\b(?:lo[- ]?fi)\b/.test(c.text) ||
      (/\b(?:play|put on|throw on|add|use)\b/.test(c.text) && /\b(?:pop|hip[- ]?hop|rap|edm|electronic|acoustic|jazz|rock|classical|piano|r&b|trap|house|techno|country)\b/.test(c.text)));
  if (!music && !file && !moodOnly && !DUCK.test(c.text)) return null;
  // "原声关了只留bgm": the music is what stays.
  const keepsMusic = music ? KEEPS.exec(c.text.slice(0, music.index)) : null;
  if (keepsMusic && ORIGINAL.test(c.text)) {
    consume(c, keepsMusic[0] + music![0]);
    return null;
  }
  const lastAdd = [...ctx.planned].reverse().find((o) => o.op === 'add_music') as Extract<Operation, { op: 'add_music' }> | undefined;
  const hasMusic = lastAdd !== undefined || (ctx.timeline?.musicVolume ?? null) !== null;
  const rel = relativeChange(c.text);
  const pct = rel ? null : percent(c.text);
  const noMusicHere = ctx.timeline !== undefined && ctx.timeline.musicVolume === null && lastAdd === undefined;
  // "duck the music under my voice", "lower the music when I talk", "stop ducking": the music
  // already there, said again with ducking on or off (no operation changes only that).
  const ducking = DUCK.exec(c.text);
  const asksNew = file !== null || /\b(?:add|new|another|different|change|switch|replace)\b|加|换/.test(c.text) || MOODS.some(([re]) => re.test(c.text));
  if (ducking && !lastAdd && !asksNew) {
    const off = /\b(?:stop|no|turn off|switch off|without|disable|don'?t|do not)\b[^.]*\bduck|取消|不要/.test(c.text);
    consume(c, ducking[0]);
    if (music) consume(c, music[0]);
    consume(c, /\b(?:stop|no|turn off|switch off|without|disable|don'?t|do not|the|music|song|track|bgm|please|it|my|i|am|i'm|when|while|under|voice|talk(?:ing)?|speak(?:ing)?)\b|取消|不要|音乐|背景音乐/g);
    if (!ctx.timeline) return (ctx.needs.push(ctx.language === 'zh' ? '现在的音乐' : 'the music playing now'), []);
    if (!ctx.timeline.music) return (ctx.notes.push(NO_MUSIC[ctx.language]), []);
    return [{ ...ctx.timeline.music, duck: !off }];
  }
  if (MUTE.test(c.text) && !ADD.test(c.text.replace(/\bno\b/, '')) && !pct && !keepsMusic) {
    const leaveOut = /^(?:and\s+)?(?:no|without)\s+(?:\w+\s+)?(?:music|song|bgm)\b(?:\s+(?:thanks|thank you|please))?$/.test(c.text.trim());
    consume(c, MUTE);
    if (music) consume(c, music[0]);
    if (noMusicHere) return (ctx.notes.push(NO_MUSIC[ctx.language]), []);
    // "…, and no music thanks" with no timeline to say there is any: nothing to take away.
    if (!ctx.timeline && !lastAdd && leaveOut) {
      ctx.notes.push(ctx.language === 'zh' ? '不加音乐。' : 'No music, as asked.');
      return [];
    }
    return [{ op: 'mute', target: 'music' }];
  }
  const wantsAdd = ADD.test(c.text) || file !== null || MOODS.some(([re]) => re.test(c.text)) || NEAREST.some(([re]) => re.test(c.text));
  if (rel && (hasMusic || !ctx.timeline) && !ADD.test(c.text)) {
    consume(c, rel.match);
    if (music) consume(c, music[0]);
    const current = lastAdd ? (lastAdd.volume ?? 0.35) : (ctx.timeline?.musicVolume ?? 0.35);
    const volume = round2(Math.min(1, Math.max(0, current * rel.factor)));
    consume(c, /\b(?:lower|reduce|decrease|cut|drop|turn down|bring down|raise|increase|boost|turn up|bring up|louder|quieter|softer|the|level|volume|make|it|up|down|track)\b/g);
    if (lastAdd) return ((lastAdd.volume = volume), []);
    return [{ op: 'set_volume', target: 'music', volume }];
  }
  // "太小声了听不见" is too quiet; "吵得听不清说话" is too loud.
  const tooQuiet = /太小声?|太轻|(?:听不见|听不清)(?!.*(?:说话|人声|声音))|too (?:quiet|soft)|can'?t hear (?:it|the music)/.test(c.text);
  const quieter = tooQuiet ? null : QUIETER.exec(c.text);
  const louder = LOUDER.exec(c.text);
  if (!wantsAdd || (hasMusic && !file && !/\b(?:add|new|another|different|change|switch|replace)\b|换/.test(c.text) && (pct || quieter || louder))) {
    if (pct || quieter || louder) {
      if (music) consume(c, music[0]);
      consume(c, /\b(?:volume|level|the|make|turn|set|at|to|it|a bit|bit|little|background)\b|音量|背景/g);
      let volume: number;
      if (pct) {
        consume(c, pct.match);
        volume = Math.min(1, pct.value);
      } else if (quieter) {
        consume(c, quieter[0]);
        volume = relative(lastAdd ? (lastAdd.volume ?? 0.35) : ctx.timeline?.musicVolume, 0.6, 0.2, 1);
      } else {
        consume(c, louder![0]);
        volume = relative(lastAdd ? (lastAdd.volume ?? 0.35) : ctx.timeline?.musicVolume, 1.5, 0.6, 1);
      }
      if (lastAdd) {
        lastAdd.volume = volume;
        return [];
      }
      // "bg music at 30%" on a timeline with no music asks for music at 30%.
      if (noMusicHere && pct) return [{ op: 'add_music', query: 'trending', volume }];
      if (noMusicHere) return (ctx.notes.push(NO_MUSIC[ctx.language]), []);
      return [{ op: 'set_volume', target: 'music', volume }];
    }
    if (!music) return null;
    // "let the music fade away", "make the music sound like it's in another room", "track my face":
    // the music is named but nothing is added; other rules (or nobody) take it.
    if (/\bfade|fading|淡/.test(c.text)) return null;
    const rest = leftover({ ...c, text: c.text.replace(music[0], ' ') });
    if (rest) return null;
  }
  const musicAt = music ? c.text.indexOf(music[0]) : -1;
  // "来点电音": the music word itself can be the genre.
  const genreWord = music && MOODS.find(([re]) => re.test(music[0]));
  if (music) consume(c, music[0]);
  if (file) consume(c, file[0]);
  // "matching the query 'cinematic'": a quoted mood is the query.
  const quotedMood = !file && c.quoted.length === 1 && /\b(?:query|mood|genre|style|called|named|titled|like)\b|风格|类型/.test(c.text) ? c.quoted[0]!.toLowerCase() : undefined;
  if (quotedMood) consume(c, /⟦\d+⟧/);
  // "replaced with something happy": the mood asked for is the one after "with".
  const replacement = /\b(?:replace(?:d)?|swap(?:ped)?|change(?:d)?)\b.*?\b(?:with|to|for)\s+(?:something\s+|some\s+)?(?:more\s+)?([\w-]+)/.exec(c.text);
  const replacedMood = replacement && MOODS.find(([re]) => re.test(replacement[1]!)) ? (saidQuery(replacement[1]!) ?? MOODS.find(([re]) => re.test(replacement[1]!))![1]) : undefined;
  if (replacedMood) consume(c, /\b(?:lo[- ]?fi|chill|upbeat|happy|pop|cinematic|epic|hip[- ]?hop|acoustic|electronic|edm|energetic|trending)\b/g);
  // "around 128 bpm": the tempo is part of what is asked, for the bundled library and a music folder alike.
  const tempo = file || quotedMood ? null : askedTempo(c.text);
  if (tempo) consume(c, tempo.match);
  const mood = file ? undefined : replacedMood ?? (quotedMood ?? (genreWord && !MOODS.some(([re]) => re.test(c.text)) ? genreWord[1] : musicMood(c, ctx, musicAt, tempo !== null)));
  const query = tempo ? `${mood && mood !== 'trending' ? `${mood} ` : ''}${tempo.bpm} bpm` : mood;
  let volume: number | undefined;
  if (pct) {
    consume(c, pct.match);
    volume = Math.min(1, pct.value);
  } else if (/\b(?:quiet(?:ly)?|soft(?:ly)?|subtle|low|in the background|faint)\b|小声|轻轻|低音量/.test(c.text)) {
    volume = 0.2;
    consume(c, /\b(?:quiet(?:ly)?|soft(?:ly)?|subtle|low|in the background|faint)\b|小声|轻轻|低音量/);
  } else if (/\bloud\b|大声/.test(c.text)) {
    volume = 0.6;
    consume(c, /\bloud\b|大声/);
  }
  const op: Extract<Operation, { op: 'add_music' }> = { op: 'add_music', ...(query ? { query } : { media_id: file![0] }) };
  if (volume !== undefined) op.volume = volume;
  // "with no fade": the music stops with the video (the default fades it out over 2 s).
  const noFade = /\b(?:no|without|don'?t|do not|never)\s+(?:a\s+|any\s+)?fad(?:e|es|ing)(?:[- ](?:in|out))?\b|不要?淡出|不要?淡入淡出|不要?渐出/.exec(c.text);
  if (noFade) {
    op.fade_out_ms = 0;
    consume(c, noFade[0]);
  }
  const fadeIn = /\bfad(?:e[sd]?|ing)[- ]?(?:it |the music )?in\b|淡入|渐入/.exec(c.text);
  const fadeOut = /\bfad(?:e[sd]?|ing)[- ]?(?:it |the music )?out\b|淡出|渐出/.exec(c.text);
  const both = /\bfade[sd]? (?:it )?in and out\b|淡入淡出/.exec(c.text);
  if (both || fadeIn) op.fade_in_ms = fadeMs(c.text);
  if (both || fadeOut) op.fade_out_ms = fadeMs(c.text);
  if (both) consume(c, both[0]);
  if (fadeIn) consume(c, fadeIn[0]);
  if (fadeOut) consume(c, fadeOut[0]);
  const duck = DUCK.exec(c.text);
  if (duck) {
    op.duck = true;
    consume(c, duck[0]);
  }
  consume(c, ADD);
  consume(c, RE_TIME_ALL);
  consume(c, /\b(?:some|a|an|the|music|song|track|background|at|volume|over|with|and|it|as|vibe|vibes|style|type|kind of|genre|mood|something|instrumental|behind|play|put on|throw on|matching|query|called|named|like|around|about|roughly|approximately|near|tempo)\b|一首|一些|一段|的|背景|左右|大约/g);
  return [op];
};

export const originalAudioRule: Rule = (c, ctx) => {
  const original = ORIGINAL.exec(c.text);
  const rel = relativeChange(c.text);
  const bareMute = /^(?:please\s+)?(?:mute|silence)(?:\s+(?:it|the video|the clip|everything|all))?$|^静音$|^(?:全部)?静音|^消音$|^去掉声音$/.exec(c.text);
  const volumeWord = /\b(?:volume|loudness)\b|音量/.exec(c.text);
  if (!original && !bareMute && !volumeWord && !/\bsilent\b|静音|无声/.test(c.text)) return null;
  const silent = /\b(?:mute (?:everything|all(?: (?:audio|sound))?|the whole thing)|make it silent|silent|no (?:sound|audio) at all|remove all (?:sound|audio)|kill all (?:sound|audio))\b|全部静音|完全静音|没有声音|无声/.exec(c.text);
  if (silent) {
    // Silence is every sound: the recording and any music.
    consume(c, silent[0]);
    return [{ op: 'set_volume', target: 'all', volume: 0 }];
  }
  if (bareMute) {
    consume(c, bareMute[0]);
    return [{ op: 'mute', target: 'original' }];
  }
  if (original && MUTE.test(c.text)) {
    consume(c, MUTE);
    consumeAll(c, ORIGINAL);
    consume(c, /\b(?:the|all|from the video|of the video|completely|track|audio|sound)\b/g);
    return [{ op: 'mute', target: 'original' }];
  }
  const target = original && !/\b(?:overall|everything|all (?:the )?(?:audio|sound))\b|整体|全部|所有/.test(c.text) ? 'original' : 'all';
  if (rel && (original || volumeWord)) {
    consume(c, rel.match);
    if (original) consume(c, original[0]);
    if (volumeWord) consume(c, volumeWord[0]);
    consume(c, /\b(?:lower|reduce|decrease|cut|drop|turn down|bring down|raise|increase|boost|turn up|bring up|louder|quieter|softer|the|level|make|it|up|down)\b/g);
    const base = target === 'original' ? (ctx.timeline?.originalVolume ?? 1) : 1;
    return [{ op: 'set_volume', target, volume: round2(Math.min(2, Math.max(0, base * rel.factor))) }];
  }
  const pct = percent(c.text);
  const quieter = QUIETER.exec(c.text);
  const louder = LOUDER.exec(c.text);
  if (!pct && !quieter && !louder) return null;
  const current = target === 'original' ? ctx.timeline?.originalVolume : undefined;
  let volume: number;
  if (pct) {
    volume = Math.min(2, pct.value);
    consume(c, pct.match);
  } else if (quieter) {
    volume = relative(current, 0.6, 0.6, 2);
    consume(c, quieter[0]);
  } else {
    volume = relative(current, 1.5, 1.5, 2);
    consume(c, louder![0]);
  }
  if (original) consume(c, original[0]);
  if (volumeWord) consume(c, volumeWord[0]);
  consume(c, /\b(?:make|the|set|turn|at|to|a bit|bit|little|it|overall|master|everything)\b|一点|整体/g);
  return [{ op: 'set_volume', target, volume }];
};

export const fadeRule: Rule = (c, ctx) => {
  const fade = /\bease (?:in|out)\b|\bfade[sd]?\b|\bfading\b|淡入|淡出|渐入|渐出|渐隐|渐显|渐变|慢慢变黑|渐渐变黑|变黑|黑下去|渐渐消失|慢慢消失|逐渐消失/.exec(c.text);
  if (!fade) return null;
  const both = /\bin and (?:fade )?out\b|淡入淡出|渐入渐出/.test(c.text);
  const inWords = /\bease in\b|\bfade[sd]?[- ]?(?:it |everything |the video |the picture |the music |the audio |the sound )?in\b|\bfrom black\b|\bat the (?:start|beginning)\b|淡入|渐入|渐显/.test(c.text);
  const bothEnds = /\b(?:start|beginning) and (?:the )?end\b|开头和结尾|首尾/.test(c.text);
  const dirs: Array<'in' | 'out'> = both || bothEnds ? ['in', 'out'] : inWords ? ['in'] : ['out'];
  const duration = limitFade(findDuration(c.text), ctx);
  let target: 'video' | 'audio' | undefined;
  // "of the video" names the whole thing; the picture alone is "to black", "the picture", "visuals".
  if (/\b(?:to|from) black\b|\b(?:picture|visuals?|image)\b|\bvideo only\b|\bjust the video\b|黑场|画面|变黑|黑下去/.test(c.text)) target = 'video';
  if (/\b(?:audio|sound|music|volume)\b|声音|音频|音乐/.test(c.text)) target = target ? undefined : 'audio';
  consume(c, /\bease\b|\bfade[sd]?\b|\bfading\b|淡入|淡出|渐入|渐出|渐隐|渐显|渐变|慢慢变黑|渐渐变黑|变黑|黑下去|渐渐消失|慢慢消失|逐渐消失|结束的时候|的时候/g);
  consume(c, /\b(?:in|out|and|it|everything|the|video|picture|visuals?|audio|sound|music|at|end|start|beginning|to|from|black|over|with|a|long|slow|quick|short|smooth|gentle|nice|of|last|final|first|add|put|during)\b|结尾|开头|黑场|画面|声音|音频|音乐|在|处/g);
  consume(c, RE_TIME_ALL);
  return dirs.map((direction) => ({ op: 'fade', direction, ...(duration ? { duration_ms: duration } : {}), ...(target ? { target } : {}) }) as Operation);
};

export const normalizeRule: Rule = (c) => {
  const m = /\b(?:normali[sz](?:e|ed|ing|ation)|even(?:s)? (?:it |the (?:audio|sound|volume) )?out|level(?:s)? (?:it |the (?:audio|sound|volume) )?out|all over the place|level (?:the |my )?(?:audio|sound|volume|levels)|(?:volume|audio|sound|loudness) (?:jumps?|jumping|is uneven|varies)|make it consistent|balance (?:the )?(?:audio|sound|levels|volume)|consistent (?:volume|loudness|levels|audio)|loudness|lufs|fix (?:the )?(?:audio|sound|levels)|(?:audio|sound) (?:levels?(?! (?:in half|by|down|up))|better|clean(?:er)?)|clean up the (?:audio|sound)|make the (?:audio|sound) better)\b|标准化|响度|统一音量|音量统一|声音统一|音量均衡|平衡音量|声音好一点|音频优化|音质|优化声音|声音优化|忽大忽小|一会儿大一会儿小|时大时小|大小不一|音量不一/.exec(c.text);
  if (!m) return null;
  const lufs = /(-?\d+(?:\.\d+)?)\s*lufs|(?:normali[sz]e|loudness|响度|标准化)[^\d\-−,，]{0,8}([-−]\d+(?:\.\d+)?)/.exec(c.text);
  consume(c, m[0]);
  if (lufs) consume(c, lufs[0]);
  consume(c, /\b(?:the|audio|sound|volume|loudness|levels?|to|it|all|so|is|consistent)\b|音量|声音/g);
  if (!lufs) return [{ op: 'normalize_audio' }];
  const v = -Math.abs(Number((lufs[1] ?? lufs[2]!).replace('−', '-')));
  return [{ op: 'normalize_audio', target_lufs: Math.min(-5, Math.max(-30, v)) }];
};

export const beatSyncRule: Rule = (c) => {
  const m = /\bsync\w*\s+(?:the\s+)?(?:cuts|clips|edits)\s+(?:to|with)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:music|song|track|beat)\b|\bsync\w*\s+(?:[\w-]+\s+){0,3}?(?:to|with)\s+(?:the\s+)?(?:beats?|rhythm|bpm)\b(?:\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:music|song|track))?|\bsync\w*\s+(?:the\s+)?(?:cuts|clips|edits)\s+to\s+(?:it|that|the (?:background )?(?:music|song|track))\b|\b(?:cuts?|edits?)\s+(?:hit|land on|match|follow)\s+the\s+(?:beats?|music|rhythm)\b|\bbeat[- ]?sync(?:ed)?\b|\bbeat[- ]?match(?:ed|ing)?\b|\bhit (?:on )?(?:every|each|the) beats?\b|\b(?:land|hit|fall)s?\s+on\s+the\s+(?:drum hits|drums|beats?|kicks?|downbeats?)\b|\bdrum hits\b|\bkick drums?\b|\bto the (?:kick|snare|drums?)\b|对上鼓点|踩鼓点|鼓点|\bsync(?:ed|hroni[sz]e)?\s+(?:it\s+|the cuts\s+|the clips\s+|the video\s+|everything\s+)?(?:to|with)\s+(?:the\s+)?(?:beat|music|rhythm|song|bpm|track)\b(?:\s+of\s+(?:the\s+)?(?:music|song|track))?|\bcuts?\s+(?:it\s+|the clips\s+)?(?:to|on)\s+(?:the\s+)?(?:beats?|rhythm|music)\b(?:\s+of\s+(?:the\s+)?(?:song|music|track))?|\bon (?:the )?beat\b|\bto the beat\b(?:\s+of\s+(?:the\s+)?(?:music|song|track))?|\bmatch (?:the )?(?:cuts|clips|edits) to (?:the )?(?:music|beat|song)\b|卡点|踩点|跟着?(?:音乐)?的?(?:节奏|节拍)|按(?:照)?(?:音乐)?的?(?:节奏|节拍)|对齐节拍/.exec(c.text);
  if (!m) return null;
  consume(c, m[0]);
  consume(c, /\b(?:edit|make|it|the|video|clips|cuts|please)\b/g);
  return [{ op: 'beat_sync' }];
};

export const silenceRule: Rule = (c) => {
  const m = /\b(?:gaps|pauses|silences?)\b[^,]{0,30}?\b(?:removed|cut out|cut|gone|deleted|taken out)\b|\btighten (?:up )?(?:the |all the )?(?:pauses|gaps|silences?)\b|\b(?:remove|cut(?: out)?|trim|delete|skip|take out|get rid of|drop|strip|lose|snip(?: out)?|chop(?: out)?)\b[^,]*?\b(?:silen(?:ce|ces|t (?:parts|bits|moments|gaps))|silent (?:segments|sections|stretches|moments)|pauses?|dead air|gaps|quiet (?:parts|bits)|ums?|breaths|awkward pauses)\b|\bjump ?cuts?\b|\bremove silence\b|\bsilence removal\b|\btighten (?:it |this )?up\b|\bno (?:pauses|dead air)\b|(?:删除|去掉|去除|剪掉|删掉|去)[^,，]{0,12}?(?:静音|停顿|空白|沉默|气口)|(?:静音|停顿|沉默|空白|空档|气口)[^,，]{0,8}?(?:去掉|删掉|剪掉|删除|去除|删了|剪了|切掉|剪|删)/.exec(c.text);
  if (!m) return null;
  const minZh = RE_MORE_THAN_ZH.exec(c.text);
  const min = RE_LONGER_THAN.exec(c.text);
  const db = /(-?\d+(?:\.\d+)?)\s*db\b/.exec(c.text);
  consume(c, m[0]);
  if (min) consume(c, min[0]);
  if (db) consume(c, db[0]);
  consume(c, /\b(?:all|the|of|in|it|video|from|long|the boring)\b/g);
  const minMs = min ? parseTime(min[1]!) : minZh ? parseTime(minZh[1]!) : null;
  if (minZh) consume(c, minZh[0]);
  return [
    {
      op: 'remove_silence',
      ...(minMs !== null ? { min_silence_ms: Math.min(10_000, Math.max(100, minMs)) } : {}),
      ...(db ? { threshold_db: Math.max(-90, Math.min(0, -Math.abs(Number(db[1])))) } : {}),
    } as Operation,
  ];
};
