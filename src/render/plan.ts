// The render plan: pure data between the timeline and ffmpeg. `compile.ts` builds it from a
// timeline and probed media; `args.ts` turns it into one ffmpeg argv. Nothing here runs anything.
import type { MediaInfo } from '../media/types.js';

export interface PlanInput {
  path: string;
  /** Options placed before `-i` (seek, duration, loop, framerate...). */
  before: string[];
}

/** Where one timeline clip lands in the output, after frame rounding. */
export interface ClipSpan {
  /** 0-based position on the video track. */
  index: number;
  /** ffmpeg input index that reads this clip (already seeked to `in_ms`). */
  input: number;
  media: MediaInfo;
  in_ms: number;
  out_ms: number;
  speed: number;
  /** Output start and length, both whole frames at the output fps (in ms, rounded). */
  start_ms: number;
  duration_ms: number;
  /** The same length in output frames: the unit audio and video are both cut to. */
  frames: number;
  /**
   * Frames this span shares with the PREVIOUS span (the transition into it): it starts that many
   * frames before the previous one ends. 0 (or absent) for the first span, for a cut, and between
   * two pieces of one continuous shot. Never more than half of either span (render/spans.ts).
   */
  overlap_frames?: number;
}

/** A self-contained piece of a filter graph: chains joined by ';' into -filter_complex. */
export interface GraphPart {
  chains: string[];
  /** The output pad label this part produces, e.g. "[vout]". */
  out: string;
}

/**
 * The audio side of a plan, kept apart so the loudness analysis pass can run it alone (see
 * render/loudness.ts `buildLoudnessAnalysisArgs`). Built by render/audio-graph.ts.
 */
export interface AudioPlan {
  /** Indices into `RenderPlan.inputs` that the audio chains read (as `[<index>:a:0]`). */
  inputs: number[];
  /** The chains that build the mix before loudness normalisation; they end at `premaster`. */
  chains: string[];
  /** Pad label of the mix before normalisation, e.g. "[au_pre]". */
  premaster: string;
  /** The ebur128 measuring filter for this timeline's target; null when the mix is silence. */
  analysis: string | null;
}

export interface RenderPlan {
  inputs: PlanInput[];
  /** All filter chains, in order; joined with ';' for -filter_complex. */
  chains: string[];
  videoOut: string;
  audioOut: string;
  /** Encoder and muxer options (everything after the maps, before the output path). */
  output: string[];
  width: number;
  height: number;
  fps: number;
  duration_ms: number;
  /** Files to write into the job's work directory before running (e.g. the title overlay .ass). */
  files: Array<{ name: string; content: string }>;
  /** Notes for the person (fallbacks taken, things ignored), shown after the render. */
  notes: string[];
  /** The audio chains apart (a subset of `chains`), for the loudness analysis pass. */
  audio?: AudioPlan;
}
