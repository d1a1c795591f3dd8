// WCAG 2 contrast, for the tests that check our colours (unit: the token values; e2e: the colours
// Chromium computed). https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(…)`, `rgba(…)` (comma or space syntax) → channels 0–255. */
export function parseColor(css: string): Rgba {
  const text = css.trim().toLowerCase();
  const hex = text.match(/^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    const channel = (i: number) => Number.parseInt(full.slice(i, i + 2), 16);
    return {
      r: channel(0),
      g: channel(2),
      b: channel(4),
      a: full.length === 8 ? channel(6) / 255 : 1,
    };
  }
  const fn = text.match(/^rgba?\(([^)]*)\)$/)?.[1];
  const parts = fn
    ?.split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  if (!parts || parts.length < 3 || parts.length > 4 || parts.some(Number.isNaN))
    throw new Error(`not a colour this helper reads: "${css}"`);
  const [r = 0, g = 0, b = 0, a = 1] = parts;
  return { r, g, b, a };
}

/** `top` painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

function luminance({ r, g, b }: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * The contrast ratio (1 to 21) of a colour on a background; translucent colours are painted over
 * what is under them first (`under`, else the background is taken as opaque).
 */
export function contrastRatio(fg: string | Rgba, bg: string | Rgba, under?: string | Rgba): number {
  const read = (c: string | Rgba) => (typeof c === 'string' ? parseColor(c) : c);
  const ground = under === undefined ? read(bg) : over(read(bg), read(under));
  const text = over(read(fg), ground);
  const [light, dark] = [luminance(text), luminance(ground)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}
