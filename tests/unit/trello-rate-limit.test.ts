import { describe, expect, it, vi } from 'vitest';
import { createTrelloClient } from '../../utils/trello/client';
import {
  createRateLimiter,
  MAX_REQUESTS_PER_WINDOW,
  pauseAfter429,
  WINDOW_MS,
} from '../../utils/trello/rate-limit';

const S = 1000;

describe('the back-off after a 429', () => {
  it('waits 10 s, then 20 s, then 40 s for every further 429 in a row, plus at most 1 s of jitter', () => {
    let pause = pauseAfter429(undefined, 0, 0);
    const waits = [pause.until];
    for (let i = 0; i < 4; i++) {
      pause = pauseAfter429(pause, 0, 0);
      waits.push(pause.until);
    }
    expect(waits).toEqual([10 * S, 20 * S, 40 * S, 40 * S, 40 * S]);
    expect(pauseAfter429(undefined, 0, 0.999).until).toBe(10 * S + 999);
  });
});

function fakeTrello(statuses: number[]) {
  const fetchImpl = vi.fn(async () => {
    const status = statuses.shift() ?? 200;
    return new Response(status === 200 ? '{"username":"demo","id":"m1"}' : '{}', { status });
  });
  let clock = 0;
  const limiter = createRateLimiter({
    now: () => clock,
    random: () => 0,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  const client = createTrelloClient({ apiKey: 'k', token: 't' }, fetchImpl, limiter);
  return {
    client,
    fetchImpl,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('Trello requests under the limiter', () => {
  it('sends nothing while paused after a 429, says until when, and backs off on the next 429', async () => {
    const { client, fetchImpl, advance } = fakeTrello([429, 429, 200, 429]);
    const first = await client.me();
    expect(first).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAt: 10 * S } });
    // Ten attempts during the pause: not one reaches Trello.
    for (let i = 0; i < 10; i++) {
      advance(900);
      expect(await client.me()).toMatchObject({ ok: false, error: { retryAt: 10 * S } });
    }
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    advance(1000); // 10 s: the pause is over
    expect(await client.me()).toMatchObject({ error: { retryAt: 10 * S + 20 * S } });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    advance(20 * S);
    expect(await client.me()).toMatchObject({ ok: true });
    expect(fetchImpl).toHaveBeenCalledTimes(3);
    // A success ends the back-off: the next 429 waits 10 s again.
    expect(await client.me()).toMatchObject({ error: { retryAt: 30 * S + 10 * S } });
  });

  it(`sends at most ${MAX_REQUESTS_PER_WINDOW} requests in any 10 s window, waiting for a free slot`, async () => {
    const sentAt: number[] = [];
    let clock = 0;
    const limiter = createRateLimiter({
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const counted = createTrelloClient(
      { apiKey: 'k', token: 't' },
      async () => {
        sentAt.push(clock);
        return new Response('{"username":"demo","id":"m1"}', { status: 200 });
      },
      limiter,
    );
    for (let i = 0; i < 200; i++) {
      expect(await counted.me()).toMatchObject({ ok: true });
      clock += 10; // 100 requests a second if nothing held them back
    }
    for (const at of sentAt) {
      const inWindow = sentAt.filter((t) => t > at - WINDOW_MS && t <= at).length;
      expect(inWindow).toBeLessThanOrEqual(MAX_REQUESTS_PER_WINDOW);
    }
    expect(sentAt).toHaveLength(200);
  });
});

describe('requests in flight together', () => {
  it('a late success of a request sent before the 429 does not end the pause; two 429s of one burst are one strike', async () => {
    let clock = 0;
    const limiter = createRateLimiter({ now: () => clock, random: () => 0 });
    const [a, b, c] = await Promise.all([
      limiter.acquire('Trello'),
      limiter.acquire('Trello'),
      limiter.acquire('Trello'),
    ]);
    clock = 500;
    const pause = await limiter.settle(429, a?.ok ? a.value : -1);
    expect(pause?.until).toBe(500 + 10 * S);
    expect(await limiter.settle(429, b?.ok ? b.value : -1)).toEqual(pause);
    await limiter.settle(200, c?.ok ? c.value : -1);
    expect(await limiter.acquire('Trello')).toMatchObject({
      ok: false,
      error: { retryAt: 500 + 10 * S },
    });
  });
});
