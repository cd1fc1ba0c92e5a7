// The analysis module's only door: measure media with ffmpeg (silences, speech, tempo and beats,
// shot changes) and return plain data in integer milliseconds, for a later pure step to turn
// into timeline operations.
export { detectSilences, measureSilences, speechRegions, DEFAULT_SILENCE, type SilenceOptions, type SilenceMeasurement, type SpeechRegionOptions } from './silence.js';
export { silenceCuts, speechFromSilences, type CutOptions, type SpeechOptions } from './silence-regions.js';
export { parseSilences, parseProgressDurationMs } from './silence-parse.js';
export { detectBeats, analyseBeats, BEAT_SAMPLE_RATE, type BeatOptions } from './beats.js';
export { detectScenes, DEFAULT_SCENE_THRESHOLD, type SceneOptions } from './scenes.js';
export { parseSceneCuts } from './scenes-parse.js';
export type { AnalysisFfmpeg } from './run-ffmpeg.js';
export type { BeatAnalysis, TimeRange } from './types.js';
export { prepareOperation, needsPreparing, type PrepareDeps } from './prepare-operation.js';
