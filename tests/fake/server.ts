// One HTTPS server that plays trello.com, api.trello.com, github.com and api.github.com.
// Chromium reaches it through --host-resolver-rules (see hostResolverRules) and routes are
// chosen by the Host header, so the extension's real match patterns and URLs run unchanged.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { handleGitHubApi } from './github-api.ts';
import { handleGitHubPage } from './github-pages.ts';
import { type AuthKind, type Ctx, parseCookies, type Reply, text } from './http.ts';
import { createDemoState, type FakeState } from './state.ts';
import { handleTrelloApi } from './trello-api.ts';
import { authorizePage, handleTrelloPage } from './trello-pages.ts';

export const FAKE_HOSTS = ['trello.com', 'api.trello.com', 'github.com', 'api.github.com'] as const;
export type FakeHost = (typeof FAKE_HOSTS)[number];

// ---------------------------------------------------------------- request log

export interface RequestLogEntry {
  host: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Which credentials the request carried (never their value). */
  auth: AuthKind;
  /** 0 when a fault destroyed the socket. */
  status: number;
  /**
   * The request's `Sec-Fetch-Site` as sent ('' without one). Chromium sends `none` for the
   * extension's background and `same-origin` for the page's own fetch; Firefox `same-origin` for both.
   */
  fetchSite: string;
}

export interface RequestLog extends Array<RequestLogEntry> {
  clear(): void;
  /** Entries matching every given field (`path` may be a RegExp). */
  matching(
    filter: Partial<Omit<RequestLogEntry, 'path'>> & { path?: string | RegExp },
  ): RequestLogEntry[];
}

function createRequestLog(): RequestLog {
  const log = [] as RequestLogEntry[] as RequestLog;
  log.clear = () => {
    log.length = 0;
  };
  log.matching = (filter) =>
    log.filter(
      (r) =>
        (filter.host === undefined || r.host === filter.host) &&
        (filter.method === undefined || r.method === filter.method) &&
        (filter.auth === undefined || r.auth === filter.auth) &&
        (filter.status === undefined || r.status === filter.status) &&
        (filter.path === undefined ||
          (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))),
    );
  return log;
}

// ---------------------------------------------------------------- faults

export interface FaultSpec {
  host?: string;
  method?: string;
  /** Exact path (no query string), or a RegExp tested against the path. */
  path: string | RegExp;
  /** Only requests with this `Sec-Fetch-Site` (`none`: the extension's background; `same-origin`: the page). */
  fetchSite?: string;
  /** Reply with this status instead of the normal route (with `body`). */
  status?: number;
  /** Objects are sent as JSON, strings as text. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before answering; alone (no status/malformedJson/networkError) it just slows the real route. */
  delayMs?: number;
  /** Answer `status` (default 200) with a truncated JSON body. */
  malformedJson?: boolean;
  /** Destroy the socket without answering. */
  networkError?: boolean;
  /** How many matching requests it affects; default Infinity. */
  times?: number;
  /** Do the real work first, then answer with the fault anyway (a write that succeeds but reports a 500). */
  afterHandling?: boolean;
}

export interface Fault extends FaultSpec {
  /** How many requests it has affected so far. */
  hits: number;
}

export interface Faults {
  add(spec: FaultSpec): Fault;
  clear(): void;
  readonly list: readonly Fault[];
}

function createFaults(): Faults & {
  take(host: string, method: string, path: string, fetchSite: string): Fault | undefined;
} {
  let list: Fault[] = [];
  return {
    add(spec) {
      const fault: Fault = { times: Number.POSITIVE_INFINITY, ...spec, hits: 0 };
      list.push(fault);
      return fault;
    },
    clear() {
      list = [];
    },
    get list() {
      return list;
    },
    take(host, method, path, fetchSite) {
      const fault = list.find(
        (f) =>
          (f.host === undefined || f.host === host) &&
          (f.method === undefined || f.method.toUpperCase() === method) &&
          (f.fetchSite === undefined || f.fetchSite === fetchSite) &&
          (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
      );
      if (!fault) return undefined;
      fault.hits += 1;
      fault.times = (fault.times ?? Number.POSITIVE_INFINITY) - 1;
      if (fault.times <= 0) list = list.filter((f) => f !== fault);
      return fault;
    },
  };
}

function faultReply(fault: Fault): Reply | undefined {
  if (fault.malformedJson) {
    return {
      status: fault.status ?? 200,
      headers: { 'content-type': 'application/json; charset=utf-8', ...fault.headers },
      body: '{"id": "5f0c', // cut short on purpose
    };
  }
  if (fault.status === undefined) return undefined;
  const isText = typeof fault.body === 'string' || fault.body === undefined;
  return {
    status: fault.status,
    headers: {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      ...fault.headers,
    },
    body: isText ? String(fault.body ?? '') : JSON.stringify(fault.body),
  };
}

// ---------------------------------------------------------------- the server

export interface FakeSites {
  port: number;
  state: FakeState;
  faults: Faults;
  requests: RequestLog;
  /** For Chromium's --host-resolver-rules. */
  hostResolverRules: string;
  /** The self-signed certificate (PEM), for Node clients that want to trust it. */
  cert: string;
  /** The URL a browser using hostResolverRules opens: `https://<host><path>`. */
  url(host: FakeHost | string, path: string): string;
  /** A Node-side request straight to the fake (for server tests). */
  request(
    host: FakeHost | string,
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function debug(...args: unknown[]): void {
  if (process.env.FAKE_DEBUG === '1') console.error('[fake]', ...args);
}

async function makeCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'trello.com' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...FAKE_HOSTS.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** JSON or form bodies → a plain object; throws on malformed JSON. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function hostOf(req: IncomingMessage): string {
  return (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
}

function route(ctx: Ctx): Promise<Reply> | Reply {
  switch (ctx.host) {
    case 'api.trello.com':
      return handleTrelloApi(ctx);
    case 'trello.com':
      // Trello's authorize page lives under /1/ but is a page, not the API.
      if (ctx.path === '/1/authorize') return authorizePage(ctx);
      return ctx.path.startsWith('/1/') ? handleTrelloApi(ctx) : handleTrelloPage(ctx);
    case 'api.github.com':
      return handleGitHubApi(ctx);
    case 'github.com':
      return handleGitHubPage(ctx);
    default:
      return text(404, 'Not found');
  }
}

const SECRET_PARAMS = new Set(['key', 'token', 'access_token', 'client_secret']);

/** The log keeps which credential parameters were sent, never their values. */
function redactQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) out[k] = SECRET_PARAMS.has(k) ? '[redacted]' : v;
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeSites(
  opts: { state?: FakeState; port?: number } = {},
): Promise<FakeSites> {
  const state = opts.state ?? createDemoState();
  const faults = createFaults();
  const requests = createRequestLog();
  const { key, cert } = await makeCertificate();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://fake.invalid');
    const ctx: Ctx = {
      host: hostOf(req),
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      cookies: parseCookies(req.headers.cookie),
      body: {},
      params: {},
      state,
      auth: 'none',
    };
    const entry: RequestLogEntry = {
      host: ctx.host,
      method: ctx.method,
      path: ctx.path,
      query: redactQuery(ctx.query),
      auth: 'none',
      status: 0,
      fetchSite: String(req.headers['sec-fetch-site'] ?? ''),
    };
    requests.push(entry);
    // Note the credentials kind even when a fault answers before the host handler runs.
    if (req.headers.authorization) entry.auth = 'token';
    else if (ctx.host === 'trello.com' && ctx.cookies.fake_trello_session) entry.auth = 'session';

    const reply = await produce(ctx, req, res);
    if (reply === 'destroyed') return;
    if (ctx.auth !== 'none') entry.auth = ctx.auth;
    entry.status = reply.status;
    send(res, ctx.method, reply);
    debug(ctx.method, ctx.host + req.url, '→', reply.status);
  }

  async function produce(
    ctx: Ctx,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<Reply | 'destroyed'> {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return text(413, 'request body too large');
    }
    const fault = faults.take(
      ctx.host,
      ctx.method,
      ctx.path,
      String(req.headers['sec-fetch-site'] ?? ''),
    );
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.networkError) {
      res.socket?.destroy();
      return 'destroyed';
    }
    const injected = fault && faultReply(fault);
    if (injected && !fault.afterHandling) return injected;
    try {
      ctx.body = parseBody(raw, req.headers['content-type']);
    } catch {
      return ctx.host.endsWith('github.com')
        ? {
            status: 400,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: '{"message":"Problems parsing JSON"}',
          }
        : text(400, 'invalid json');
    }
    try {
      const real = await route(ctx);
      return injected ?? real;
    } catch (err) {
      debug('handler error', err);
      return text(500, 'fake: internal error');
    }
  }

  const server: Server = createServer({ key, cert }, (req, res) => {
    handle(req, res).catch((err) => {
      debug('unexpected', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('tlsClientError', (err) => debug('tls', err.message));
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    state,
    faults,
    requests,
    cert,
    hostResolverRules: FAKE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '),
    url: (host, path) => `https://${host}${path.startsWith('/') ? path : `/${path}`}`,
    request: (host, path, init = {}) => nodeRequest(port, host, path, init),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, method: string, reply: Reply): void {
  if (res.destroyed) return;
  const body =
    reply.status === 204 || reply.status === 304 || method === 'HEAD' ? '' : (reply.body ?? '');
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function nodeRequest(
  port: number,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        servername: host,
        rejectUnauthorized: false,
        headers: { host, ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
