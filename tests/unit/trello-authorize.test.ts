import { describe, expect, it } from 'vitest';
import { tokenFromRedirect, trelloAuthorizeUrl } from '../../utils/trello/authorize';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

describe('Connect Trello', () => {
  it('asks for read and write, 30 days, the token in the fragment, back to our redirect address', () => {
    const url = new URL(trelloAuthorizeUrl('the-key', REDIRECT));
    expect(url.origin + url.pathname).toBe('https://trello.com/1/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      scope: 'read,write',
      expiration: '30days',
      response_type: 'token',
      callback_method: 'fragment',
      return_url: REDIRECT,
      name: 'Process Lens',
    });
    expect(url.searchParams.get('scope')).not.toContain('account');
  });

  it('takes the token only from our exact redirect address', () => {
    expect(tokenFromRedirect(`${REDIRECT}#token=0123456789abcdef0123456789abcdef`, REDIRECT)).toBe(
      '0123456789abcdef0123456789abcdef',
    );
    expect(
      tokenFromRedirect('https://evil.example/#token=0123456789abcdef0123456789abcdef', REDIRECT),
    ).toBeUndefined();
    expect(
      tokenFromRedirect(`${REDIRECT}other#token=0123456789abcdef0123456789abcdef`, REDIRECT),
    ).toBeUndefined();
    expect(tokenFromRedirect(`${REDIRECT}#error=denied`, REDIRECT)).toBeUndefined();
    expect(tokenFromRedirect(`${REDIRECT}#token=<script>`, REDIRECT)).toBeUndefined();
    expect(tokenFromRedirect(undefined, REDIRECT)).toBeUndefined();
  });
});
