/**
 * Sentences of the written technical process that rules enforce.
 * Quoted in hints so a newcomer learns the process from the hint itself. Each rule names its
 * sentence once, in its rule definition (utils/process/rules/); findings quote it from there.
 */
export const PROCESS_SENTENCES = {
  boardLists:
    'Project Trello boards have the following lists: Unsorted, Would be nice, Need to do, Stuck, In progress, Done.',
  needsCard:
    'If you are spending time on something, there needs to be a trello card for it somewhere.',
  deadline:
    'Every project has a deadline, preferably short. If the deadline is too far in the future the project should be divided into smaller projects.',
  pipeline: 'All projects are on the "Project Pipeline" Trello board.',
  projectBoard: 'Each project has a project Trello board (linked to from the "Project Pipeline").',
  pipelineStatus:
    'It\'s not necessary to include extensive details on project cards in the "Project Pipeline", but they should reflect the status quo.',
  monthlyReview:
    'Once a month we go through the "Project Pipeline" to prioritize upcoming projects, enter new ideas and update finished projects.',
  callBlockers: 'Anything that is causing a hold up should be discussed during this call.',
  review: 'Get at least 1 other person to have a look at the pull request before merging it.',
  fork: 'When working on a project, fork the project into your personal github repository. From there you can create branches for features and send pull requests once things are done.',
  featureBranch:
    'From there you can create branches for features and send pull requests once things are done.',
  push: 'Push your changes from your local dev environment to your personal github repository at least once a day.',
  issues:
    'Issues in Github should be restricted to simple things we can implement quickly that does not need any discussion.',
} as const;
