// Encodes a dead server left running. ffmpeg leads its own process group (so a cancel can kill
// it and its children), which also means it outlives a server killed outright and keeps both
// cores busy for the rest of a render nobody will read. At start the queue finds such encodes by
// the one thing that ties them to this data dir, the partial output path in their arguments,
// and stops them. Linux reads /proc; where there is none the orphan runs out on its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Pids of processes writing a `.partial.mp4` inside `outputDir`, found through /proc. */
export function findOrphanEncodes(outputDir: string, procDir = '/proc'): number[] {
  let entries: string[];
  try {
    entries = readdirSync(procDir);
  } catch {
    return [];
  }
  const prefix = outputDir.endsWith(sep) ? outputDir : outputDir + sep;
  const pids: number[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let args: string[];
    try {
      args = readFileSync(join(procDir, name, 'cmdline'), 'utf8').split('\0');
    } catch {
      continue; // gone, or not ours to read
    }
    if (args.some((a) => a.startsWith(prefix) && a.endsWith('.partial.mp4') && !a.slice(prefix.length).includes(sep))) pids.push(Number(name));
  }
  return pids;
}

/** Kills each orphan encode; returns the pids that were signalled. */
export function killOrphanEncodes(outputDir: string): number[] {
  const killed: number[] = [];
  for (const pid of findOrphanEncodes(outputDir)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // it finished between the scan and the kill
    }
  }
  return killed;
}
