import { describe, expect, it } from 'vitest';
import { gitHubAnchors, signedInUser } from '../../utils/github/anchors';
import { isIssue, isPull, isPullList, parseGitHubPage } from '../../utils/github/pages';
import type { Finding } from '../../utils/process/findings';

const EXAMPLES: Record<string, { detect: (url: string) => boolean; urls: string[] }> = {
  isPull: {
    detect: isPull,
    urls: [
      'https://github.com/p2pu/lernanta/pull/41',
      'https://github.com/p2pu/lernanta/pull/41/',
      'https://github.com/p2pu/lernanta/pull/41/files',
      'https://github.com/p2pu/lernanta/pull/41/commits',
      'https://github.com/p2pu/lernanta/pull/41/checks?check_run_id=1',
      'https://github.com/p2pu/lernanta/pull/41#issuecomment-1',
      'https://github.com/some-org/repo.name_x/pull/7',
    ],
  },
  isIssue: {
    detect: isIssue,
    urls: [
      'https://github.com/p2pu/lernanta/issues/43',
      'https://github.com/p2pu/lernanta/issues/43#top',
      'https://github.com/p2pu/lernanta/issues/43/',
    ],
  },
  isPullList: {
    detect: isPullList,
    urls: [
      'https://github.com/p2pu/lernanta/pulls',
      'https://github.com/p2pu/lernanta/pulls?q=is%3Aopen',
      'https://github.com/p2pu/lernanta/pulls/',
    ],
  },
};

const NOWHERE = [
  'https://github.com/',
  'https://github.com/p2pu',
  'https://github.com/p2pu/lernanta',
  'https://github.com/p2pu/lernanta/issues',
  'https://github.com/p2pu/lernanta/pulls/alice',
  'https://github.com/p2pu/lernanta/pull/new/feature',
  'https://github.com/p2pu/lernanta/issues/new',
  'https://github.com/pulls',
  'https://github.com/issues',
  'https://github.com/settings/issues/1',
  'https://github.com/orgs/p2pu/pull/1',
  'https://github.com/p2pu/../pull/1',
  'http://github.com/p2pu/lernanta/pull/41',
  'https://gist.github.com/p2pu/lernanta/pull/41',
  'https://github.com.evil.example/p2pu/lernanta/pull/41',
  'https://trello.com/b/AbCd1234/x',
  'not a url',
];

describe('GitHub page detection', () => {
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

  it('reads owner, repository and number', () => {
    expect(parseGitHubPage('https://github.com/p2pu/lernanta/pull/41/files')).toEqual({
      kind: 'pull',
      owner: 'p2pu',
      repo: 'lernanta',
      number: 41,
    });
  });
});

function page(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const finding = (anchor: Finding['anchor']): Finding => ({
  rule: 'pr.reviews',
  severity: 'ok',
  subject: 'p2pu/lernanta#41',
  anchor,
  title: '',
  message: '',
});

describe('GitHub anchors', () => {
  it('prefer the React header actions, and fall back to the legacy header', () => {
    const react = page(
      '<div data-component="PH_Actions" id="new"></div><div class="gh-header-actions" id="old"></div>',
    );
    expect(gitHubAnchors('p2pu', 'lernanta', react)(finding({ kind: 'header' }))?.element.id).toBe(
      'new',
    );
    const legacy = page('<div class="gh-header-actions" id="old"></div>');
    expect(gitHubAnchors('p2pu', 'lernanta', legacy)(finding({ kind: 'header' }))?.element.id).toBe(
      'old',
    );
    expect(
      gitHubAnchors('p2pu', 'lernanta', page('<main></main>'))(finding({ kind: 'header' })),
    ).toBeNull();
  });

  it('place the merge-box hint right after the Reviews section', () => {
    const doc = page(
      '<div data-testid="mergebox-partial"><section aria-label="Reviews" id="r"></section></div>',
    );
    expect(gitHubAnchors('p2pu', 'lernanta', doc)(finding({ kind: 'merge-box' }))).toMatchObject({
      element: { id: 'r' },
      position: 'after',
    });
  });

  it('find a PR list row by its link, only in this repository', () => {
    const doc = page(`<ul>
      <li><a href="/p2pu/lernanta/pull/41">A</a><span class="ReviewDecision-module__reviewDecisionContent__x" id="d41">Approved</span></li>
      <li><a href="/other/repo/pull/42" id="l42">B</a></li></ul>`);
    const resolve = gitHubAnchors('p2pu', 'lernanta', doc);
    expect(resolve(finding({ kind: 'pr-row', number: 41 }))?.element.id).toBe('d41');
    expect(resolve(finding({ kind: 'pr-row', number: 42 }))).toBeNull();
  });

  it('read the signed-in user only when it looks like a login', () => {
    expect(signedInUser(page('<meta name="user-login" content="demo-dev">'))).toBe('demo-dev');
    expect(signedInUser(page('<meta name="user-login" content="<img>">'))).toBeUndefined();
    expect(signedInUser(page(''))).toBeUndefined();
  });
});
