/**
 * The background's message entry: who may send what (docs/architecture.md, "Messages"), schema
 * validation, and dispatch to a fixed handler per message type.
 */
import * as v from 'valibot';
import { logWarning } from '../log';
import {
  type ContentMessage,
  ContentMessageSchema,
  errorResponse,
  type Message,
  type PageMessage,
  PageMessageSchema,
  type ResponseMap,
} from '../messages';

export const TRUSTED_PAGE_ORIGINS: ReadonlySet<string> = new Set([
  'https://trello.com',
  'https://github.com',
]);

export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  /** The sending document (Chromium): a script added for it reaches that document only. */
  documentId?: string;
  tab?: unknown;
}

/** Who sent a message, as the browser tells it (never as the message claims). */
export interface From {
  kind: SenderKind;
  origin: string;
  tabId?: number;
  documentId?: string;
}

export type SenderKind = 'content' | 'extension-page';

export function classifySender(
  sender: Sender,
  extensionId: string,
  extensionOrigin: string,
): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const origin = senderOrigin(sender);
  if (origin === extensionOrigin) return 'extension-page';
  if (sender.tab && sender.frameId === 0 && TRUSTED_PAGE_ORIGINS.has(origin)) return 'content';
  return null;
}

function fromSender(sender: Sender, kind: SenderKind): From {
  const tabId = (sender.tab as { id?: unknown } | undefined)?.id;
  return {
    kind,
    origin: senderOrigin(sender),
    ...(typeof tabId === 'number' ? { tabId } : {}),
    ...(sender.documentId ? { documentId: sender.documentId } : {}),
  };
}

function senderOrigin(sender: Sender): string {
  if (sender.origin && sender.origin !== 'null') return sender.origin;
  try {
    return sender.url ? new URL(sender.url).origin : '';
  } catch {
    return '';
  }
}

export type Handlers = {
  [K in Message['type']]: (
    message: Extract<Message, { type: K }>,
    /** Always given by the router; tests may leave it out where a handler does not read it. */
    from?: From,
  ) => Promise<ResponseMap[K]>;
};

const AnyMessageSchema = v.union([ContentMessageSchema, PageMessageSchema]);

export function createRouter(handlers: Handlers, extensionId: string, extensionOrigin: string) {
  return async (message: unknown, sender: Sender): Promise<ResponseMap[Message['type']]> => {
    const kind = classifySender(sender, extensionId, extensionOrigin);
    // The page chose this string: keep what is logged and echoed short.
    const type =
      typeof (message as { type?: unknown })?.type === 'string'
        ? (message as { type: string }).type.slice(0, 40)
        : '(none)';
    if (!kind) {
      logWarning('Refused a message from an untrusted sender', {
        type,
        origin: senderOrigin(sender),
        frameId: sender.frameId,
      });
      return errorResponse({
        code: 'forbidden-sender',
        message: 'This page may not talk to Process Lens.',
      });
    }
    // Extension pages may send anything; content scripts only the content messages.
    const parsed = v.safeParse(
      kind === 'content' ? ContentMessageSchema : AnyMessageSchema,
      message,
    );
    if (!parsed.success) {
      logWarning('Refused an invalid message', {
        type,
        from: kind,
        problem: v.getDotPath(parsed.issues[0]) ?? parsed.issues[0].message,
      });
      return errorResponse({
        code: 'invalid-message',
        message: `Process Lens did not understand the message "${type}".`,
      });
    }
    try {
      return await dispatch(handlers, parsed.output, fromSender(sender, kind));
    } catch (error) {
      logWarning('A message handler failed', { type, error: String(error) });
      return errorResponse({
        code: 'internal',
        message:
          'Process Lens hit an unexpected error. Try again; if it persists, reload the page.',
      });
    }
  };
}

function dispatch(
  handlers: Handlers,
  message: ContentMessage | PageMessage,
  from: From,
): Promise<ResponseMap[Message['type']]> {
  // `Handlers` pairs each type with the handler of that message; TypeScript cannot follow the
  // pairing through an indexed call, so the lookup is widened once, here.
  const handler = handlers[message.type] as (
    message: Message,
    from?: From,
  ) => Promise<ResponseMap[Message['type']]>;
  return handler(message, from);
}
