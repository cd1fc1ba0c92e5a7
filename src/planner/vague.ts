// Wishes with no concrete edit in them. Each gets a documented default the reply names
// (docs/PLANNER.md), or two or three concrete edits to choose from: never silence, never a
// guess passed off as certain.
import type { Operation } from '../operations/index.js';
import type { Language } from './text.js';

export interface VagueAnswer {
  operations: Operation[];
  reply: string;
  /** A request for help is answered in full; a default or choices could be improved on by a model. */
  help?: boolean;
}

const HELP = /^(?:help|\?|commands|options|menu)$|\bwhat (?:can|do) you do\b|\bwhat can i (?:say|do|ask)\b|\bhow does (?:this|it) work\b|\bhow (?:do|can) i use\b|\bwhat are (?:the|your) (?:commands|options|features)\b|帮助|你能做什么|能做什么|怎么用|有什么功能/;

// "looks good" is approval; "make it look good" and "look better" are wishes.
const LOOK_BETTER =
  /\b(?:make|making|get|have)\s+(?:it|this|the video|my video)\s+look\s+(?:better|nicer|good|great|prettier|(?:more\s+)?professional|pro|amazing|nice|beautiful|polished|clean(?:er)?|premium|aesthetic)\b|\blooks?\s+(?:better|nicer|prettier|more professional|cleaner|more polished|more premium)\b|\bmake it (?:pop|prettier|nicer|beautiful|pretty|aesthetic|look good)\b|\b(?:enhance|improve|fix|boost)\s+(?:the\s+)?(?:video|look|colou?rs?|quality|image|picture|footage)\b|\bauto[- ]?enhance\b|\bcolou?r[- ]correct(?:ion)?\b|\bbetter (?:colou?rs?|look|quality)\b|(?<!不)好看|高级|美化|质感|优化画面|画质/;
const INSTAGRAM_READY = /\b(?:instagram|insta|ig)[- ]ready\b|\bready (?:for|to post on) (?:instagram|insta|ig)\b|\bfor (?:instagram|insta|ig)\b|\bpost(?:able)? (?:it )?on (?:instagram|insta|ig)\b|适合ins|发ins|发instagram/;
const CHOICES =
  /\b(?:viral|engaging|better|more interesting|interesting|more fun|fun(?:ner)?|short(?:er)?|more exciting|exciting|awesome|professional|cool(?:er)?|good|fix it|edit it|do (?:your|the) (?:thing|magic)|something|surprise me|spice (?:it|this) up|improve (?:it|this)|make it nice|better edit|catchy|trendy|stand out|blow up|aesthetic)\b|更好|吸引人|火|爆|有趣|短一点|精彩|专业|好玩|酷一点|优化/;

export function vagueAnswer(text: string, language: Language): VagueAnswer | null {
  if (HELP.test(text.trim())) {
    return {
      operations: [],
      help: true,
      reply:
        language === 'zh'
          ? '我可以：裁剪画幅（方形、竖屏9:16、4:5、横屏）、按时间剪辑（“剪掉5到10秒”“只保留前30秒”）、变速（“2倍速”“慢动作”）、加音乐（“lofi，音量30%”）、标题（加标题“夏日”）、字幕、滤镜（黑白、暖色、电影感）、调色、淡入淡出、转场、防抖、撤销；说“导出”就生成视频。'
          : 'Say what you want in plain words: crop ("square", "9:16 for Reels", "4:5"), trim or cut ("cut 0:05 to 0:10", "keep the first 30 seconds"), speed ("2x", "slow-mo from 3 to 5 s"), music ("lofi at 30%"), titles ("add the title \'Day 1\' for 3 s"), captions, looks (b&w, warm, cinematic), brightness, fades, transitions, stabilize, undo; say "export" to render.',
    };
  }
  if (LOOK_BETTER.test(text)) {
    return {
      operations: [{ op: 'adjust_color', contrast: 0.1, saturation: 0.15 }],
      reply:
        language === 'zh'
          ? '我把“更好看”理解为稍微提高对比度（+10%）和饱和度（+15%）。不满意可以说“撤销”，或者试试“电影感”“暖色”“鲜艳”滤镜。'
          : 'I read "look better" as a gentle boost: contrast +10% and saturation +15%. Say "undo" to drop it, or ask for a look instead: cinematic, warm or vivid.',
    };
  }
  if (INSTAGRAM_READY.test(text)) {
    return {
      operations: [{ op: 'set_aspect', aspect: '9:16', fit: 'fill' }],
      reply:
        language === 'zh'
          ? '按 Instagram Reels 的格式做：裁剪为 9:16（1080×1920）。想发到动态就说“4:5”。'
          : 'Made it Instagram Reels format: cropped to 9:16 (1080×1920). For a feed post say "4:5" instead.',
    };
  }
  if (CHOICES.test(text)) {
    const shorter = /\bshort(?:er)?\b|短/.test(text);
    const en = shorter
      ? 'Which would you like: "make it 15 seconds long", "cut out the pauses", or "cut the first 3 seconds"?'
      : 'I can do any of these, tell me which: "make it vertical for Reels with captions", "add trending music at 30%", or "add the title \'...\' for the first 3 seconds" (a cinematic or vivid look works too).';
    const zh = shorter
      ? '想怎么缩短：“改成15秒”、“去掉停顿”，还是“剪掉前3秒”？'
      : '可以选一个：“改成竖屏9:16并加字幕”、“加热门音乐，音量30%”，或“前3秒加标题“……””（也可以加电影感或鲜艳滤镜）。';
    return { operations: [], reply: language === 'zh' ? zh : en };
  }
  return null;
}
