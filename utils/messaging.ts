/** Sending side of the protocol, for content scripts and extension pages. */
import { browser } from 'wxt/browser';
import type { Message, ResponseFor } from './messages';
import { fail } from './result';

export async function send<M extends Message>(message: M): Promise<ResponseFor<M>> {
  try {
    const answer = (await browser.runtime.sendMessage(message)) as ResponseFor<M> | undefined;
    return (
      answer ?? (fail('internal', 'The extension background did not answer.') as ResponseFor<M>)
    );
  } catch {
    // "Extension context invalidated" after an update, or the worker is restarting.
    return fail(
      'internal',
      'Process Lens was updated or restarted: reload the page to reconnect.',
    ) as ResponseFor<M>;
  }
}
