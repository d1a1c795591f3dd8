/**
 * `wxt/browser` in the page scripts (aliased in wxt.config.ts): the browser's own extension API,
 * looked up when a page script first uses it. Looking it up sets up the extension's bindings in
 * the page, which a page with nothing to show never needs (docs/architecture.md, "Page runtime").
 */
import type { browser as WxtBrowser } from 'wxt/browser';

type Api = typeof WxtBrowser;

let api: Api | undefined;

/** What WXT's own `browser` is (Firefox's `browser`, else Chrome's `chrome`), on first use. */
function extensionApi(): Api {
  const scope = globalThis as { browser?: Api; chrome?: Api };
  api ??= scope.browser?.runtime?.id ? scope.browser : (scope.chrome as Api);
  return api;
}

export const browser: Api = new Proxy({} as Api, {
  get: (_target, key) => Reflect.get(extensionApi(), key),
});
