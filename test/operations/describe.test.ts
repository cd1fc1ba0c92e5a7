import { describe, expect, it } from 'vitest';
import { describeOperation, type Operation } from '../../src/operations/index.js';
import { createTimeline } from '../../src/timeline/index.js';
import { EXAMPLES } from './examples.js';

describe('describeOperation', () => {
  it.each<[Operation, string]>([
    [{ op: 'set_aspect', aspect: '1:1' }, 'Crop to 1:1 (1080×1080)'],
    [{ op: 'set_aspect', aspect: '4:5', fit: 'fit', background: 'blur' }, 'Fit into 4:5 (1080×1350) on a blurred background'],
    [{ op: 'set_aspect', aspect: '9:16', background: '#000000' }, 'Fit into 9:16 (1080×1920) on #000000'],
    [{ op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 3000 }, 'Add the title “Urban Dreams” 0–3 s'],
    [{ op: 'add_text', text: 'Hi', position: 'top' }, 'Add the title “Hi” for the whole video at the top'],
    [{ op: 'trim', end_ms: 30_000 }, 'Keep the first 30 s'],
    [{ op: 'trim', start_ms: 5000, end_ms: 20_000 }, 'Keep 5–20 s'],
    [{ op: 'trim', start_ms: 1500, clip: 2 }, 'Keep from 1.5 s of clip 2'],
    [{ op: 'cut', start_ms: 10_000, end_ms: 15_000 }, 'Cut 10–15 s'],
    [{ op: 'set_duration', duration_ms: 15_000 }, 'Make it 15 s long'],
    [{ op: 'split', at_ms: 12_000 }, 'Split at 12 s'],
    [{ op: 'reorder', clip: 2, to: 1 }, 'Move clip 2 to position 1'],
    [{ op: 'delete_clip', clip: 3 }, 'Delete clip 3'],
    [{ op: 'set_speed', factor: 2 }, 'Speed up to 2×'],
    [{ op: 'set_speed', factor: 0.5, start_ms: 3000, end_ms: 5000 }, 'Slow down to 0.5× 3–5 s'],
    [{ op: 'add_captions', style: 'bold' }, 'Add captions from the speech (bold style)'],
    [{ op: 'add_music', query: 'lo-fi', volume: 0.35 }, 'Add music: lo-fi (35%)'],
    [{ op: 'set_volume', target: 'music', volume: 0.35 }, 'Set the music to 35%'],
    [{ op: 'mute', target: 'original' }, 'Mute the original audio'],
    [{ op: 'fade', direction: 'out' }, 'Fade out at the end (1 s, picture and sound)'],
    [{ op: 'add_transition', kind: 'fade_black', duration_ms: 800 }, 'Add fade black transitions between clips (0.8 s)'],
    [{ op: 'apply_filter', name: 'bw' }, 'Apply the black-and-white look'],
    [{ op: 'adjust_color', brightness: 0.2, saturation: -0.1 }, 'Brightness +20%, saturation −10%'],
    [{ op: 'rotate', degrees: 90 }, 'Rotate 90° clockwise'],
    [{ op: 'flip', axis: 'horizontal' }, 'Mirror left to right'],
    [{ op: 'style_captions', size: 'large', color: 'yellow' }, 'Style the captions: large, yellow'],
    [{ op: 'edit_caption', at_ms: 12_000, text: 'see you soon' }, 'Change the caption at 12 s to “see you soon”'],
    [{ op: 'normalize_audio' }, 'Even out the loudness to -14 LUFS'],
    [{ op: 'set_cover', at_ms: 4000 }, 'Use the frame at 4 s as the cover'],
    [{ op: 'add_clip', media: 'beach.mp4', at: 'start' }, 'Add beach.mp4 at the start'],
    [{ op: 'add_clip', media: 2 }, 'Add media 2 at the end'],
    [{ op: 'select_media', media: 2 }, 'Switch to media 2'],
    [{ op: 'undo' }, 'Undo the last change'],
    [{ op: 'reset' }, 'Start over from the original'],
  ])('%j reads "%s"', (op, line) => {
    expect(describeOperation(op)).toBe(line);
  });

  it('sizes the frame at the timeline’s resolution', () => {
    const t = createTimeline([]);
    const at720 = { ...t, format: { ...t.format, height: 720 } };
    expect(describeOperation({ op: 'set_aspect', aspect: '9:16' }, { timeline: at720 })).toBe('Crop to 9:16 (720×1280)');
  });

  it('gives every operation one line that starts with a capital', () => {
    for (const op of Object.values(EXAMPLES)) {
      const line = describeOperation(op);
      expect(line).toMatch(/^[A-Z]/);
      expect(line).not.toContain('\n');
      expect(line).not.toContain('undefined');
    }
  });
});
