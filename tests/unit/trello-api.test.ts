import { describe, expect, it, vi } from 'vitest';
import { redact } from '../../utils/log';
import { createTrelloClient } from '../../utils/trello/client';
import { readBoardWithSession } from '../../utils/trello/session-read';

const BOARD = {
  id: '5f0000000000000000000001',
  name: 'Lernanta',
  shortLink: 'LeRnAnTa',
  url: 'https://trello.com/b/LeRnAnTa/lernanta',
  lists: [{ id: 'l1', name: 'Done', pos: 1, closed: false }],
  cards: [{ id: 'c1', name: 'Card', idList: 'l1', shortLink: 'CaRdCaRd', dateLastActivity: null }],
};

const respond = (status: number, body: unknown, raw = false) =>
  vi.fn(async (url: string) =>
    // The snapshot's second request (actions) answers an empty list unless the test breaks it.
    url.includes('/actions?') && status === 200 && !raw
      ? new Response('[]', { status: 200 })
      : new Response(raw ? (body as string) : JSON.stringify(body), { status }),
  );

describe('Trello session read path', () => {
  it('asks for the one nested board request, same-origin, with narrow fields', async () => {
    const fetchImpl = respond(200, BOARD);
    const result = await readBoardWithSession('LeRnAnTa', {}, fetchImpl, () => 42);
    expect(result).toMatchObject({
      ok: true,
      value: { shortLink: 'LeRnAnTa', fetchedAt: 42, source: 'session' },
    });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url.startsWith('/1/boards/LeRnAnTa?')).toBe(true);
    const query = new URLSearchParams(url.split('?')[1]);
    expect(query.get('lists')).toBe('open');
    expect(query.get('cards')).toBe('open');
    expect(query.get('card_fields')).toContain('dateLastActivity');
    expect(init.credentials).toBe('same-origin');
  });

  it('defaults missing optional fields (null dateLastActivity, no labels)', async () => {
    const result = await readBoardWithSession('LeRnAnTa', {}, respond(200, BOARD));
    expect(result.ok && result.value.cards[0]).toMatchObject({
      labels: [],
      desc: '',
      dateLastActivity: null,
    });
  });

  it('leaves out the open cards of archived lists (Trello returns them with cards=open)', async () => {
    const withArchivedList = {
      ...BOARD,
      cards: [
        ...BOARD.cards,
        { id: 'c2', name: 'In an archived list', idList: 'gone', shortLink: 'GoNeGoNe' },
      ],
    };
    const result = await readBoardWithSession('LeRnAnTa', {}, respond(200, withArchivedList));
    expect(result.ok && result.value.cards.map((c) => c.name)).toEqual(['Card']);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ])('maps HTTP %i to %s with a sentence for the user', async (status, code) => {
    const result = await readBoardWithSession('LeRnAnTa', {}, respond(status, 'nope', true));
    expect(result).toMatchObject({ ok: false, error: { code, status } });
    expect(result.ok || result.error.message).toMatch(/Trello/);
  });

  it('reports malformed JSON and JSON of the wrong shape', async () => {
    expect(await readBoardWithSession('LeRnAnTa', {}, respond(200, '{"id": ', true))).toMatchObject(
      {
        ok: false,
        error: { code: 'malformed', message: 'Trello sent an answer that is not valid JSON.' },
      },
    );
    expect(
      await readBoardWithSession('LeRnAnTa', {}, respond(200, { ...BOARD, lists: 'nope' })),
    ).toMatchObject({
      ok: false,
      error: { code: 'malformed', message: expect.stringContaining('(lists)') },
    });
  });

  it('checks a big board’s cards a slice per turn, and names a bad card by its place', async () => {
    const cards = Array.from({ length: 1_600 }, (_, i) => ({
      ...(BOARD.cards[0] as object),
      id: `c${i}`,
      shortLink: `Card${String(i).padStart(4, '0')}`,
    }));
    const turns = vi.fn(async () => {});
    vi.stubGlobal('scheduler', { yield: turns });
    try {
      const read = await readBoardWithSession('LeRnAnTa', {}, respond(200, { ...BOARD, cards }));
      expect(read.ok && read.value.cards.length).toBe(1_600);
      expect(turns).toHaveBeenCalledTimes(3); // 4 slices of 500
      const broken = cards.map((card, i) => (i === 1_234 ? { ...card, name: 7 } : card));
      expect(
        await readBoardWithSession('LeRnAnTa', {}, respond(200, { ...BOARD, cards: broken })),
      ).toMatchObject({
        ok: false,
        error: {
          code: 'malformed',
          message: 'Trello sent an answer Process Lens cannot read (cards.1234.name).',
        },
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reports the network being down and timeouts', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await readBoardWithSession('LeRnAnTa', {}, down)).toMatchObject({
      ok: false,
      error: { code: 'network' },
    });
    const slow = vi.fn(async () => {
      throw new DOMException('The operation timed out.', 'TimeoutError');
    });
    expect(await readBoardWithSession('LeRnAnTa', {}, slow)).toMatchObject({
      ok: false,
      error: { code: 'timeout' },
    });
  });
});

describe('Trello token client', () => {
  it('sends key and token in the Authorization header, never in the URL', async () => {
    const fetchImpl = respond(200, BOARD);
    const client = createTrelloClient({ apiKey: 'the-key', token: 'the-secret-token' }, fetchImpl);
    expect((await client.boardSnapshot('LeRnAnTa')).ok).toBe(true);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url.startsWith('https://api.trello.com/1/boards/LeRnAnTa?')).toBe(true);
    expect(url).not.toContain('the-secret-token');
    expect(url).not.toContain('the-key');
    expect((init.headers as Record<string, string>).Authorization).toBe(
      'OAuth oauth_consumer_key="the-key", oauth_token="the-secret-token"',
    );
    expect(init.credentials).toBe('omit');
  });

  it('says "not connected" without calling Trello when key or token is missing', async () => {
    const fetchImpl = respond(200, BOARD);
    const result = await createTrelloClient({ apiKey: 'k', token: '' }, fetchImpl).me();
    expect(result).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('reads who the token belongs to', async () => {
    const client = createTrelloClient(
      { apiKey: 'k', token: 't' },
      respond(200, { id: 'm', username: 'demo', fullName: 'Demo' }),
    );
    expect(await client.me()).toEqual({
      ok: true,
      value: { id: 'm', username: 'demo', fullName: 'Demo' },
    });
  });
});

describe('redaction', () => {
  it('removes tokens from anything logged', () => {
    const text = redact(
      'GET https://api.trello.com/1/x?key=abc&token=def Authorization: OAuth oauth_consumer_key="k", oauth_token="sekrit" ghp_abcdefghijklmnopqrstuvwxyz123456',
    );
    expect(text).not.toMatch(/def|sekrit|ghp_abcdefghij/);
  });
});
