// Building filter-graph text in one place, with ffmpeg's two levels of escaping, so no value
// (a path, a colour, a user's words) can break out of its option.
// See https://ffmpeg.org/ffmpeg-filters.html#Notes-on-filtergraph-escaping

/** Escape a value for use inside a filter's option list (first level: `:` and quotes). */
export function escapeOptionValue(value: string): string {
  return value.replace(/[\\':]/g, (c) => `\\${c}`);
}

/** Escape a whole filter description for the graph level (second level: `[],;'` and `\`). */
export function escapeGraphLevel(text: string): string {
  return text.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

export type OptionValue = string | number | boolean;

/** `name=k1=v1:k2=v2`, every value escaped for both levels. Numbers are printed exactly. */
export function filter(name: string, options: Record<string, OptionValue | undefined> = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    const text = typeof v === 'number' ? formatNumber(v) : String(v);
    parts.push(`${k}=${escapeGraphLevel(escapeOptionValue(text))}`);
  }
  return parts.length ? `${name}=${parts.join(':')}` : name;
}

/** Numbers without exponent notation or float noise (ffmpeg's parser does not take "1e-7"). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** One chain: `[in1][in2]f1,f2[out]`. */
export function chain(inputs: string[], filters: string[], output: string): string {
  return `${inputs.join('')}${filters.join(',')}${output}`;
}

/** Seconds with millisecond precision, for ffmpeg time options. */
export function seconds(ms: number): string {
  return formatNumber(Math.round(ms) / 1000);
}
