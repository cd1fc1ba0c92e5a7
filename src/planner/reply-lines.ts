// One line per operation as the reply says it: in English what was done ("Cropped to 1:1
// (1080×1080)", "added Drift (lo-fi) at 35%"), in Chinese the description as it stands.
import { resolveMusicQuery } from '../music/library.js';
import { describeOperationIn, type DescribeContext, type Operation } from '../operations/index.js';
import type { Language } from './text.js';
import { librarySlug } from '../timeline/index.js';

// Imperative → done, for the leading verb of describeOperation's English lines.
const PAST: Array<[RegExp, string]> = [
  [/^Crop to/, 'Cropped to'],
  [/^Fit into/, 'Fitted into'],
  [/^Export at/, 'Set the export to'],
  [/^Set /, 'Set '],
  [/^Keep /, 'Kept '],
  [/^Cut to the beat/, 'Cut to the beat'],
  [/^Cut /, 'Cut '],
  [/^Make it/, 'Made it'],
  [/^Split at/, 'Split at'],
  [/^Move /, 'Moved '],
  [/^Delete /, 'Deleted '],
  [/^Speed up to/, 'Sped up to'],
  [/^Slow down to/, 'Slowed down to'],
  [/^Play at/, 'Set the speed to'],
  [/^Add the title/, 'Added the title'],
  [/^Add captions/, 'Added captions'],
  [/^Add /, 'Added '],
  [/^Mute /, 'Muted '],
  [/^Fade in/, 'Faded in'],
  [/^Fade out/, 'Faded out'],
  [/^Remove the/, 'Removed the'],
  [/^Remove pauses/, 'Removing pauses'],
  [/^Apply the/, 'Applied the'],
  [/^Rotate /, 'Rotated '],
  [/^Mirror /, 'Mirrored '],
  [/^Flip /, 'Flipped '],
  [/^Stabilize /, 'Stabilized '],
  [/^Style the captions/, 'Styled the captions'],
  [/^Change the caption/, 'Changed the caption'],
  [/^Even out/, 'Evened out'],
  [/^Use the frame/, 'Using the frame'],
  [/^Switch to/, 'Switched to'],
  [/^Undo the last change/, 'Undid the last change'],
  [/^Redo the change/, 'Redid the change'],
  [/^Start over/, 'Started over'],
];

/** add_music that says the music already there again, changing only whether it ducks: that change, in words. */
function duckingLine(op: Extract<Operation, { op: 'add_music' }>, ctx: DescribeContext): string | null {
  const current = ctx.timeline?.music?.[0];
  if (!current || op.duck === undefined || op.duck === current.duck) return null;
  const same = op.media_id !== undefined ? op.media_id === current.media_id : current.media_id === `lib:${librarySlug(op.query ?? 'trending')}`;
  if (!same || (op.volume ?? 0.35) !== current.volume) return null;
  return op.duck ? 'The music now ducks under speech' : 'The music no longer ducks under speech';
}

function musicLine(op: Extract<Operation, { op: 'add_music' }>): string | null {
  if (op.media_id) return null;
  const track = resolveMusicQuery(op.query ?? 'trending');
  if (!track) return null;
  const what = op.query === undefined || op.query === 'trending' ? `the trending track ${track.title}` : track.title;
  const extras = [];
  if (op.fade_in_ms) extras.push(`fading in over ${op.fade_in_ms / 1000} s`);
  if (op.fade_out_ms) extras.push(`fading out over ${op.fade_out_ms / 1000} s`);
  if (op.duck) extras.push('ducked under speech');
  return `Added ${what} at ${Math.round((op.volume ?? 0.35) * 100)}%${extras.length ? `, ${extras.join(', ')}` : ''}`;
}

export function replyLine(language: Language, op: Operation, ctx: DescribeContext): string {
  const line = describeOperationIn(language, op, ctx);
  if (language !== 'en') return line;
  if (op.op === 'add_music') return duckingLine(op, ctx) ?? musicLine(op) ?? line.replace(/^Add /, 'Added ');
  if (op.op === 'add_captions' && (op.source ?? 'speech') === 'speech') {
    const extra = [op.style && `${op.style} style`, op.language && `language ${op.language}`].filter(Boolean).join(', ');
    return `Captions on (from the speech${extra ? `, ${extra}` : ''})`;
  }
  for (const [re, past] of PAST) if (re.test(line)) return line.replace(re, past);
  return line;
}
