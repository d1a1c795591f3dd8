import { describe, expect, it } from 'vitest';
import { eachCardGitHubLinks, findCardLinking, gitHubLinksIn } from '../../utils/process/links';
import { cardPulls } from '../../utils/process/rules/card-pull';
import { board, card, list } from '../fixtures/boards';

const PR = 'https://github.com/p2pu/lernanta/pull/42';

function lernanta() {
  const lists = ['Unsorted', 'Need to do', 'In progress', 'Done'].map((name) => list(name));
  const [unsorted, needToDo] = lists as [ReturnType<typeof list>, ReturnType<typeof list>];
  return { lists, unsorted, needToDo };
}

describe('finding the card that links a GitHub issue or pull request', () => {
  it('looks at every open card, whatever its list, and at any tab of the PR page', () => {
    const { lists, needToDo } = lernanta();
    const other = card('Other', needToDo.id, { attachments: [{ url: `${PR}0` }] });
    const linked = card('Fix typo', needToDo.id, { attachments: [{ url: `${PR}/files` }] });
    expect(findCardLinking(board(lists, [other, linked]), PR)?.shortLink).toBe(linked.shortLink);
  });

  it('reads description links and attachments seen only in the board actions', () => {
    const { lists, unsorted } = lernanta();
    const described = card('Described', unsorted.id, { desc: `PR: ${PR}#issuecomment-1.` });
    expect(findCardLinking(board(lists, [described]), PR)?.shortLink).toBe(described.shortLink);
    const attached = card('Attached later', unsorted.id);
    const snapshot = board(lists, [attached], {
      events: [{ kind: 'attach', card: attached.id, url: `${PR}/commits`, at: 0 }],
    });
    expect(findCardLinking(snapshot, PR)?.shortLink).toBe(attached.shortLink);
  });

  it('matches owner and repository without case, issues and PRs by their shared number', () => {
    const { lists, unsorted } = lernanta();
    const c = card('Issue card', unsorted.id, {
      attachments: [{ url: 'https://github.com/P2PU/Lernanta/issues/42' }],
    });
    expect(findCardLinking(board(lists, [c]), PR)?.shortLink).toBe(c.shortLink);
  });

  it('ignores archived cards, other repositories, other numbers and other hosts', () => {
    const { lists, unsorted } = lernanta();
    const cards = [
      card('Archived', unsorted.id, { closed: true, attachments: [{ url: PR }] }),
      card('Other repo', unsorted.id, { desc: 'https://github.com/p2pu/mooc/pull/42' }),
      card('Other number', unsorted.id, { desc: 'https://github.com/p2pu/lernanta/pull/421' }),
      card('Other host', unsorted.id, { desc: 'https://evil.example/p2pu/lernanta/pull/42' }),
    ];
    expect(findCardLinking(board(lists, cards), PR)).toBeUndefined();
    expect(findCardLinking(board(lists, cards), 'not a GitHub URL')).toBeUndefined();
  });
});

describe('GitHub links of a board', () => {
  it('tells issues from pull requests', () => {
    expect(
      gitHubLinksIn([
        'https://github.com/p2pu/lernanta/issues/7 and https://github.com/p2pu/lernanta/pull/8/files',
      ]),
    ).toEqual([
      { owner: 'p2pu', repo: 'lernanta', number: 7, kind: 'issue' },
      { owner: 'p2pu', repo: 'lernanta', number: 8, kind: 'pull' },
    ]);
  });

  it('gives each open card’s first linked pull request, skipping issue links', () => {
    const { lists, unsorted } = lernanta();
    const c = card('Both', unsorted.id, {
      desc: 'https://github.com/p2pu/lernanta/issues/7',
      attachments: [{ url: `${PR}/files` }],
    });
    expect([...eachCardGitHubLinks(board(lists, [c]))][0]?.links).toHaveLength(2);
    expect(cardPulls(board(lists, [c]))).toEqual([
      { card: c.shortLink, pull: { owner: 'p2pu', repo: 'lernanta', number: 42 } },
    ]);
  });
});
