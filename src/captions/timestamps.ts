// Subtitle timestamps: SRT writes `00:00:01,000`, WebVTT `00:00:01.000`. Reading is forgiving in
// the ways real files differ (either separator, VTT's optional hours, fewer than three digits of
// fraction) and strict about everything else, so a typo is reported rather than guessed.

export function formatTimestamp(ms: number, separator: ',' | '.'): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const frac = total % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${separator}${pad(frac, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const TIMESTAMP = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)[,.](\d{1,3})$/;

/** Milliseconds of a timestamp, or null when the text is not one. */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [, h = '0', min = '0', s = '0', frac = '0'] = m;
  return Number(h) * 3_600_000 + Number(min) * 60_000 + Number(s) * 1000 + Number(frac.padEnd(3, '0'));
}
