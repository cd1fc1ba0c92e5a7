// A turn's operations walked over the stored undo history, in memory: edits push new versions,
// undo/redo move the cursor, reset pushes the first version again. Nothing is saved here; the
// caller commits the result in one transaction, so a turn applies all its operations or none.
import { bindLibraryMusic } from '../music/index.js';
import type { Operation } from '../operations/index.js';
import { apply, type MediaItem, type Timeline } from '../timeline/index.js';
import { ReelcutError } from '../errors.js';
import type { StoredHistory } from '../store/index.js';

export interface WalkState {
  /** Saved version ids, or timelines this turn made and has not saved yet. */
  entries: Array<number | Timeline>;
  cursor: number;
}

export function startWalk(h: StoredHistory): WalkState {
  return { entries: [...h.ids], cursor: h.cursor };
}

/** The session's media bin is the truth for every version: uploads after a version still count. */
export function withBin(t: Timeline, bin: readonly MediaItem[]): Timeline {
  return { ...t, media: [...bin] };
}

export function timelineAt(state: WalkState, load: (id: number) => Timeline): Timeline {
  const e = state.entries[state.cursor];
  if (e === undefined) throw new ReelcutError('INVALID_OPERATION', 'the session has no timeline yet');
  return typeof e === 'number' ? load(e) : e;
}

export function step(state: WalkState, op: Operation, load: (id: number) => Timeline, bin: readonly MediaItem[]): WalkState {
  switch (op.op) {
    case 'undo':
      if (state.cursor === 0) throw new ReelcutError('INVALID_OPERATION', 'there is nothing to undo: this is the first version');
      return { ...state, cursor: state.cursor - 1 };
    case 'redo':
      if (state.cursor >= state.entries.length - 1) throw new ReelcutError('INVALID_OPERATION', 'there is nothing to redo: this is the latest version');
      return { ...state, cursor: state.cursor + 1 };
    case 'reset':
      return state.cursor === 0 ? state : push(state, state.entries[0]!);
    default: {
      const current = withBin(timelineAt(state, load), bin);
      return push(state, bindLibraryMusic(apply(current, op)));
    }
  }
}

function push(state: WalkState, entry: number | Timeline): WalkState {
  const entries = [...state.entries.slice(0, state.cursor + 1), entry];
  return { entries, cursor: entries.length - 1 };
}

/**
 * A turn's edits as one step of the undo history: "crop to square and add music" followed by
 * "undo" takes back the whole message, as a person in a chat means it. Only the plain case
 * collapses (the turn appended versions after the current one and ends on the last); a turn that
 * itself moved through the history (undo, redo) is saved step by step, as walked.
 */
export function collapseTurn(base: StoredHistory, walked: WalkState): WalkState {
  const prefix = base.cursor + 1;
  const added = walked.entries.length - prefix;
  const keepsPrefix = walked.entries.slice(0, prefix).every((e, i) => e === base.ids[i]);
  if (added <= 1 || !keepsPrefix || walked.cursor !== walked.entries.length - 1) return walked;
  const entries = [...walked.entries.slice(0, prefix), walked.entries[walked.entries.length - 1]!];
  return { entries, cursor: entries.length - 1 };
}
