import { describe, expect, it } from 'vitest';
import {
  getBoardShortLink,
  getCardShortLink,
  isBoard,
  isCard,
  isTrelloHome,
  normaliseBoardRef,
} from '../../utils/trello/pages';

// Every example is positive for its own detector and negative for all the others
// (the github-url-detection way: hundreds of free negative cases).
const EXAMPLES: Record<string, { detect: (url: string) => boolean; urls: string[] }> = {
  isBoard: {
    detect: isBoard,
    urls: [
      'https://trello.com/b/AbCd1234/project-board',
      'https://trello.com/b/AbCd1234',
      'https://trello.com/b/AbCd1234/',
      'https://trello.com/b/LeRnAnTa/lernanta?filter=member:me',
      'https://trello.com/b/LeRnAnTa/lernanta#hash',
    ],
  },
  isCard: {
    detect: isCard,
    urls: [
      'https://trello.com/c/AbCd1234/12-fix-login',
      'https://trello.com/c/AbCd1234',
      'https://trello.com/c/XyZw9876/1-test-img-src0-onerroralert1-test',
    ],
  },
  isTrelloHome: {
    detect: isTrelloHome,
    urls: [
      'https://trello.com/',
      'https://trello.com',
      'https://trello.com/u/someone/boards',
      'https://trello.com/w/workspace/home',
    ],
  },
};

const NOWHERE = [
  'https://trello.com/invite/b/AbCd1234/token/slug',
  'https://trello.com/b/',
  'https://trello.com/b/short/slug',
  'https://trello.com/power-ups/admin',
  'http://trello.com/b/AbCd1234/insecure',
  'https://evil.example/b/AbCd1234/board',
  'https://trello.com.evil.example/b/AbCd1234/board',
  'https://github.com/p2pu/lernanta/pull/1',
  'not a url',
];

describe('Trello page detection', () => {
  for (const [name, { detect, urls }] of Object.entries(EXAMPLES)) {
    it(`${name} matches its examples`, () => {
      for (const url of urls) expect(detect(url), url).toBe(true);
    });
    for (const [other, { urls }] of Object.entries(EXAMPLES)) {
      if (other === name) continue;
      it(`${name} rejects every ${other} example`, () => {
        for (const url of urls) expect(detect(url), url).toBe(false);
      });
    }
    it(`${name} rejects pages that are none of these`, () => {
      for (const url of NOWHERE) expect(detect(url), url).toBe(false);
    });
  }

  it('reads short links', () => {
    expect(getBoardShortLink('https://trello.com/b/AbCd1234/x')).toBe('AbCd1234');
    expect(getCardShortLink('https://trello.com/c/XyZw9876/1-x')).toBe('XyZw9876');
    expect(getBoardShortLink('https://trello.com/c/XyZw9876/1-x')).toBeUndefined();
  });

  it('normalises board references typed in settings', () => {
    expect(normaliseBoardRef('https://trello.com/b/AbCd1234/name')).toBe('AbCd1234');
    expect(normaliseBoardRef('trello.com/b/AbCd1234')).toBe('AbCd1234');
    expect(normaliseBoardRef(' AbCd1234 ')).toBe('AbCd1234');
    expect(normaliseBoardRef('https://evil.example/b/AbCd1234')).toBe(
      'https://evil.example/b/AbCd1234',
    );
  });
});
