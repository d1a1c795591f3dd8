import { describe, expect, it } from 'vitest';
import { gitHubIssueFromSelection, trelloCardFromSelection } from '../../utils/selection';

const REPORT = 'I cannot sign up\nThe form says my email is taken, but I never registered.';

describe('selection to card or issue', () => {
  it('prefills a Trello card with the first line as name, the text and the page address', () => {
    const url = new URL(trelloCardFromSelection(REPORT, 'https://help.p2pu.org/t/123'));
    expect(url.origin + url.pathname).toBe('https://trello.com/add-card');
    expect(url.searchParams.get('name')).toBe('I cannot sign up');
    expect(url.searchParams.get('desc')).toBe(`${REPORT}\n\nFrom https://help.p2pu.org/t/123`);
    expect(url.searchParams.get('url')).toBe('https://help.p2pu.org/t/123');
  });

  it('prefills a GitHub issue on the first watched repository, or says there is none', () => {
    const url = new URL(
      gitHubIssueFromSelection(REPORT, 'https://help.p2pu.org/t/123', ['p2pu/lernanta']) ?? '',
    );
    expect(url.pathname).toBe('/p2pu/lernanta/issues/new');
    expect(url.searchParams.get('title')).toBe('I cannot sign up');
    expect(url.searchParams.get('body')).toContain('From https://help.p2pu.org/t/123');
    expect(gitHubIssueFromSelection(REPORT, undefined, [])).toBeUndefined();
  });

  it('never links back to a non-web page, and keeps long text within a URL', () => {
    const url = new URL(trelloCardFromSelection('x'.repeat(10_000), 'javascript:alert(1)'));
    expect(url.searchParams.get('url')).toBeNull();
    expect(url.searchParams.get('desc')).not.toContain('javascript:');
    expect(url.searchParams.get('desc')?.length).toBeLessThan(4200);
    expect(url.searchParams.get('name')?.length).toBe(100);
  });
});
