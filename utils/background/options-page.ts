/** The settings as pages see them (no secrets), and opening the options page. */
import { browser } from 'wxt/browser';
import type { MessageOf, ResponseMap } from '../messages';
import { ok } from '../result';
import { loadSettings } from '../storage';

export async function currentSettings(): Promise<ResponseMap['settings.get']> {
  return ok((await loadSettings()).settings);
}

/** The options page with a pipeline board to offer (`?pipelineBoard=AbCd1234`). */
export function optionsUrlWithPipeline(board: string): string {
  return `${browser.runtime.getURL('/options.html')}?${new URLSearchParams({ pipelineBoard: board })}`;
}

/** Opens the options page; with a board, prefilled as the pipeline for the user to save. */
export async function openOptions({
  pipelineBoard,
}: MessageOf<'options.open'>): Promise<ResponseMap['options.open']> {
  if (!pipelineBoard) await browser.runtime.openOptionsPage();
  else await browser.tabs.create({ url: optionsUrlWithPipeline(pipelineBoard) });
  return ok(null);
}
