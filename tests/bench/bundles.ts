// Part 3: the size of each bundle in .output/chrome-mv3 and what it is made of (see index.ts).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';
import { BUDGETS } from './budgets.ts';
import { check, type Section } from './report.ts';
import { fmtBytes, table } from './stats.ts';

export interface BundleSize {
  /** Path inside the output folder, hash removed (`chunks/popup-[hash].js`). */
  name: string;
  file: string;
  min: number;
  gzip: number;
  /** Bytes by package or source folder, largest first; empty without a source map. */
  contributors: [group: string, bytes: number][];
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.js'))
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/** `node_modules/@scope/pkg` or `utils/trello`, `components`, `entrypoints/trello.content`. */
export function groupOf(source: string | null): string {
  if (!source) return '(no source: bundler glue)';
  if (source.startsWith('\0') || source.includes('virtual:') || source.startsWith('vite/'))
    return '(bundler runtime)';
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const [first, second] = source.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${first?.startsWith('@') ? `${first}/${second}` : first}`;
  }
  const parts = source.replace(/^(\.\.\/)+/, '').split('/');
  return ['utils', 'entrypoints'].includes(parts[0] ?? '') && parts.length > 2
    ? `src: ${parts[0]}/${parts[1]}`
    : `src: ${parts[0]}`;
}

/** Attributes every byte of `code` to the source its mapping segment points at. */
export function attribute(code: string, mapJson: string): Map<string, number> {
  const consumer = new SourceMapConsumer(JSON.parse(mapJson));
  const lines = code.split('\n');
  const perLine: { column: number; source: string | null }[][] = lines.map(() => []);
  consumer.eachMapping((m) => {
    perLine[m.generatedLine - 1]?.push({ column: m.generatedColumn, source: m.source });
  });
  const bytes = new Map<string, number>();
  const add = (group: string, text: string) =>
    bytes.set(group, (bytes.get(group) ?? 0) + Buffer.byteLength(text));
  lines.forEach((line, i) => {
    const segments = (perLine[i] ?? []).sort((a, b) => a.column - b.column);
    add(groupOf(null), `${line.slice(0, segments[0]?.column ?? line.length)}\n`);
    segments.forEach((segment, j) => {
      add(
        groupOf(segment.source),
        line.slice(segment.column, segments[j + 1]?.column ?? line.length),
      );
    });
  });
  // The split added one newline too many (the last line has none).
  bytes.set(groupOf(null), (bytes.get(groupOf(null)) ?? 0) - 1);
  return bytes;
}

export function measureBundles(outDir: string): BundleSize[] {
  return jsFiles(outDir).map((file) => {
    const code = readFileSync(file);
    const mapFile = `${file}.map`;
    const contributors = existsSync(mapFile)
      ? [...attribute(code.toString('utf8'), readFileSync(mapFile, 'utf8'))].sort(
          (a, b) => b[1] - a[1],
        )
      : [];
    return {
      name: relative(outDir, file).replace(/-[A-Za-z0-9_-]{8}\.js$/, '-[hash].js'),
      file,
      min: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      contributors,
    };
  });
}

export function bundlesSection(outDir: string): Section {
  const bundles = measureBundles(outDir);
  const checks = bundles.flatMap((b) => {
    const budget = BUDGETS.bundles[b.name];
    if (!budget) return [];
    return [
      check(`${b.name} minified`, b.min, budget.min, fmtBytes),
      check(`${b.name} gzip`, b.gzip, budget.gzip, fmtBytes),
    ];
  });
  const sizeRows = bundles.map((b) => {
    const budget = BUDGETS.bundles[b.name];
    return [
      b.name,
      fmtBytes(b.min),
      fmtBytes(b.gzip),
      budget ? `${fmtBytes(budget.min)} / ${fmtBytes(budget.gzip)}` : '(extension page: no budget)',
      budget ? (b.min <= budget.min && b.gzip <= budget.gzip ? 'ok' : '**over**') : '',
    ];
  });
  const withMaps = bundles.filter((b) => BUDGETS.bundles[b.name] && b.contributors.length > 0);
  const contributorTables = withMaps.map((b) => {
    const top = b.contributors.slice(0, 8);
    const rest = b.contributors.slice(8).reduce((sum, [, n]) => sum + n, 0);
    const rows = top.map(([group, n]) => [
      group,
      fmtBytes(n),
      `${((100 * n) / b.min).toFixed(1)} %`,
    ]);
    if (rest > 0)
      rows.push([
        `${b.contributors.length - 8} more`,
        fmtBytes(rest),
        `${((100 * rest) / b.min).toFixed(1)} %`,
      ]);
    return `**${b.name}** (${fmtBytes(b.min)})\n\n${table(['largest contributors', 'bytes', 'share'], rows)}`;
  });
  return {
    title: '5. Bundle sizes',
    body: [
      'Bytes of each built file in `.output/chrome-mv3` (minified as shipped; gzip level 9 via',
      '`node:zlib`, about what the store download costs). Contributors: every byte of the minified',
      'file attributed through its source map to an npm package or a source folder.',
      '',
      table(['bundle', 'minified', 'gzip', 'budget (min / gzip)', ''], sizeRows),
      '',
      withMaps.length
        ? contributorTables.join('\n\n')
        : '_No source maps found: build with `PROCESS_LENS_SOURCEMAP=1 wxt build` (as `npm run bench` does)._',
    ].join('\n'),
    checks,
  };
}
