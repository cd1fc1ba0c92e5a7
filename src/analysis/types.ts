// What the analyses return: plain data in integer milliseconds, on the analysed file's clock.

/** A half-open span [start_ms, end_ms) of the file. */
export interface TimeRange {
  start_ms: number;
  end_ms: number;
}

export interface BeatAnalysis {
  /** Tempo in beats per minute, to 0.1. */
  bpm: number;
  /** Beat times, ascending. */
  beats_ms: number[];
  /** 0..1: how strongly the sound repeats at that tempo (a click track is near 1, noise near 0). */
  confidence: number;
}
