// Which probed files the server takes, by what ffprobe found inside them (PROTOCOL.md, Media):
// video mp4, mov, avi, webm, mkv; images jpg, png, gif, webp; audio mp3, wav, m4a, aac.
import type { MediaInfo, MediaKind } from '../../media/index.js';

interface Family {
  /** One of ffprobe's format names for it (`format_name` is a comma list, e.g. "matroska,webm"). */
  demuxer: string;
  kinds: readonly MediaKind[];
}

// Upload files have no extension, so ffprobe picks the demuxer by content: stills come out as
// the *_pipe demuxers (image2 only ever answers for a name ending in .jpg/.png...).
const FAMILIES: readonly Family[] = [
  { demuxer: 'mov', kinds: ['video', 'audio', 'image'] }, // mp4, mov, m4a
  { demuxer: 'matroska', kinds: ['video', 'audio', 'image'] }, // mkv, webm
  { demuxer: 'avi', kinds: ['video', 'audio', 'image'] },
  { demuxer: 'gif', kinds: ['image', 'video'] }, // a still or an animation
  { demuxer: 'jpeg_pipe', kinds: ['image'] },
  { demuxer: 'png_pipe', kinds: ['image'] },
  { demuxer: 'webp_pipe', kinds: ['image'] },
  { demuxer: 'image2', kinds: ['image'] },
  { demuxer: 'mp3', kinds: ['audio'] },
  { demuxer: 'wav', kinds: ['audio'] },
  { demuxer: 'aac', kinds: ['audio'] },
];

/** Whether a probed file is one of the accepted formats (its container and kind, never its name). */
export function isAcceptedMedia(info: Pick<MediaInfo, 'kind' | 'container'>): boolean {
  const demuxers = info.container.split(',');
  return FAMILIES.some((f) => demuxers.includes(f.demuxer) && f.kinds.includes(info.kind));
}
