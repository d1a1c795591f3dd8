// Accessibility checks in the real browser: axe-core injected into the page, contrast measured
// from the colours Chromium computed, and the keyboard walked with Tab (docs/architecture.md,
// "Themes").

import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { contrastRatio, over, parseColor } from '../contrast.ts';

/** Our elements on a site's page: the hint hosts and the panel (their open shadow roots). */
export const OURS = 'process-lens-hint, process-lens-panel';

type AxeWindow = typeof globalThis & { axe?: typeof axe };

/**
 * axe-core's serious and critical violations, one line each (rule: where). `scope` limits the run
 * to these elements and their shadow roots (our hosts on a site's page); default the whole page.
 */
export async function axeViolations(page: Page, scope?: string): Promise<string[]> {
  if (!(await page.evaluate(() => Boolean((globalThis as AxeWindow).axe))))
    await page.evaluate(axe.source); // through DevTools: no page CSP applies
  return page.evaluate(async (scope) => {
    const { axe } = globalThis as AxeWindow;
    if (!axe) throw new Error('axe-core did not load into the page');
    const context = scope ? { include: [[scope]] } : document;
    const result = await axe.run(context as axe.ElementContext, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, scope ?? null);
}

export interface MeasuredText {
  text: string;
  /** The severity it is shown with (its badge's, else its host's), else null. */
  severity: string | null;
  ratio: number;
  /** 4.5, or 3 for large text and for icons (the severity marks). */
  needed: number;
  /** Relative luminance of what the text sits on, 0 (black) to 1 (white). */
  groundLuminance: number;
}

interface RawText {
  text: string;
  severity: string | null;
  color: string;
  /** Background layers from the element outwards, ending with the first opaque one. */
  layers: string[];
  threshold: number;
}

/**
 * Every visible text on the page (or, with `scope`, in those elements' shadow roots), with its
 * contrast against what is painted under it. Disabled controls are left out (WCAG exempts them).
 */
export async function measureTexts(page: Page, scope?: string): Promise<MeasuredText[]> {
  const raw: RawText[] = await page.evaluate((scope) => {
    const roots: { root: ParentNode; severity: string | null }[] = scope
      ? [...document.querySelectorAll(scope)].flatMap((host) =>
          host.shadowRoot
            ? [{ root: host.shadowRoot, severity: host.getAttribute('data-process-severity') }]
            : [],
        )
      : [{ root: document, severity: null }];
    const parentOf = (el: Element): Element | null =>
      el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
    const layersUnder = (el: Element): string[] => {
      const layers: string[] = [];
      for (let at: Element | null = el; at; at = parentOf(at)) {
        const style = getComputedStyle(at);
        const tints = style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? [];
        layers.push(...tints.slice(0, 1), style.backgroundColor);
        if (/^rgb\(/.test(style.backgroundColor)) return layers;
      }
      return [...layers, 'rgb(255, 255, 255)']; // the browser's canvas
    };
    const texts: RawText[] = [];
    for (const { root, severity } of roots) {
      for (const el of root.querySelectorAll('*')) {
        const ownText = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim();
        if (!ownText || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          continue;
        if (el.closest(':disabled') || el.localName === 'option' || el.localName === 'script')
          continue;
        const style = getComputedStyle(el);
        const size = Number.parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const icon = el.classList.contains('icon') || el.getAttribute('role') === 'img';
        // A badge shows its fix's failure as an error: its class says the severity shown.
        const badge = el.closest('[class*="sev-"]')?.className.match(/\bsev-(\w+)/)?.[1];
        texts.push({
          text: ownText.slice(0, 60),
          severity: badge ?? severity,
          color: style.color,
          layers: layersUnder(el),
          threshold: large || icon ? 3 : 4.5,
        });
      }
    }
    return texts;
  }, scope ?? null);
  return raw.map(({ text, severity, color, layers, threshold }) => {
    const ground = layers
      .map(parseColor)
      .reduceRight((under, layer) => over(layer, under), parseColor('#fff'));
    return {
      text,
      severity,
      ratio: contrastRatio(color, ground),
      needed: threshold,
      groundLuminance: luminanceOf(ground),
    };
  });
}

function luminanceOf(color: ReturnType<typeof parseColor>): number {
  // The contrast of a colour against black is (L + 0.05) / 0.05.
  return contrastRatio(color, '#000') * 0.05 - 0.05;
}

/** The texts below their needed contrast, one line each (empty when all pass). */
export function tooLowContrast(texts: MeasuredText[]): string[] {
  return texts
    .filter((t) => t.ratio < t.needed)
    .map((t) => `"${t.text}" (${t.severity ?? 'page'}): ${t.ratio.toFixed(2)} < ${t.needed}`);
}

export interface TabStop {
  /** Which element (the same number each time it is focused). */
  id: number;
  /** tag#name: the element's tag and its accessible-ish label. */
  name: string;
  /** The rule of the hint it belongs to (an element of ours), else null. */
  hint: string | null;
  /** It showed a focus indicator (an outline or a box shadow). */
  visible: boolean;
}

/** The focused element, inside shadow roots too, described. */
export function focused(page: Page): Promise<TabStop | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const seen = globalThis as typeof globalThis & { tabIds?: Map<Element, number> };
    seen.tabIds ??= new Map();
    const id = seen.tabIds.get(el) ?? seen.tabIds.size;
    seen.tabIds.set(el, id);
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    const host = (el.getRootNode() as ShadowRoot).host;
    return {
      id,
      hint: host?.getAttribute('data-process-hint') ?? null,
      name: `${el.localName}#${label || el.getAttribute('name') || ''}`,
      visible: outline || style.boxShadow !== 'none',
    };
  });
}

/** Presses Tab until the focus comes back to where it started (or `max` presses): every stop. */
export async function tabThrough(page: Page, max = 60): Promise<TabStop[]> {
  const stops: TabStop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (stop && stops.some((s) => s.id === stop.id)) break;
    if (stop) stops.push(stop);
  }
  return stops;
}
