import { browser } from 'wxt/browser';

/** The toolbar popup. The status summary and the call agenda arrive with their own issue. */
export function Popup() {
  return (
    <main className="popup">
      <h1>Process Lens</h1>
      <p>
        Open a project board on trello.com: Process Lens checks it against the team's process and
        shows what is missing right on the board.
      </p>
      <p>Private boards, GitHub and one-click fixes need a connection.</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Open the options
      </button>
    </main>
  );
}
