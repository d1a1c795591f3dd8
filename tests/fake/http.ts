// Small HTTP toolkit shared by the fake sites: request context, replies, a table-driven router,
// and the one HTML escaper every page uses.

import type { IncomingHttpHeaders } from 'node:http';
import type { FakeState } from './state.ts';

export type AuthKind = 'session' | 'token' | 'none';

export interface Ctx {
  /** Host header without the port, lower-case. */
  host: string;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  cookies: Record<string, string>;
  /** Parsed JSON or form body (empty object when none). */
  body: Record<string, unknown>;
  /** Route parameters (`:name` segments), URL-decoded. */
  params: Record<string, string>;
  state: FakeState;
  /** What credentials the request carried (set by the host handlers; logged, never the value). */
  auth: AuthKind;
}

export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export function text(
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): Reply {
  return { status, body, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } };
}

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string | string[]> = {},
): Reply {
  return {
    status,
    body: JSON.stringify(value),
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

export function html(
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): Reply {
  return { status, body, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } };
}

export function redirect(location: string, status = 302): Reply {
  return { status, headers: { location }, body: '' };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. Use it for every value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Reads a parameter from the body first, then the query string (Trello accepts both). */
export function param(ctx: Ctx, name: string): string | undefined {
  const value = ctx.body[name] ?? ctx.query[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  return String(value);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

/** Routes like `/1/boards/:id/actions`; `*` at the end matches the rest of the path. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          names.push(seg.slice(1));
          return '([^/]+)';
        }
        if (seg === '*') {
          names.push('rest');
          return '(.*)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({
      method: method.toUpperCase(),
      regex: new RegExp(`^${source}/?$`),
      names,
      handler,
    });
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler);
  }

  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler);
  }

  put(pattern: string, handler: Handler): this {
    return this.add('PUT', pattern, handler);
  }

  patch(pattern: string, handler: Handler): this {
    return this.add('PATCH', pattern, handler);
  }

  /** The handler for this request, or undefined; `methodMismatch` when only the method differs. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | 'methodMismatch' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      // HEAD is answered like GET.
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? 'methodMismatch' : undefined;
  }

  /** Runs the matching handler, or returns `fallback(ctx, methodMismatch)`. */
  async handle(ctx: Ctx, fallback: (ctx: Ctx, methodMismatch: boolean) => Reply): Promise<Reply> {
    const found = this.match(ctx.method, ctx.path);
    if (found === undefined) return fallback(ctx, false);
    if (found === 'methodMismatch') return fallback(ctx, true);
    ctx.params = found.params;
    return found.handler(ctx);
  }
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Comma-separated list parameter (`fields=name,url`) → array, or undefined when absent. */
export function listParam(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
