// Launches Debian's stock Firefox ESR headless with a fresh profile over WebDriver BiDi
// (puppeteer-core; Playwright's Firefox needs a patched build) and installs the Firefox build as a
// temporary add-on. The four fake hosts are reached through the CONNECT proxy of proxy.ts, and
// the session accepts the fake's self-signed certificate.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { FakeSites } from '../fake/server.ts';
import { type FakeProxy, startFakeProxy } from './proxy.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
export const FIREFOX_BUILD = join(PROJECT_ROOT, '.output', 'firefox-mv3');

export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(
      `Firefox was not found at ${path}. Install it with \`sudo apt-get install firefox-esr\`, ` +
        'or point FIREFOX_PATH at a Firefox 140+ binary.',
    );
  }
  return path;
}

export interface LaunchedFirefox {
  browser: Browser;
  proxy: FakeProxy;
  /** The add-on id of the temporary install (the gecko id of wxt.config.ts). */
  extensionId: string;
  close(): Promise<void>;
}

export async function launchFirefox(fake: FakeSites): Promise<LaunchedFirefox> {
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_BUILD}. Run \`npm run build:firefox\` first.`);
  }
  const proxy = await startFakeProxy(fake);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true, // puppeteer makes a fresh temporary profile and removes it on close
      acceptInsecureCerts: true, // the fake's self-signed certificate, pages and add-on alike
      timeout: 60_000,
      extraPrefsFirefox: {
        // Every https:// request goes to the proxy as CONNECT host:443 (names resolve there).
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.trr.mode': 5, // no DNS over HTTPS
      },
    });
    const extensionId = await browser.installExtension(FIREFOX_BUILD);
    const launched = browser;
    return {
      browser: launched,
      proxy,
      extensionId,
      close: async () => {
        await launched.close().catch(() => {});
        await proxy.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await proxy.close();
    throw error;
  }
}
