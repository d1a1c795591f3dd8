// Where the extension's main-thread time goes: a V8 CPU profile of one page load (CDP Profiler),
// each sample that has the extension's code on its stack charged to the innermost extension
// function, named through the build's hidden source maps (see index.ts, part 2).

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

const OUT_DIR = resolve(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');
/** Sampling interval (µs): fine enough to see a 50 ms task as fifty samples and more. */
export const SAMPLING_INTERVAL_US = 500;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ExtensionTime {
  /** ms of samples running JavaScript, the page's and the extension's (not idle, native or GC). */
  scriptMs: number;
  /** ms of samples with extension code on the stack (what it ran, and what that called). */
  totalMs: number;
  /**
   * The longest stretch of extension time not broken by an idle or native-only sample ("(idle)",
   * "(program)"): the most the extension held the main thread at once, i.e. its longest task.
   */
  longestStretchMs: number;
  /** ms by innermost extension function (`name  source:line`), and by source file. */
  byFunction: Map<string, number>;
  bySource: Map<string, number>;
}

const consumers = new Map<string, SourceMapConsumer | null>();

function consumerFor(url: string): SourceMapConsumer | null {
  const file = join(OUT_DIR, new URL(url).pathname);
  if (!consumers.has(file)) {
    const map = `${file}.map`;
    consumers.set(
      file,
      existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8'))) : null,
    );
  }
  return consumers.get(file) ?? null;
}

/** `name  utils/dom/hint-layer.ts:120` from a minified frame, through the source map. */
function frameName(frame: CallFrame): { fn: string; source: string } {
  const pos = consumerFor(frame.url)?.originalPositionFor({
    line: frame.lineNumber + 1,
    column: frame.columnNumber,
  });
  const source = pos?.source
    ? pos.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'npm: ')
    : new URL(frame.url).pathname;
  const name = pos?.name ?? (frame.functionName || '(anonymous)');
  return { fn: `${name}  ${source}:${pos?.line ?? frame.lineNumber + 1}`, source };
}

export function extensionTime(profile: CpuProfile): ExtensionTime {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Per node: the innermost extension frame on its stack (or null), and whether it is idle.
  const owner = new Map<number, { fn: string; source: string } | null>();
  const ownerOf = (id: number): { fn: string; source: string } | null => {
    if (owner.has(id)) return owner.get(id) ?? null;
    const node = byId.get(id);
    const up = parent.get(id);
    const own = node?.callFrame.url.startsWith('chrome-extension://')
      ? frameName(node.callFrame)
      : up !== undefined
        ? ownerOf(up)
        : null;
    owner.set(id, own);
    return own;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const result: ExtensionTime = {
    scriptMs: 0,
    totalMs: 0,
    longestStretchMs: 0,
    byFunction: new Map(),
    bySource: new Map(),
  };
  let stretch = 0;
  samples.forEach((id, i) => {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const name = byId.get(id)?.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') {
      stretch = 0;
      return;
    }
    if (name !== '(garbage collector)' && name !== '(root)') result.scriptMs += ms;
    const own = ownerOf(id);
    if (!own) return; // the page's own code, or GC: neither ours nor a gap
    stretch += ms;
    result.longestStretchMs = Math.max(result.longestStretchMs, stretch);
    result.totalMs += ms;
    result.byFunction.set(own.fn, (result.byFunction.get(own.fn) ?? 0) + ms);
    result.bySource.set(own.source, (result.bySource.get(own.source) ?? 0) + ms);
  });
  return result;
}
