// The bundled music library: tracks synthesised at render time, and how to ask for them.
export { TRACKS, moods, musicInput, requireTrack, resolveMusicQuery, trendingTracks, type Mood, type Track } from './library.js';
export { arrangementGraph, loopSamples, MUSIC_SAMPLE_RATE, type Arrangement } from './synth.js';
export { cacheDir, ensureLoopFile, ensureLoopFiles, loopFileName } from './loop-cache.js';
export { bindLibraryMusic } from './bind.js';
