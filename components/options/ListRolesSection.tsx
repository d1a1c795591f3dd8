/**
 * The team's mapping of lists to process roles (`trello.listRoles`), per board: each list's role
 * can be changed or removed here, saved at once (docs/architecture.md, "List roles"). Mappings
 * are made on the board, from the missing-lists hint ("Keep the name", "Which list is your …?").
 */
import { useState } from 'react';
import type { ListRole } from '../../utils/process/list-roles';
import { PROCESS_LISTS } from '../../utils/process/settings';
import { useSettingsStore } from '../../utils/settings-store';
import { IssueList } from './IssueList';

export function ListRolesSection() {
  const { settings, setListRole } = useSettingsStore();
  const [status, setStatus] = useState('');
  const [issues, setIssues] = useState<Awaited<ReturnType<typeof setListRole>>>([]);
  const boards = Object.entries(settings?.trello.listRoles ?? {});

  async function change(board: string, list: string, name: string, role: ListRole | undefined) {
    const found = await setListRole(board, list, role);
    setIssues(found);
    if (found.length === 0)
      setStatus(
        role ? `Saved: “${name}” is your “${role}” list.` : `Removed the role of “${name}”.`,
      );
  }

  return (
    <fieldset data-list-roles="">
      <legend>List roles</legend>
      <p>
        Which of your boards’ lists fills each process list, when its name is not the process name.
        Saved from a board’s missing-lists hint (“Keep the name”, “Which list is your …?”); changes
        here are saved at once.
      </p>
      {boards.length === 0 && <p>No list mapped yet.</p>}
      {boards.map(([board, lists]) => (
        <table key={board} data-board={board}>
          <caption>
            Board <code>{board}</code>
          </caption>
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(lists).map(([list, entry]) => {
              const name = entry.name ?? list;
              return (
                <tr key={list} data-list-role={list}>
                  <td>{name}</td>
                  <td>
                    <select
                      aria-label={`Role of “${name}”`}
                      value={entry.role}
                      onChange={(event) =>
                        void change(board, list, name, event.currentTarget.value as ListRole)
                      }
                    >
                      {PROCESS_LISTS.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove the role of “${name}”`}
                      onClick={() => void change(board, list, name, undefined)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
      <span role="status" aria-live="polite">
        {status}
      </span>
      {issues.length > 0 && (
        <div role="alert">
          Not saved:
          <IssueList issues={issues} />
        </div>
      )}
    </fieldset>
  );
}
