// Launches Chromium with the built extension (docs/architecture.md, "Testing"). With a fake, trello.com, github.com
// and their API hosts resolve to the local fake server, so the real manifest patterns run unchanged.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import type { FakeSites } from '../fake/server.ts';

export interface LaunchOptions {
  /** Unpacked extension folder; default `.output/chrome-mv3` of the project. */
  extensionPath?: string;
  /** Map the four hosts to this fake (and accept its self-signed certificate). */
  fake?: FakeSites;
  /** Default true (Chromium's new headless mode, which loads extensions). */
  headless?: boolean;
  /** Real sites, no fake: only a marker for callers; refuses to combine with `fake`. */
  live?: boolean;
  /** Default 1280x800. */
  viewport?: { width: number; height: number } | null;
  /** How long to wait for the extension's service worker (ms); default 15 s. */
  serviceWorkerTimeoutMs?: number;
  /** The system's colour scheme as pages see it (`prefers-color-scheme`); default the browser's. */
  colorScheme?: 'light' | 'dark';
}

export interface LaunchedBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export const CHROMIUM_HELP = [
  'Chromium was not found. Install it with `sudo apt-get install chromium`,',
  'or point CHROMIUM_PATH at a Chromium or Chrome for Testing binary.',
  'Branded Google Chrome 137+ ignores --load-extension, so it cannot run the extension here.',
].join('\n');

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`${CHROMIUM_HELP}\n(looked for: ${path})`);
    this.name = 'ChromiumMissingError';
  }
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) throw new ChromiumMissingError(path);
  return path;
}

/** `extensionPath` null: the same browser without any extension (a baseline for benchmarks). */
function chromiumArgs(extensionPath: string | null, opts: LaunchOptions): string[] {
  const args = [
    ...(extensionPath
      ? [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`]
      : []),
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-gpu',
  ];
  if (opts.fake)
    args.push(
      `--host-resolver-rules=${opts.fake.hostResolverRules}`,
      '--ignore-certificate-errors',
    );
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // Playwright's own headless flag is the old mode; the new one is needed for extensions.
  if (opts.headless ?? true) args.push('--headless=new');
  return args;
}

async function waitForServiceWorker(context: BrowserContext, timeoutMs: number): Promise<Worker> {
  const isExtension = (w: Worker) => w.url().startsWith('chrome-extension://');
  const existing = context.serviceWorkers().find(isExtension);
  if (existing) return existing;
  try {
    return await context.waitForEvent('serviceworker', {
      predicate: isExtension,
      timeout: timeoutMs,
    });
  } catch {
    throw new Error(
      `The extension's service worker did not start within ${timeoutMs} ms. ` +
        'Is the extension built (npm run build) and does its manifest declare background.service_worker?',
    );
  }
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (opts.live && opts.fake)
    throw new Error('launchBrowser: `live` and `fake` exclude each other');
  const extensionPath = resolve(opts.extensionPath ?? join(PROJECT_ROOT, '.output', 'chrome-mv3'));
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${extensionPath} (missing manifest.json). Run \`npm run build\` first.`,
    );
  }
  const executablePath = chromiumPath();
  const userDataDir = mkdtempSync(join(tmpdir(), 'process-lens-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: false, // see chromiumArgs: --headless=new is passed by hand
      args: chromiumArgs(extensionPath, opts),
      ignoreDefaultArgs: ['--disable-extensions'],
      ignoreHTTPSErrors: true,
      viewport: opts.viewport === undefined ? { width: 1280, height: 800 } : opts.viewport,
      ...(opts.colorScheme ? { colorScheme: opts.colorScheme } : {}),
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const serviceWorker = await waitForServiceWorker(
      context,
      opts.serviceWorkerTimeoutMs ?? 15_000,
    );
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The same Chromium, flags and fake host mapping as `launchBrowser`, without the extension: the
 * baseline the benchmarks (tests/bench) compare the extension against.
 */
export async function launchPlainBrowser(
  opts: Omit<LaunchOptions, 'extensionPath' | 'serviceWorkerTimeoutMs'> = {},
): Promise<Pick<LaunchedBrowser, 'context' | 'close'>> {
  if (opts.live && opts.fake)
    throw new Error('launchPlainBrowser: `live` and `fake` exclude each other');
  const userDataDir = mkdtempSync(join(tmpdir(), 'process-lens-profile-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: false, // see chromiumArgs
      args: chromiumArgs(null, opts),
      ignoreHTTPSErrors: true,
      viewport: opts.viewport === undefined ? { width: 1280, height: 800 } : opts.viewport,
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => {});
        rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      },
    };
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Writes items into the extension's `browser.storage.local` (e.g. `settings`, `secrets`). */
export async function seedStorage(
  serviceWorker: Worker,
  items: Record<string, unknown>,
): Promise<void> {
  await serviceWorker.evaluate(async (data) => {
    // `chrome` is the service worker's own global; typed loosely here to keep Node types only.
    const api = (
      globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
    ).chrome;
    await api.storage.local.set(data);
  }, items);
}
