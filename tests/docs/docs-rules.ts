/** `npm run docs:rules`: rewrites the README's rule tables from the rule registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadRuleDocs, withRuleTables } from './rule-tables';

const path = new URL('../../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withRuleTables(before, await loadRuleDocs());
if (after === before) console.log('README.md: the rule tables are up to date.');
else {
  writeFileSync(path, after);
  console.log('README.md: rule tables rewritten from the registry.');
}
