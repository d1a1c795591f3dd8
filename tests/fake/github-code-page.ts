// A repository's code page (github.com/owner/repo): a file list and a README, nothing Process Lens
// shows anything on. The benchmarks load it to measure the GitHub content script's fixed cost.

import { escapeHtml as e } from './http.ts';
import type { GhRepo } from './state.ts';

const FOLDERS = ['.github', 'apps', 'docs', 'locale', 'media', 'scripts', 'templates', 'tests'];
const FILES = ['.gitignore', 'LICENSE', 'Makefile', 'README.md', 'manage.py', 'requirements.txt'];

/** `/owner/repo`, `/owner/repo/tree/…` or `/owner/repo/blob/…`: the repository, else undefined. */
export function codePagePath(path: string): { owner: string; name: string } | undefined {
  const m = /^\/([^/]+)\/([^/]+)(?:\/(?:tree|blob)\/.*)?\/?$/.exec(path);
  return m ? { owner: m[1] ?? '', name: m[2] ?? '' } : undefined;
}

export function codeView(repo: GhRepo): { title: string; main: string } {
  const full = `${repo.owner}/${repo.name}`;
  const names = [...FOLDERS, ...Object.keys(repo.files ?? {}), ...FILES];
  const rows = names.map(
    (name, i) =>
      `<tr class="react-directory-row"><td><a class="Link--primary" href="/${e(full)}/${FOLDERS.includes(name) ? 'tree' : 'blob'}/${e(repo.default_branch)}/${e(name)}">${e(name)}</a></td>
<td class="fgColor-muted">Commit message ${i + 1}</td><td><relative-time datetime="2025-01-0${(i % 9) + 1}">Jan ${(i % 9) + 1}</relative-time></td></tr>`,
  );
  const para = `${e(repo.name)} is a learning platform: courses, groups, badges and a dashboard for organisers.`;
  const readme = Array.from({ length: 12 }, (_, i) =>
    i % 4 === 0 ? `<h2>Section ${i / 4 + 1}</h2>` : `<p>${para}</p>`,
  ).join('\n');
  return {
    title: `GitHub - ${full}`,
    main: `<div class="PageHeader" data-testid="repository-container-header"><h1 class="f1-light"><a href="/${e(full)}">${e(full)}</a></h1>
<nav aria-label="Repository"><a href="/${e(full)}" aria-current="page">Code</a> <a href="/${e(full)}/issues">Issues</a> <a href="/${e(full)}/pulls">Pull requests</a></nav></div>
<div class="Layout"><div class="Layout-main"><table aria-labelledby="folders-and-files"><tbody>${rows.join('\n')}</tbody></table>
<article class="markdown-body entry-content" itemprop="text">${readme}</article></div>
<div class="Layout-sidebar"><h2>About</h2><p>${para}</p></div></div>`,
  };
}
