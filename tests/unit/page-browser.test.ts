import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** The browser's own API object, counting how often a page script looks it up. */
function countedApi(name: 'chrome' | 'browser', id: string | undefined) {
  const api = { runtime: { id, sendMessage: vi.fn() }, storage: {} };
  let lookups = 0;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get: () => {
      lookups += 1;
      return api;
    },
  });
  return { api, lookups: () => lookups };
}

describe("the page scripts' browser", () => {
  it('looks the extension API up on first use, not when a page script loads', async () => {
    vi.stubGlobal('browser', undefined);
    const chrome = countedApi('chrome', 'extension-id');
    try {
      const { browser } = await import('../../utils/dom/page-browser');
      expect(chrome.lookups()).toBe(0);
      expect(browser.runtime).toBe(chrome.api.runtime);
      expect(browser.storage).toBe(chrome.api.storage);
      expect(chrome.lookups()).toBe(1); // then kept
    } finally {
      Reflect.deleteProperty(globalThis, 'chrome');
    }
  });

  it("takes Firefox's `browser` when it belongs to this extension, as WXT does", async () => {
    const firefox = countedApi('browser', 'extension-id');
    try {
      const { browser } = await import('../../utils/dom/page-browser');
      expect(browser.runtime).toBe(firefox.api.runtime);
    } finally {
      Reflect.deleteProperty(globalThis, 'browser');
    }
  });
});
