import { PROCESS_SENTENCES } from '../sentences';
import { headerFinding } from './finding-parts';
import type { PullRule, RuleDocs } from './types';

/** A pull request from a feature branch, not from the fork's default branch. */
export const prDefaultBranch: PullRule = {
  id: 'pr.default-branch',
  shows: ['pull-request'],
  summaryLabel: 'PRs from a default branch',
  sentence: PROCESS_SENTENCES.featureBranch,
  evaluate({ pull }) {
    const headRepo = pull.head.repo;
    // No head repository: the fork was deleted, nothing to say.
    if (!headRepo || pull.head.ref !== headRepo.defaultBranch) return [];
    return [
      headerFinding(prDefaultBranch, pull, {
        severity: 'warn',
        title: `From the default branch “${pull.head.ref}”`,
        message: `This pull request comes from ${headRepo.fullName}’s default branch, not from a feature branch.`,
        advice: 'Create a branch per feature in your fork, and open pull requests from it.',
      }),
    ];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: "the head branch is the fork's default branch, not a feature branch",
};
