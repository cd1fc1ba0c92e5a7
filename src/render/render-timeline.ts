// One export: measure loudness of the mix (audio only, cheap), compile the final plan with that
// measurement, run one ffmpeg process into a temporary file, rename it into place.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FfmpegInfo } from '../media/ffmpeg-types.js';
import type { MediaInfo } from '../media/types.js';
import type { Timeline } from '../timeline/schema.js';
import { ReelcutError } from '../errors.js';
import { ensureLoopFiles, resolveMusicQuery, type Track } from '../music/index.js';
import { compileRenderPlan } from './compile.js';
import { ensureStabilizeTransforms } from './stabilize.js';
import { planToArgs } from './args.js';
import { buildLoudnessAnalysisArgs, measureLoudness } from './loudness.js';
import type { RenderPlan } from './plan.js';
import { seconds } from './filtergraph.js';
import { runFfmpeg, writeAtomically, type RenderProgress } from './run.js';
import { subtitleCues, subtitlePaths, subtitleTexts, type SubtitleFiles } from './subtitles.js';

export interface RenderRequest {
  timeline: Timeline;
  media: Map<string, MediaInfo>;
  outPath: string;
  ff: FfmpegInfo;
  onProgress?: (p: RenderProgress) => void;
  signal?: AbortSignal;
}

export interface RenderResult {
  outPath: string;
  plan: RenderPlan;
  /** Wall time of the whole export, and of the final encode alone. */
  wallMs: number;
  encodeMs: number;
  notes: string[];
  /** The chosen cover frame as a JPEG beside the video (`set_cover`), if one was chosen. */
  coverPath?: string;
  /** SRT and WebVTT files beside the video holding the burned captions, if it has captions. */
  subtitles?: SubtitleFiles;
}

export async function renderTimeline(req: RenderRequest): Promise<RenderResult> {
  if (req.timeline.clips.length === 0) {
    throw new ReelcutError('NOTHING_TO_DO', 'The timeline has no clips: add a video or image first.');
  }
  const started = Date.now();
  const outPath = resolve(req.outPath);
  const work = await mkdtemp(join(tmpdir(), 'reelcut-render-'));
  try {
    const musicLoops = await ensureLoopFiles(req.ff.ffmpeg, bundledTracks(req.timeline));
    const stabilize = await ensureStabilizeTransforms(req.timeline, req.media, req.ff, req.signal ? { signal: req.signal } : {});
    const draftPlan = compileRenderPlan(req.timeline, req.media, req.ff, { musicLoops, stabilize });
    await writePlanFiles(draftPlan, work);
    // Silence by construction has nothing to measure; otherwise measure the mix, then compile
    // the final plan with one gain (and a limiter only if its peaks need one).
    const measurement = buildLoudnessAnalysisArgs(draftPlan)
      ? await measureLoudness(req.ff.ffmpeg, draftPlan, req.timeline.loudness.target_lufs, { cwd: work, ...(req.signal ? { signal: req.signal } : {}) })
      : null;
    const final = measurement ? compileRenderPlan(req.timeline, req.media, req.ff, { musicLoops, stabilize, measuredLoudness: measurement }) : draftPlan;
    if (final !== draftPlan) await writePlanFiles(final, work);
    const run = await writeAtomically(outPath, (tmp) =>
      runFfmpeg({
        ffmpeg: req.ff.ffmpeg,
        args: planToArgs(final, tmp),
        durationMs: final.duration_ms,
        cwd: work,
        ...(req.onProgress ? { onProgress: req.onProgress } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      }),
    );
    const coverMs = req.timeline.format.cover_ms;
    const coverPath = coverMs === null ? undefined : await writeCover(req.ff.ffmpeg, outPath, Math.min(coverMs, final.duration_ms - 1));
    const subtitles = await writeSubtitles(req.timeline, final, outPath);
    return {
      outPath,
      plan: final,
      wallMs: Date.now() - started,
      encodeMs: run.wallMs,
      notes: final.notes,
      ...(coverPath ? { coverPath } : {}),
      ...(subtitles ? { subtitles } : {}),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Instagram takes a JPEG cover; cut it from the finished video so it matches what was encoded. */
async function writeCover(ffmpeg: string, videoPath: string, atMs: number): Promise<string> {
  const coverPath = videoPath.replace(/\.[^./]+$/, '') + '.cover.jpg';
  await writeAtomically(coverPath, (tmp) =>
    runFfmpeg({
      ffmpeg,
      args: ['-hide_banner', '-y', '-ss', seconds(atMs), '-i', videoPath, '-frames:v', '1', '-q:v', '2', '-f', 'image2', '-c:v', 'mjpeg', tmp],
      durationMs: 1,
    }),
  );
  return coverPath;
}

/**
 * The burned captions as SRT and WebVTT beside the video. An export without captions removes
 * files of the same name, which an earlier export to this path would otherwise leave saying
 * words the video no longer shows.
 */
async function writeSubtitles(t: Timeline, plan: RenderPlan, videoPath: string): Promise<SubtitleFiles | undefined> {
  const paths = subtitlePaths(videoPath);
  const cues = subtitleCues(t.captions, plan.fps, plan.duration_ms);
  if (cues.length === 0) {
    await Promise.all([rm(paths.srt, { force: true }), rm(paths.vtt, { force: true })]);
    return undefined;
  }
  const texts = subtitleTexts(cues);
  // Through a partial file like the video, so a reader never sees half a file (and the render
  // queue's sweep of partial files clears one a crash leaves).
  await writeAtomically(paths.srt, (tmp) => writeFile(tmp, texts.srt, 'utf8'));
  await writeAtomically(paths.vtt, (tmp) => writeFile(tmp, texts.vtt, 'utf8'));
  return paths;
}

/** The bundled tracks the timeline's music uses (`lib:<query>`); unknown queries fail later, in compile. */
function bundledTracks(t: Timeline): Track[] {
  return t.music.flatMap((m) => {
    const track = m.media_id.startsWith('lib:') ? resolveMusicQuery(m.media_id.slice(4)) : null;
    return track ? [track] : [];
  });
}

async function writePlanFiles(plan: RenderPlan, dir: string): Promise<void> {
  await Promise.all(plan.files.map((f) => writeFile(join(dir, f.name), f.content, 'utf8')));
}
