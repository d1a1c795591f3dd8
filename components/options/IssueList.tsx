/** Settings issues, each by its dotted field name. */
import type { SettingsIssue } from '../../utils/process/settings';

export function IssueList({ issues }: { issues: readonly SettingsIssue[] }) {
  return (
    <ul>
      {issues.map((issue) => (
        <li key={issue.field}>
          <code>{issue.field}</code>: {issue.message}
        </li>
      ))}
    </ul>
  );
}
