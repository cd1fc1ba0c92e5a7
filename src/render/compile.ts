// Timeline + probed media → render plan: pure data (inputs, filter chains, output options, files
// to write) that args.ts turns into one ffmpeg argv. Nothing here touches the disk except through
// the font lookup, which callers (and tests) may pass in.
//
// For the orchestrator: write `plan.files` into the job folder and run ffmpeg with that folder as
// its working directory; the graph names those files relatively (e.g. `ass=filename=reelcut-titles.ass`).
import { ReelcutError } from '../errors.js';
import type { FfmpegInfo } from '../media/ffmpeg-types.js';
import type { MediaInfo } from '../media/types.js';
import type { Timeline } from '../timeline/schema.js';
import { audioGraph } from './audio-graph.js';
import { captionTexts, estimateTextWidth } from './captions-overlay.js';
import { chooseFont, systemFonts, type FontSet } from './fonts.js';
import type { LoudnessMeasurement } from './loudness.js';
import type { ClipSpan, PlanInput, RenderPlan } from './plan.js';
import { audioAndMuxArgs, outputArgs, presetSize, type Quality } from './presets.js';
import { computeSpans, framesToMs, totalFrames } from './spans.js';
import { clipInput } from './clip-timing.js';
import { videoGraph } from './video-graph.js';
import { fontMeasure, type MeasureText } from './text-measure.js';
import { copyVideoArgs, reencodeReason } from './video-copy.js';

export interface CompileOptions {
  measuredLoudness?: LoudnessMeasurement;
  quality?: Quality;
  /** Title fonts; defaults to the ones installed here (fonts.ts systemFonts). */
  fonts?: FontSet;
  /** How caption rows are measured (default: in the chosen font's files). */
  measureText?: MeasureText;
  /** Cached loop files of bundled music tracks, by track id (music/loop-cache.ts). */
  musicLoops?: Map<string, string>;
  /** Re-encode the picture even when its stream could be copied (benchmarks, a person's choice). */
  reencode?: boolean;
  /** Motion transforms by clip index (see stabilize.ts ensureStabilizeTransforms). */
  stabilize?: Map<number, string>;
}

/** The picture as the source has it: no chains, its stream mapped straight to the output. */
function copiedVideo(span: ClipSpan): { chains: string[]; out: string; files: []; notes: string[] } {
  return {
    chains: [],
    out: `${span.input}:v:0`,
    files: [],
    notes: ['The picture needed no change, so its video stream was copied as it is (no re-encode); only the sound was rendered.'],
  };
}

function checkClips(timeline: Timeline, media: Map<string, MediaInfo>): void {
  if (timeline.clips.length === 0) {
    throw new ReelcutError('NOTHING_TO_DO', 'The timeline has no clips: add a video or image first.');
  }
  timeline.clips.forEach((clip, i) => {
    const info = media.get(clip.media_id);
    if (info && !info.video) {
      throw new ReelcutError(
        'UNSUPPORTED_MEDIA',
        `Clip ${i + 1} (${info.path}) has no picture: an audio file goes on the music track (add_music), not the video track.`,
        { clip: i + 1, media_id: clip.media_id },
      );
    }
  });
}

export function compileRenderPlan(
  timeline: Timeline,
  media: Map<string, MediaInfo>,
  ff: FfmpegInfo,
  opts: CompileOptions = {},
): RenderPlan {
  checkClips(timeline, media);
  const fps = timeline.format.fps;
  const { width, height } = presetSize(timeline.format.aspect, timeline.format.height);

  // Clips sit where the timeline puts them, each join overlapping by its own transition (none
  // inside one continuous shot), whether xfade draws it or the graph falls back to fades through
  // black: the output lasts what the timeline says, so titles and music stay on their frames.
  const spans = computeSpans(timeline, media, fps);
  const frames = totalFrames(spans);
  const duration_ms = framesToMs(frames, fps);

  const inputs: PlanInput[] = spans.map(clipInput);
  const notes: string[] = [];
  // One face draws titles and captions alike: the CJK one when any of their words needs it.
  const overlayTexts = [...timeline.texts.map((t) => t.text), ...captionTexts(timeline.captions)];
  const font = chooseFont(overlayTexts, opts.fonts ?? systemFonts());
  if (overlayTexts.length > 0) notes.push(...font.notes);

  // An edit that only touches the sound copies the picture instead of re-encoding it.
  const copyBlocker = opts.reencode ? 'a re-encode was asked for' : reencodeReason(timeline, spans, width, height);
  const video =
    copyBlocker === null
      ? copiedVideo(spans[0]!)
      : videoGraph({
          timeline, spans, width, height, fps, ff, totalFrames: frames, font: font.face,
          // Only captions are broken into rows by us; the font files are read only for them.
          ...(timeline.captions?.words.length ? { measureText: opts.measureText ?? fontMeasure(font.face, estimateTextWidth) } : {}),
          ...(opts.stabilize ? { stabilize: opts.stabilize } : {}),
        });
  const audio = audioGraph({
    timeline,
    spans,
    fps,
    duration_ms,
    ff,
    media,
    ...(opts.measuredLoudness ? { measuredLoudness: opts.measuredLoudness } : {}),
    ...(opts.musicLoops ? { musicLoops: opts.musicLoops } : {}),
    addInput(input) {
      inputs.push(input);
      return inputs.length - 1;
    },
  });

  return {
    inputs,
    chains: [...video.chains, ...audio.chains],
    videoOut: video.out,
    audioOut: audio.out,
    output: copyBlocker === null ? [...copyVideoArgs(), ...audioAndMuxArgs()] : outputArgs(ff, fps, opts.quality ?? 'high'),
    width,
    height,
    fps,
    duration_ms,
    files: video.files,
    notes: [...new Set([...notes, ...video.notes, ...audio.notes])],
    audio: audio.audio,
  };
}
