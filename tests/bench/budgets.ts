// The budgets `npm run bench` enforces (it exits non-zero when one is exceeded). Set from what was
// measured on the 2-core development machine (docs/benchmarks.md), with headroom: sizes and request
// counts are deterministic and get a little; timings are noisy and get a lot, and the browser timings
// are budgeted as extension-minus-baseline of the same run, so a slow machine slows both sides.

export const BUDGETS = {
  rules: {
    /** Median ms at 5,000 cards per row (measured 13–25, 6–17 and 1.4–2.9 ms under load). */
    ms5000: {
      'parse both answers (valibot)': 75,
      'evaluateBoard (project board + pipeline)': 50,
      'cardPulls (PR links on cards)': 15,
    } as Record<string, number>,
    /**
     * Log-log growth from 5,000 to 20,000 cards: above this is worse than linear. The linear rows
     * measure 0.9–1.35 here (caches and GC at 20,000 cards); an algorithm that is quadratic in the
     * cards measures about 2 (the stress row).
     */
    maxGrowthExponent: 1.5,
  },
  page: {
    /**
     * 5,000-card board: time to first hint over the baseline's load event, same run (measured
     * 1.5–1.9× since card hints wait for their cards to come into view; 3× before).
     */
    firstHintPerBaselineLoad: 2.5,
    /** Extra main-thread long-task time the extension adds (ms; measured 0–65, 660–860 before). */
    extraLongTaskMs: 400,
    /** Extra JS heap the extension adds after GC (MiB; measured 3.6–4.0, 17.4 before). */
    extraHeapMiB: 8,
    /** Extra script time per unrelated page mutation (ms; measured 0.02–0.06, 16 before). */
    extraScriptPerMutationMs: 1,
    /**
     * Extra task time per frame while a long list scrolls and its cards' hints are placed (ms;
     * measured 4.1–6.3 with placements batched, 8.8 on a busy machine, 22–28 with one placement
     * per card).
     */
    extraScrollTaskMs: 14,
  },
  /**
   * Bytes per bundle of .output/chrome-mv3, minified and gzip. The content scripts parse on every
   * trello.com and github.com page: 30 KB gzip each at most (issue "Light on every page"); the rest
   * measured + about 10 %.
   */
  bundles: {
    'content-scripts/trello.js': { min: 95_000, gzip: 30_000 }, // measured 83,380 / 28,593 (React: 300,228 / 92,689)
    'content-scripts/github.js': { min: 85_000, gzip: 30_000 }, // measured 74,690 / 26,099 (React: 275,388 / 86,151)
    'background.js': { min: 260_000, gzip: 67_000 }, // measured 236,340 / 60,513
  } as Record<string, { min: number; gzip: number }>,
  /**
   * Requests the extension adds per page view (all hosts), over the same view without it: exact
   * counts, so one more request is a regression (see docs/benchmarks.md for which ones).
   */
  requests: {
    'Trello board, cold': 6,
    // A second view within 30 s reuses the background's reads (board, pipeline, Trello lists).
    'Trello board, warm': 0,
    'GitHub pull request, cold': 5,
    'GitHub pull request, warm': 0,
  } as Record<string, number>,
};
