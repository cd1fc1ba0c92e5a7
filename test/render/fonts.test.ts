// Titles and captions are drawn from the font the project ships, not whatever the system has.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFonts } from '../../src/render/fonts.js';

describe('fonts', () => {
  it('Latin text uses the DejaVu Sans shipped in node_modules (dejavu-fonts-ttf), bold face included, before any system copy', () => {
    const { latin } = findFonts(existsSync);
    expect(latin?.family).toBe('DejaVu Sans');
    expect(latin?.file).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(latin?.bold).toMatch(/DejaVuSans-Bold\.ttf$/);
    expect(existsSync(latin!.file)).toBe(true);
  });

  it('falls back to the system copy when the shipped file is absent', () => {
    const { latin } = findFonts((p) => p === '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
    expect(latin?.file).toBe('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
  });
});
