// How stored records look on the wire.
import type { FastifyRequest } from 'fastify';
import type { MediaRow, RenderJob } from '../store/index.js';
import type { MediaItem } from '../timeline/index.js';
import { toMediaItem } from '../media/index.js';
import type { ServerContext } from './context.js';
import { MUSIC_DIR_SOURCE } from './folder-music.js';
import { subtitlePaths } from '../render/index.js';
import { existsSync } from 'node:fs';

export function mediaView(m: MediaRow): Record<string, unknown> {
  return {
    media_id: m.id,
    index: m.seq,
    name: m.name,
    kind: m.kind,
    duration_ms: m.info.duration_ms,
    width: m.info.width,
    height: m.info.height,
    has_audio: m.info.audio.length > 0,
    fps: m.info.video?.fps ?? null,
    size_bytes: m.bytes,
    // Our own additions keep their name; everything else came by URL.
    source: m.source === 'upload' || m.source === MUSIC_DIR_SOURCE ? m.source : 'url',
  };
}

/**
 * The bin as the timeline sees it, in upload order. No paths: drafts leave the server, and a
 * render finds each file by its id under the data dir, never by a path written in a draft.
 */
export function binItems(rows: readonly MediaRow[]): MediaItem[] {
  return rows.map((m) => {
    const { path: _path, ...item } = toMediaItem(m.info, m.id, m.name);
    return item;
  });
}

export function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export function downloadUrl(ctx: ServerContext, req: FastifyRequest, job: RenderJob, file = ''): string {
  const { exp, sig } = ctx.signer.sign(job.id);
  return `${origin(req)}/api/download/${job.id}${file}?exp=${exp}&sig=${sig}`;
}

/** The subtitle files written beside a render with captions (none without), as signed links. */
function subtitleUrls(ctx: ServerContext, req: FastifyRequest, job: RenderJob): { srt: string; vtt: string } | null {
  if (!job.output_file || !existsSync(subtitlePaths(job.output_file).srt)) return null;
  return { srt: downloadUrl(ctx, req, job, '/subtitles.srt'), vtt: downloadUrl(ctx, req, job, '/subtitles.vtt') };
}

/** PROTOCOL.md's poll answer; `progress` is a percentage, 0 to 100. */
export function renderView(ctx: ServerContext, req: FastifyRequest, job: RenderJob): Record<string, unknown> {
  const done = job.status === 'completed';
  return {
    id: job.name,
    status: job.status,
    progress: done ? 100 : Math.round(job.progress * 1000) / 10,
    output: {
      url: done && job.output_file ? downloadUrl(ctx, req, job) : null,
      format: 'mp4',
      // An addition: the burned captions as SRT and WebVTT, for a player or Instagram's caption upload.
      ...(done ? withSubtitles(subtitleUrls(ctx, req, job)) : {}),
    },
    ...(job.reason ? { reason: job.reason } : {}),
    version_id: job.version_id,
    created_at: job.created_at,
    updated_at: job.updated_at,
  };
}

function withSubtitles(urls: { srt: string; vtt: string } | null): { subtitles?: { srt: string; vtt: string } } {
  return urls ? { subtitles: urls } : {};
}
