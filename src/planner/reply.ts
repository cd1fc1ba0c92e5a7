// What the person is told: one or two sentences in the message's language.
import type { Operation } from '../operations/index.js';
import { replyLine } from './reply-lines.js';
import type { Timeline } from '../timeline/index.js';
import type { Intent } from './intent.js';
import type { Language } from './text.js';

export interface ReplyParts {
  language: Language;
  intent: Intent;
  operations: Operation[];
  notes: string[];
  needs: string[];
  asks: string[];
  unknown: string[];
  timeline?: Timeline;
  /** The track summary, for status. */
  summary?: string;
}

function sentence(parts: string[], language: Language): string {
  if (parts.length === 0) return '';
  if (language === 'zh') return `${parts.join('，')}。`;
  const lower = parts.map((p, i) => (i === 0 ? p : p.charAt(0).toLowerCase() + p.slice(1)));
  const body = lower.length === 1 ? lower[0]! : `${lower.slice(0, -1).join(', ')} and ${lower.at(-1)}`;
  return `${body}.`;
}

/** "undo, undo, undo" reads as one line said three times. */
function grouped(lines: string[], language: Language): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let n = 1;
    while (lines[i + n] === lines[i]) n++;
    const line = lines[i]!;
    if (n === 1) out.push(line);
    else if (line === 'Undid the last change') out.push(`Undid the last ${n} changes`);
    else out.push(language === 'zh' ? `${line}（${n} 次）` : `${line} (${n} times)`);
    i += n;
  }
  return out;
}

const OFFER_EN =
  'I can crop (square, 9:16 Reels, 4:5, landscape), trim or cut by time ("cut 0:05 to 0:10"), change speed ("2x", "slow-mo"), add music ("lofi at 30%"), titles, captions, filters (b&w, warm, cinematic), fades and transitions.';
const OFFER_ZH = '我可以：裁剪画幅（方形、竖屏9:16、4:5、横屏）、按时间剪辑（“剪掉5到10秒”）、变速（“2倍速”“慢动作”）、加音乐（“lofi，音量30%”）、标题、字幕、滤镜（黑白、暖色、电影感）、淡入淡出和转场。';

export function composeReply(p: ReplyParts): string {
  const zh = p.language === 'zh';
  const ctx = p.timeline ? { timeline: p.timeline } : {};
  const done = sentence(grouped(p.operations.map((op) => replyLine(p.language, op, ctx)), p.language), p.language);
  const out: string[] = [];
  switch (p.intent) {
    case 'credits':
      return zh ? '查询你的积分余额。' : 'Checking your credit balance.';
    case 'upload':
      return zh
        ? '把视频、照片或音频拖进窗口即可上传（也可以用 reelcut edit 文件名 "指令"）。'
        : 'Drop videos, photos or audio on the window to upload them (or run reelcut edit <file> "<instruction>").';
    case 'status':
      if (p.summary) return p.summary;
      return zh ? '还没有时间线：先添加一个视频。' : 'There is no timeline yet: add a video first.';
    case 'export':
      if (p.operations.length > 0 && p.operations.every((op) => op.op === 'set_resolution' || op.op === 'set_fps')) {
        const res = p.operations.find((op) => op.op === 'set_resolution');
        const fps = p.operations.find((op) => op.op === 'set_fps');
        const how = [res && `${res.height}p`, fps && `${fps.fps} fps`].filter(Boolean).join(zh ? '、' : ' at ');
        out.push(zh ? `按 ${how} 导出。` : `Exporting at ${how}.`);
      } else {
        out.push(zh ? (done ? `先${done.slice(0, -1)}，然后导出。` : '开始导出。') : done ? `${done.slice(0, -1)}; exporting now.` : 'Exporting now.');
      }
      break;
    case 'edit':
      if (done) out.push(done);
      break;
  }
  out.push(...p.notes);
  if (p.needs.length) {
    out.push(
      zh
        ? '这需要知道视频的时间线（长度、片段）：先打开视频（或用 --draft 指定时间线）再说一次。'
        : `For ${p.needs.join(' and ')} I need the timeline: open the video (or pass --draft) and say it again.`,
    );
  }
  out.push(...p.asks);
  if (p.unknown.length) {
    const list = p.unknown.map((u) => (zh ? `“${u}”` : `"${u}"`)).join(zh ? '、' : ', ');
    out.push(zh ? `我没看懂${list}。` : `I did not understand ${list}.`);
  }
  if (p.intent === 'edit' && p.operations.length === 0 && p.needs.length === 0 && p.notes.length === 0 && p.asks.length === 0) out.push(zh ? OFFER_ZH : OFFER_EN);
  else if (p.intent === 'edit' && p.operations.length === 0 && p.unknown.length > 0) out.push(zh ? OFFER_ZH : OFFER_EN);
  return out.join(' ');
}
