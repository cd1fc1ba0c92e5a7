// The Chinese twin of describe.ts: the one line the planner replies with when a creator writes in
// Chinese. Same facts as the English line (sizes, seconds, percentages), phrased for a reader of
// simplified Chinese; the words a person typed (titles, music queries, file names) stay as typed.
import { formatSeconds, frameSize } from '../timeline/index.js';
import { binName, describeOperation, type DescribeContext } from './describe.js';
import type { Operation } from './schemas.js';

export type DescribeLanguage = 'en' | 'zh';

const s = (ms: number) => `${formatSeconds(ms)} 秒`;
const range = (a: number, b: number) => `${formatSeconds(a)}–${formatSeconds(b)} 秒`;
const pct = (v: number) => `${Math.round(v * 100)}%`;
const quoted = (text: string) => `“${text}”`;
/** Extra facts go in full-width brackets, separated by the Chinese comma; nothing when there are none. */
const aside = (parts: Array<string | false | undefined>) => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return kept.length === 0 ? '' : `（${kept.join('，')}）`;
};

const FILTER_WORDS: Record<string, string> = {
  bw: '黑白',
  warm: '暖色',
  cool: '冷色',
  vintage: '复古',
  vivid: '鲜艳',
  cinematic: '电影感',
  sepia: '怀旧',
  fade: '褪色',
};
const CAPTION_STYLES: Record<string, string> = { classic: '经典', karaoke: '卡拉OK', bold: '粗体' };
const POSITIONS: Record<string, string> = { top: '顶部', center: '中间', bottom: '底部' };
const SIZES: Record<string, string> = { small: '小', medium: '中', large: '大' };
const TRANSITIONS: Record<string, string> = { crossfade: '交叉淡化', fade_black: '黑场', slide: '滑动', wipe: '擦除' };
// Named colours read better translated; a hex code has no Chinese name and stays as given.
const COLORS: Record<string, string> = {
  white: '白色',
  black: '黑色',
  yellow: '黄色',
  red: '红色',
  green: '绿色',
  blue: '蓝色',
  orange: '橙色',
  pink: '粉色',
  purple: '紫色',
  cyan: '青色',
};

const word = (table: Record<string, string>, key: string) => table[key] ?? key;
const color = (c: string) => word(COLORS, c);

/** "3–5 秒", "从 3 秒起", "前 5 秒", or '' when the operation covers the whole video. */
function span(start?: number, end?: number): string {
  if (start === undefined && end === undefined) return '';
  if (start === undefined) return `前 ${s(end!)}`;
  if (end === undefined) return `从 ${s(start)}起`;
  return range(start, end);
}

const clipNo = (clip: number) => `第 ${clip} 个片段`;
/** "第 2 个片段的" before a time, when the times are within one clip. */
const inClip = (clip?: number) => (clip === undefined ? '' : `${clipNo(clip)}的`);

// Chinese runs straight into Chinese, but a Latin file name gets a space each side ("添加 beach.mp4 作为").
const isHan = (ch: string) => /\p{Script=Han}/u.test(ch);
const before = (name: string) => (isHan(name.charAt(0)) ? name : ` ${name}`);
const around = (name: string) => (isHan(name.charAt(name.length - 1)) ? before(name) : `${before(name)} `);

function mediaName(media: number | string): string {
  return typeof media === 'number' ? `第 ${media} 个素材` : media;
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : '−'}${Math.round(Math.abs(v) * 100)}%`;
}

function background(bg: string): string {
  if (bg === 'blur') return '模糊背景';
  if (bg === 'black' || bg === 'white') return `${color(bg)}背景`;
  return `背景 ${bg}`;
}

export function describeOperationZh(op: Operation, ctx: DescribeContext = {}): string {
  switch (op.op) {
    case 'set_aspect': {
      const { width, height } = frameSize(op.aspect, ctx.timeline?.format.height ?? 1080);
      const size = `${op.aspect}（${width}×${height}）`;
      if (op.fit === 'fit' || (op.fit === undefined && op.background !== undefined)) {
        return `完整放入 ${size}${op.background === undefined ? '' : `，${background(op.background)}`}`;
      }
      return `裁剪为 ${size}`;
    }
    case 'set_resolution':
      return `导出为 ${op.height}p`;
    case 'set_fps':
      return `帧率设为 ${op.fps} fps`;
    case 'trim':
      if (op.start_ms === undefined) return `保留${inClip(op.clip)}前 ${s(op.end_ms!)}`;
      if (op.end_ms === undefined) return `保留${op.clip === undefined ? '' : clipNo(op.clip)}从 ${s(op.start_ms)}开始的部分`;
      return `保留${inClip(op.clip)} ${range(op.start_ms, op.end_ms)}`;
    case 'cut':
      return `剪掉${inClip(op.clip)} ${range(op.start_ms, op.end_ms)}`;
    case 'set_duration':
      return `时长改为 ${s(op.duration_ms)}`;
    case 'split':
      return `在 ${s(op.at_ms)}处分割`;
    case 'reorder':
      return `把${clipNo(op.clip)}移到第 ${op.to} 位`;
    case 'delete_clip':
      return `删除${clipNo(op.clip)}`;
    case 'set_speed': {
      const verb = op.factor > 1 ? '加速到' : op.factor < 1 ? '慢放到' : '以';
      const rate = op.factor === 1 ? `${op.factor} 倍速播放` : `${op.factor} 倍`;
      const where = aside([op.clip !== undefined && clipNo(op.clip), span(op.start_ms, op.end_ms)]);
      return `${verb} ${rate}${where}`;
    }
    case 'add_text': {
      const times = op.start_ms === undefined && op.end_ms === undefined ? '全程' : span(op.start_ms, op.end_ms);
      const where = op.position && op.position !== 'center' ? `位于${word(POSITIONS, op.position)}` : '';
      return `添加标题${quoted(op.text)}${aside([times, where])}`;
    }
    case 'add_captions': {
      const source = op.source ?? (op.text === undefined ? 'speech' : 'text');
      const what =
        source === 'speech' ? '根据语音添加字幕' : source === 'file' ? '从文件添加字幕' : `添加字幕${quoted(op.text ?? '')}`;
      return `${what}${aside([op.style && `${word(CAPTION_STYLES, op.style)}样式`, op.language && `语言 ${op.language}`])}`;
    }
    case 'add_music': {
      const asked = op.media_id !== undefined ? binName(op.media_id, ctx) : op.query;
      const what = asked === undefined || asked === 'trending' ? '热门' : asked;
      return `添加音乐：${what}${aside([
        pct(op.volume ?? 0.35),
        !!op.fade_in_ms && `淡入 ${s(op.fade_in_ms)}`,
        !!op.fade_out_ms && `淡出 ${s(op.fade_out_ms)}`,
        op.duck && '有人声时自动压低',
      ])}`;
    }
    case 'set_volume': {
      const target = op.target === 'original' ? '原声' : op.target === 'music' ? '音乐' : '整体';
      return `${target}音量设为 ${pct(op.volume)}`;
    }
    case 'mute':
      return op.target === 'original' ? '静音原声' : '静音音乐';
    case 'fade': {
      const target = op.target ?? 'both';
      const what = target === 'both' ? '画面和声音' : target === 'video' ? '画面' : '声音';
      const how = op.direction === 'in' ? '开头淡入' : '结尾淡出';
      return `${how}${aside([s(op.duration_ms ?? 1000), what])}`;
    }
    case 'add_transition':
      if (op.kind === 'none') return '去掉片段之间的转场';
      return `在片段之间添加${word(TRANSITIONS, op.kind)}转场${aside([s(op.duration_ms ?? 500)])}`;
    case 'apply_filter':
      if (op.name === 'none') return '去掉所有滤镜';
      return `应用${word(FILTER_WORDS, op.name)}滤镜${aside([
        op.intensity !== undefined && op.intensity < 1 && `强度 ${pct(op.intensity)}`,
      ])}`;
    case 'adjust_color': {
      const parts: string[] = [];
      if (op.brightness !== undefined) parts.push(`亮度 ${signed(op.brightness)}`);
      if (op.contrast !== undefined) parts.push(`对比度 ${signed(op.contrast)}`);
      if (op.saturation !== undefined) parts.push(`饱和度 ${signed(op.saturation)}`);
      return parts.join('，');
    }
    case 'rotate':
      return `顺时针旋转 ${op.degrees}°`;
    case 'flip':
      return op.axis === 'horizontal' ? '左右镜像' : '上下翻转';
    case 'stabilize':
      return `画面防抖${aside([op.strength !== undefined && `强度 ${pct(op.strength)}`])}`;
    case 'style_captions': {
      const parts = [
        op.style && `${word(CAPTION_STYLES, op.style)}样式`,
        op.size && `${word(SIZES, op.size)}字号`,
        op.color && (op.color.startsWith('#') ? `颜色 ${op.color}` : color(op.color)),
        op.position && `位于${word(POSITIONS, op.position)}`,
      ].filter(Boolean);
      return `字幕改为：${parts.join('，')}`;
    }
    case 'edit_caption':
      return `把 ${s(op.at_ms)}处的字幕改为${quoted(op.text)}`;
    case 'split_scenes':
      return '按镜头切换把片段切开';
    case 'beat_sync':
      return op.media_id ? `按 ${op.media_id} 的节拍剪辑` : '按音乐节拍剪辑';
    case 'remove_silence':
      return `删除超过 ${s(op.min_silence_ms ?? 500)}的停顿`;
    case 'normalize_audio':
      return `统一响度到 ${op.target_lufs ?? -14} LUFS`;
    case 'set_cover':
      return `用 ${s(op.at_ms)}处的画面作封面`;
    case 'add_clip': {
      const name = mediaName(op.media);
      if (op.at === undefined || op.at === 'end') return `在末尾添加${before(name)}`;
      if (op.at === 'start') return `在开头添加${before(name)}`;
      return `添加${around(name)}作为${clipNo(op.at)}`;
    }
    case 'select_media':
      return `切换到${before(mediaName(op.media))}`;
    case 'undo':
      return '撤销上一步';
    case 'redo':
      return '重做上一步';
    case 'reset':
      return '恢复到原始视频';
  }
}

/** The line in the language the creator wrote in. */
export function describeOperationIn(language: DescribeLanguage, op: Operation, ctx: DescribeContext = {}): string {
  return language === 'zh' ? describeOperationZh(op, ctx) : describeOperation(op, ctx);
}
