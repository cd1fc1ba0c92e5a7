// Reading the frames showinfo printed after select='gt(scene,T)': each is the first frame of a
// new shot. Pure: tested on captured text.

/** Cut times in file milliseconds, ascending and distinct, from showinfo's `pts_time:` fields. */
export function parseSceneCuts(stderr: string, offsetMs = 0): number[] {
  const cuts: number[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.includes('Parsed_showinfo')) continue;
    const m = /pts_time:\s*(-?[\d.]+)/.exec(line);
    if (m?.[1] === undefined) continue;
    const ms = Math.round(Number(m[1]) * 1000) + offsetMs;
    if (ms > 0 && ms !== cuts[cuts.length - 1]) cuts.push(ms);
  }
  return cuts.sort((a, b) => a - b);
}
