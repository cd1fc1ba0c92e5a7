// What API clients and scripts send: the operation itself, as JSON ({"op":"trim","end_ms":30000})
// or as its name with key=value arguments ("delete_clip 2", "add_clip media=2 at=start",
// "remove_silence min=700ms threshold=-45dB"). The same schema validates them.
import { OPERATION_NAMES, safeParseOperation, type Operation } from '../../operations/index.js';
import { parseTime } from '../times.js';
import type { Rule } from './types.js';

// Argument names people and scripts abbreviate.
const ALIASES: Record<string, string> = {
  start: 'start_ms', end: 'end_ms', at: 'at_ms', duration: 'duration_ms', length: 'duration_ms',
  min: 'min_silence_ms', min_silence: 'min_silence_ms', threshold: 'threshold_db', lufs: 'target_lufs', target: 'target',
  mode: 'fit', bg: 'background', speed: 'factor', x: 'factor', deg: 'degrees', vol: 'volume', id: 'media_id',
};

/** The first positional argument of an operation said by name ("delete_clip 2", "set_fps 60"). */
const POSITIONAL: Partial<Record<Operation['op'], string>> = {
  set_aspect: 'aspect', set_resolution: 'height', set_fps: 'fps', set_duration: 'duration_ms', split: 'at_ms',
  delete_clip: 'clip', set_speed: 'factor', add_text: 'text', apply_filter: 'name', rotate: 'degrees', flip: 'axis',
  add_transition: 'kind', set_cover: 'at_ms', add_clip: 'media', select_media: 'media', mute: 'target', stabilize: 'strength',
  normalize_audio: 'target_lufs', add_music: 'query', fade: 'direction',
};

function value(key: string, raw: string): unknown {
  const v = raw.replace(/^["'“‘]|["'”’]$/g, '');
  if (key.endsWith('_ms')) return parseTime(v.replace(/ms$/, '').trim() + (/ms$/.test(v) ? 'ms' : '')) ?? Number.NaN;
  if (key === 'threshold_db' || key === 'target_lufs') return Number(v.replace(/\s*(?:db|lufs)$/i, ''));
  if (key === 'factor') return Number(v.replace(/x$/i, ''));
  if (key === 'volume' || key === 'intensity' || key === 'strength') return /%$/.test(v) ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (/^-?\d+(?:\.\d+)?$/.test(v) && !['aspect', 'text', 'query', 'media_id', 'name', 'kind', 'direction', 'axis', 'fit', 'background'].includes(key)) return Number(v);
  if (key === 'media' || key === 'at') return /^\d+$/.test(v) ? Number(v) : v;
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

export function directOperations(original: string): Operation[] | null {
  const text = original.trim();
  if (/^[[{]/.test(text)) {
    try {
      const json: unknown = JSON.parse(text);
      const list = Array.isArray(json) ? json : [json];
      const ops = list.map((o) => safeParseOperation(o));
      return ops.every((o) => o.ok) ? ops.map((o) => (o as { operation: Operation }).operation) : null;
    } catch {
      return null;
    }
  }
  // The name leads ("delete_clip 2"), or is named in a short request ("enable beat_sync for this draft").
  // One-word operations count only with key=value arguments ("fade direction=out duration=2500ms").
  const named = /\b([a-z]+_[a-z_]+)\b\s*(.*)$/i.exec(text) ?? /^([a-z]+)\s+((?:[a-z_]+\s*=\s*\S+\s*)+)$/i.exec(text);
  const m = named && (OPERATION_NAMES as string[]).includes(named[1]!.toLowerCase()) ? named : /^(undo|redo|reset)\s*$()/i.exec(text);
  const name = m?.[1]?.toLowerCase();
  if (!m || !name) return null;
  const op: Record<string, unknown> = { op: name };
  const args = m[2]!;
  const pairs = [...args.matchAll(/([a-z_]+)\s*[=:]\s*("[^"]*"|'[^']*'|“[^”]*”|\S+)/gi)];
  for (const [, k, v] of pairs) {
    const said = k!.toLowerCase();
    // add_clip's own "at" is a place, not a time.
    const key = name === 'add_clip' && said === 'at' ? 'at' : (ALIASES[said] ?? said);
    op[key] = value(key, v!);
  }
  const rest = args.replace(/\b(?:for|on|to|in)\s+(?:this|the|my)\s+(?:draft|video|timeline|clip|project)\b/gi, ' ').replace(/([a-z_]+)\s*[=:]\s*("[^"]*"|'[^']*'|“[^”]*”|\S+)/gi, ' ').replace(/[,;]/g, ' ').trim();
  const positional = POSITIONAL[name as Operation['op']];
  if (rest && positional && op[positional] === undefined) op[positional] = value(positional, rest);
  const parsed = safeParseOperation(op);
  return parsed.ok ? [parsed.operation] : null;
}

export const directRule: Rule = (c) => {
  const ops = directOperations(c.original);
  if (!ops) return null;
  c.text = '';
  return ops;
};
