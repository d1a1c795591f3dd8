/** Every call that can fail for a reason the user must see returns a Result, never throws. */

export type ErrorCode =
  | 'not-connected' // no token configured
  | 'unauthorized' // 401: token rejected / not signed in
  | 'forbidden' // 403
  | 'not-found' // 404: unknown, or no access
  | 'rate-limited' // 429 or GitHub's rate limit
  | 'server' // 5xx
  | 'malformed' // an answer we could not read
  | 'network' // offline, DNS, connection reset
  | 'timeout'
  | 'invalid-message' // a message that failed validation
  | 'forbidden-sender' // a message from a context that may not send it
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** A sentence for the user: what failed. No secrets. */
  message: string;
  status?: number;
  /** Epoch ms when a retry makes sense (rate limits). */
  retryAt?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  extra: Partial<AppError> = {},
): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});
