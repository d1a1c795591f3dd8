/** Logging that never carries a secret: Authorization headers and token/key params are redacted. */

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)[^"',}\n]+/gi, '$1[redacted]'],
  [/(oauth_token=")[^"]*/gi, '$1[redacted]'],
  [/([?&](?:token|key|access_token)=)[^&#\s"]+/gi, '$1[redacted]'],
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '[redacted]'],
];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    text,
  );
}

export function logWarning(message: string, details?: Record<string, unknown>): void {
  const suffix = details ? ` ${redact(safeJson(details))}` : '';
  console.warn(`[Process Lens] ${redact(message)}${suffix}`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable]';
  }
}
