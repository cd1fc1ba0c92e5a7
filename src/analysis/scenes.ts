// Shot changes with ffmpeg's scene score: frames whose picture differs from the one before by
// more than the threshold start a new shot.
import { invalidInput } from '../errors.js';
import { filter, formatNumber } from '../render/filtergraph.js';
import { inputArgs, requireFile, runFfmpeg, type AnalysisFfmpeg } from './run-ffmpeg.js';
import { parseSceneCuts } from './scenes-parse.js';

export interface SceneOptions {
  /** 0..1 scene score above which a frame starts a shot; 0.3 finds hard cuts, not camera moves. */
  threshold?: number;
  startMs?: number;
  durationMs?: number;
}

export const DEFAULT_SCENE_THRESHOLD = 0.3;

/**
 * The scene score compares whole pictures, so a small copy scores the same cuts; 1080p phone
 * footage scaled to this width analyses several times faster.
 */
const ANALYSIS_WIDTH = 320;

/** Times (file ms) of the first frame of every shot after the first. */
export async function detectScenes(path: string, ff: AnalysisFfmpeg, opts: SceneOptions = {}): Promise<number[]> {
  await requireFile(path);
  const threshold = opts.threshold ?? DEFAULT_SCENE_THRESHOLD;
  if (!(threshold > 0 && threshold < 1)) throw invalidInput(`The scene threshold must be between 0 and 1 (0.3 finds hard cuts); got ${threshold}.`);
  const graph = [
    filter('scale', { w: `min(iw,${ANALYSIS_WIDTH})`, h: -2, flags: 'area' }),
    filter('select', { expr: `gt(scene,${formatNumber(threshold)})` }),
    'showinfo',
  ].join(',');
  const { stderr } = await runFfmpeg(
    ff.ffmpeg,
    ['-nostats', ...inputArgs(path, opts.startMs, opts.durationMs), '-map', '0:v:0', '-vf', graph, '-f', 'null', '-'],
    { path, what: 'scene detection', needs: 'picture' },
  );
  return parseSceneCuts(stderr, Math.max(0, Math.round(opts.startMs ?? 0)));
}
