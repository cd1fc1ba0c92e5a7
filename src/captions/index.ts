// The captions module's only door: transcripts and their cues, SRT and WebVTT, and the speech
// recognisers that make transcripts from media, chosen by what this machine has.
export { toCaptionWords, type Cue, type Transcript, type TranscriptWord } from './transcript.js';
export { groupCues, DEFAULT_CUE_LIMITS, type CueLimits } from './group-cues.js';
export { formatSrt, parseSrt } from './srt.js';
export { formatVtt, parseVtt } from './vtt.js';
export type { SpeechEngine, TranscribeOptions } from './engine.js';
export { findSpeechEngine, NO_ENGINE_HELP, type FindSpeechEngineOptions } from './find-engine.js';
export { OpenAiAsrEngine, asrServerConfigFromEnv, type AsrServerConfig } from './openai-asr.js';
export { WhisperCppEngine } from './whisper-cpp.js';
export { PocketsphinxEngine } from './pocketsphinx.js';
export { transcribeMedia } from './transcribe-media.js';
export { extractSpeechWav } from './speech-wav.js';
export { transcribeTimeline, type TranscribeTimelineOptions } from './transcribe-timeline.js';
export { wordsOnTimeline } from './timeline-words.js';
export { wordsOverRegions, looksLikeCueFile, wordsFromCueFile, type Region } from './text-timing.js';
