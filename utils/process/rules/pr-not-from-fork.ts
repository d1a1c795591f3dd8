import { PROCESS_SENTENCES } from '../sentences';
import { headerFinding } from './finding-parts';
import type { PullRule, RuleDocs } from './types';

/** Work in your fork: the head branch should not live in the org repository. */
export const prNotFromFork: PullRule = {
  id: 'pr.not-from-fork',
  shows: ['pull-request'],
  summaryLabel: 'PRs not from a fork',
  sentence: PROCESS_SENTENCES.fork,
  evaluate({ pull }) {
    const headRepo = pull.head.repo;
    // No head repository: the fork was deleted, nothing to say.
    if (!headRepo || headRepo.fullName.toLowerCase() !== pull.base.repo.fullName.toLowerCase())
      return [];
    return [
      headerFinding(prNotFromFork, pull, {
        severity: 'warn',
        title: 'Branch in the main repository, not a fork',
        message: `The branch “${pull.head.ref}” lives in ${pull.base.repo.fullName} itself.`,
        advice:
          'Fork the project into your personal account, push the branch there and open the pull request from the fork.',
      }),
    ];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: 'the head branch lives in the org repository, not a personal fork',
};
