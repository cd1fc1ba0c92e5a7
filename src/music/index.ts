// The bundled music library (tracks synthesised at render time, and how to ask for them), and a
// person's own music folder, scanned and matched to the same words.
export { TRACKS, askedTempo, moods, musicInput, requireTrack, resolveMusicQuery, trendingTracks, type Mood, type Track } from './library.js';
export { arrangementGraph, loopSamples, pieceBars, pieceDurationMs, MUSIC_SAMPLE_RATE, type Arrangement, type PartName, type Section } from './synth.js';
export { cacheDir, ensureLoopFile, ensureLoopFiles, loopFileName } from './loop-cache.js';
export { bindLibraryMusic } from './bind.js';
export { scanMusicFolder, describeUserTrack, energyOf, guessMood, looksLikeAudio, titleFromFileName, MIN_TEMPO_CONFIDENCE, type UserTrack, type ScanOptions, type ScanResult } from './user-library.js';
export { defaultScanCacheFile, readScanCache, SCAN_CACHE_VERSION, type AudioFacts, type ScanCache } from './user-library-cache.js';
export { resolveUserMusic, type MusicRequest, type UserMusicChoice } from './user-resolve.js';
export { answerFromFolder, type FolderAnswer } from './folder-answer.js';
