import { describe, expect, it } from 'vitest';
import { describeOperationIn, describeOperationZh } from '../../src/operations/describe-zh.js';
import { describeOperation, OPERATION_NAMES, parseOperation } from '../../src/operations/index.js';
import { createTimeline } from '../../src/timeline/index.js';

// Raw inputs as a planner or a person would write them; each goes through parseOperation first so
// the table cannot drift from the vocabulary. At least one per operation, several where the
// Chinese phrasing branches.
const SAMPLES: unknown[] = [
  { op: 'set_aspect', aspect: '1:1' },
  { op: 'set_aspect', aspect: '9:16', fit: 'fit', background: 'blur' },
  { op: 'set_aspect', aspect: '4:5', fit: 'fit', background: 'black' },
  { op: 'set_aspect', aspect: '16:9', background: '#112233' },
  { op: 'set_resolution', height: 720 },
  { op: 'set_fps', fps: 30 },
  { op: 'trim', end_ms: 30_000 },
  { op: 'trim', start_ms: 1500, clip: 2 },
  { op: 'trim', start_ms: 5000, end_ms: 20_000, clip: 1 },
  { op: 'cut', start_ms: 10_000, end_ms: 15_000 },
  { op: 'set_duration', duration_ms: 15_000 },
  { op: 'split', at_ms: 12_000 },
  { op: 'reorder', clip: 2, to: 1 },
  { op: 'delete_clip', clip: 3 },
  { op: 'set_speed', factor: 0.5 },
  { op: 'set_speed', factor: 2, clip: 2, start_ms: 1000 },
  { op: 'set_speed', factor: 1, end_ms: 4000 },
  { op: 'add_text', text: '你好', start_ms: 0, end_ms: 3000 },
  { op: 'add_text', text: 'Hi', position: 'top' },
  { op: 'add_captions' },
  { op: 'add_captions', source: 'text', text: '欢迎来到上海', style: 'classic' },
  { op: 'add_captions', source: 'file', language: 'en' },
  { op: 'add_music', query: 'lofi' },
  { op: 'add_music', media_id: 'song.mp3', volume: 0.2, fade_in_ms: 2000, fade_out_ms: 3000, duck: true },
  { op: 'add_music' },
  { op: 'set_volume', target: 'original', volume: 1.5 },
  { op: 'set_volume', target: 'all', volume: 0 },
  { op: 'mute', target: 'music' },
  { op: 'fade', direction: 'in', duration_ms: 500, target: 'video' },
  { op: 'add_transition', kind: 'slide' },
  { op: 'add_transition', kind: 'none' },
  { op: 'apply_filter', name: 'bw' },
  { op: 'apply_filter', name: 'sepia', intensity: 0.6 },
  { op: 'apply_filter', name: 'none' },
  { op: 'adjust_color', contrast: -0.25 },
  { op: 'rotate', degrees: 270 },
  { op: 'flip', axis: 'vertical' },
  { op: 'stabilize', strength: 0.8 },
  { op: 'style_captions', style: 'karaoke', size: 'small', color: '#ffcc00', position: 'top' },
  { op: 'edit_caption', at_ms: 2500, text: '明天见' },
  { op: 'beat_sync', media_id: 'song.mp3' },
  { op: 'split_scenes', threshold: 0.4 },
  { op: 'remove_silence', min_silence_ms: 800 },
  { op: 'normalize_audio', target_lufs: -16 },
  { op: 'set_cover', at_ms: 0 },
  { op: 'add_clip', media: 'beach.mp4', at: 3 },
  { op: 'add_clip', media: 2, at: 'end' },
  { op: 'select_media', media: 'beach.mp4' },
  { op: 'undo' },
  { op: 'redo' },
  { op: 'reset' },
];
const OPS = SAMPLES.map((input) => parseOperation(input));
const HAN = /\p{Script=Han}/u;

describe('describeOperationZh', () => {
  it('has a sample of every operation name', () => {
    const covered = new Set(OPS.map((op) => op.op));
    expect(OPERATION_NAMES.filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each(OPS.map((op) => [op.op, op] as const))('%s reads as one Chinese line with no holes', (_name, op) => {
    const line = describeOperationZh(op);
    expect(line).toMatch(HAN);
    expect(line).not.toMatch(/undefined|NaN|null|\n|^\s|\s$/);
  });

  it.each([
    [{ op: 'set_aspect', aspect: '1:1' }, '裁剪为 1:1（1080×1080）'],
    [{ op: 'set_aspect', aspect: '9:16', fit: 'fit', background: 'blur' }, '完整放入 9:16（1080×1920），模糊背景'],
    [{ op: 'set_aspect', aspect: '16:9', background: '#112233' }, '完整放入 16:9（1920×1080），背景 #112233'],
    [{ op: 'add_music', query: 'lofi' }, '添加音乐：lofi（35%）'],
    [
      { op: 'add_music', media_id: 'song.mp3', volume: 0.2, fade_in_ms: 2000, fade_out_ms: 3000, duck: true },
      '添加音乐：song.mp3（20%，淡入 2 秒，淡出 3 秒，有人声时自动压低）',
    ],
    [{ op: 'trim', end_ms: 30_000 }, '保留前 30 秒'],
    [{ op: 'trim', start_ms: 5000, end_ms: 20_000, clip: 1 }, '保留第 1 个片段的 5–20 秒'],
    [{ op: 'trim', start_ms: 1500, clip: 2 }, '保留第 2 个片段从 1.5 秒开始的部分'],
    [{ op: 'cut', start_ms: 10_000, end_ms: 15_000 }, '剪掉 10–15 秒'],
    [{ op: 'set_speed', factor: 0.5 }, '慢放到 0.5 倍'],
    [{ op: 'set_speed', factor: 2, clip: 2, start_ms: 1000 }, '加速到 2 倍（第 2 个片段，从 1 秒起）'],
    [{ op: 'add_text', text: '你好', start_ms: 0, end_ms: 3000 }, '添加标题“你好”（0–3 秒）'],
    [{ op: 'add_text', text: 'Hi', position: 'top' }, '添加标题“Hi”（全程，位于顶部）'],
    [{ op: 'add_captions', style: 'bold' }, '根据语音添加字幕（粗体样式）'],
    [
      { op: 'style_captions', style: 'karaoke', size: 'small', color: 'yellow', position: 'bottom' },
      '字幕改为：卡拉OK样式，小字号，黄色，位于底部',
    ],
    [{ op: 'style_captions', color: '#ffcc00' }, '字幕改为：颜色 #ffcc00'],
    [{ op: 'apply_filter', name: 'cinematic' }, '应用电影感滤镜'],
    [{ op: 'apply_filter', name: 'sepia', intensity: 0.6 }, '应用怀旧滤镜（强度 60%）'],
    [{ op: 'fade', direction: 'out' }, '结尾淡出（1 秒，画面和声音）'],
    [{ op: 'add_clip', media: 'beach.mp4', at: 3 }, '添加 beach.mp4 作为第 3 个片段'],
    [{ op: 'undo' }, '撤销上一步'],
    [{ op: 'reset' }, '恢复到原始视频'],
  ])('%j reads "%s"', (input, line) => {
    expect(describeOperationZh(parseOperation(input))).toBe(line);
  });

  it('names every filter in Chinese', () => {
    const names = ['bw', 'warm', 'cool', 'vintage', 'vivid', 'cinematic', 'sepia', 'fade'];
    const lines = names.map((name) => describeOperationZh(parseOperation({ op: 'apply_filter', name })));
    expect(lines).toEqual(['黑白', '暖色', '冷色', '复古', '鲜艳', '电影感', '怀旧', '褪色'].map((w) => `应用${w}滤镜`));
  });

  it('sizes the frame at the timeline’s resolution', () => {
    const t = createTimeline([]);
    const at720 = { ...t, format: { ...t.format, height: 720 } };
    const op = parseOperation({ op: 'set_aspect', aspect: '9:16' });
    expect(describeOperationZh(op, { timeline: at720 })).toBe('裁剪为 9:16（720×1280）');
  });
});

describe('describeOperationIn', () => {
  it('answers in the language asked for, with the same frame size', () => {
    const t = createTimeline([]);
    const ctx = { timeline: { ...t, format: { ...t.format, height: 720 } } };
    for (const op of OPS) {
      expect(describeOperationIn('en', op, ctx)).toBe(describeOperation(op, ctx));
      expect(describeOperationIn('zh', op, ctx)).toBe(describeOperationZh(op, ctx));
    }
    const aspect = parseOperation({ op: 'set_aspect', aspect: '1:1' });
    expect(describeOperationIn('en', aspect, ctx)).toBe('Crop to 1:1 (720×720)');
    expect(describeOperationIn('zh', aspect, ctx)).toBe('裁剪为 1:1（720×720）');
  });
});
