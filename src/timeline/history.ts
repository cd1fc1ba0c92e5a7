// Undo history as a plain value: every version of the timeline and which one is current.
// Nothing is ever lost: undo moves the cursor back, an edit after an undo drops the redo branch,
// and reset adds the first version again (so "start over" can itself be undone).
import { ReelcutError } from '../errors.js';
import { parseOperation, type Operation } from '../operations/schemas.js';
import { apply } from './apply.js';
import type { Timeline } from './schema.js';

export interface History {
  /** Oldest first; versions[0] is the timeline the session started from. */
  versions: Timeline[];
  /** Index of the current version. */
  cursor: number;
}

export function createHistory(first: Timeline): History {
  return { versions: [first], cursor: 0 };
}

export function currentTimeline(h: History): Timeline {
  const t = h.versions[h.cursor];
  if (!t) throw new ReelcutError('INVALID_INPUT', `the history has no version ${h.cursor}`);
  return t;
}

export function canUndo(h: History): boolean {
  return h.cursor > 0;
}

export function canRedo(h: History): boolean {
  return h.cursor < h.versions.length - 1;
}

/** Applies an edit, or moves through the history for undo, redo and reset. */
export function applyWithHistory(h: History, op: Operation | unknown): History {
  const operation = parseOperation(op);
  switch (operation.op) {
    case 'undo':
      if (!canUndo(h)) throw new ReelcutError('INVALID_OPERATION', 'there is nothing to undo: this is the first version');
      return { ...h, cursor: h.cursor - 1 };
    case 'redo':
      if (!canRedo(h)) throw new ReelcutError('INVALID_OPERATION', 'there is nothing to redo: this is the latest version');
      return { ...h, cursor: h.cursor + 1 };
    case 'reset':
      if (h.cursor === 0) return h;
      return push(h, h.versions[0]!);
    default:
      return push(h, apply(currentTimeline(h), operation));
  }
}

function push(h: History, t: Timeline): History {
  const versions = [...h.versions.slice(0, h.cursor + 1), t];
  return { versions, cursor: versions.length - 1 };
}
