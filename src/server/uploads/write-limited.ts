// Stream a body to a new file, counting bytes as they pass: the limit is enforced while the data
// arrives, never after it has all been stored, and a failed write leaves no file behind.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes `source` to `path` (which must not exist yet) and returns the byte count. Once more than
 * `maxBytes` have arrived the copy stops with `tooLarge()`; on any failure the file is removed.
 */
export async function writeLimited(source: Readable, path: string, maxBytes: number, tooLarge: () => Error): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(tooLarge());
      else done(null, chunk);
    },
  });
  try {
    // 'wx': a name collision is a bug, never a reason to overwrite another upload.
    await pipeline(source, counter, createWriteStream(path, { flags: 'wx' }));
    return bytes;
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
}
