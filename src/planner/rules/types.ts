// What every rule sees: the clause it reads and what it knows about the timeline.
import type { Operation } from '../../operations/index.js';
import type { Clause, Language } from '../text.js';

/** The facts of a timeline that relative references need ("the end", "the last clip", "quieter"). */
export interface TimelineFacts {
  duration_ms: number;
  clipCount: number;
  /** Volume of the music, null when there is none. */
  musicVolume: number | null;
  /** The music playing, as add_music would say it again (to change one of its settings), null when none. */
  music?: Extract<Operation, { op: 'add_music' }> | null;
  originalVolume: number;
  hasCaptions: boolean;
  mediaNames: string[];
  /** Each clip's place on the output timeline, in order: "3 seconds into the second clip". */
  clips: Array<{ start_ms: number; end_ms: number }>;
}

export interface RuleContext {
  language: Language;
  timeline?: TimelineFacts;
  /** Operations planned so far in this message: a clause may refine the last one. */
  planned: Operation[];
  /** Defaults the reply explains ("slow motion is half speed"). */
  notes: string[];
  /** Things the message asked for that need what is not at hand ("the last 5 s" without a timeline). */
  needs: string[];
  /** Questions back to the person when the message leaves out what an edit needs ("add a title": saying what?). */
  asks: string[];
}

/** Reads a clause; returns the operations it found (possibly none it could place), or null when it did not fire. */
export type Rule = (c: Clause, ctx: RuleContext) => Operation[] | null;
