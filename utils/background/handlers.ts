/**
 * The background's answer to each message type: one line each, calling the module that owns the
 * logic. The router (router.ts) has already checked the sender and the payload.
 * See docs/architecture.md, "Messages".
 */
import { createBoardViews } from './board-views';
import { testConnection } from './connection-test';
import { createCardForPull } from './create-card';
import { fixMissingLists, recordPipelineReview, renameList, saveListRole } from './fixes';
import { issueSnapshot, pullStatuses, pullWithCard, teamSettings } from './github-reads';
import { moveStatus, proposedBoard, retryMove, startIssueMove } from './issue-moves';
import { currentSettings, openOptions } from './options-page';
import { addBoardReadScript, addHintsScript } from './page-scripts';
import type { Handlers } from './router';
import type { Services } from './services';
import { refreshSummary } from './summary-refresh';
import {
  boardSnapshot,
  myBoards,
  openLists,
  pipelineBoards,
  rememberSessionBoard,
  sessionBoard,
} from './trello-reads';
import { takeBack } from './undo';

export function createHandlers(services: Services): Handlers {
  const boardViews = createBoardViews(services);
  return {
    'settings.get': () => currentSettings(),
    'page.hints': (_message, from) => addHintsScript(from),
    'page.boardRead': (_message, from) => addBoardReadScript(from),
    'options.open': (message) => openOptions(message),
    'connection.test': (message) => testConnection(services, message),
    'status.summary': () => refreshSummary(services),
    'board.prefetch': (message, from) => boardViews.prefetch(message, from),
    'board.view': (message, from) => boardViews.answer(message, from),
    'board.snapshot': (message) => boardSnapshot(services, message),
    'board.cached': (message) => sessionBoard(services, message),
    'board.remember': (message) => rememberSessionBoard(services, message),
    'board.addMissingLists': (message) => fixMissingLists(services, message),
    'pipeline.markReviewed': (message) => recordPipelineReview(services, message),
    'board.renameList': (message) => renameList(services, message),
    'board.mapList': (message) => saveListRole(services, message),
    'trello.pipelineBoards': () => pipelineBoards(services),
    'trello.boards': () => myBoards(services),
    'trello.lists': (message) => openLists(services, message),
    'github.pull': (message) => pullWithCard(services, message),
    'github.issue': (message) => issueSnapshot(services, message),
    'github.pullStatuses': (message) => pullStatuses(services, message),
    'github.teamSettings': (message) => teamSettings(services, message),
    'github.createCardForPull': (message) => createCardForPull(services, message),
    'move.defaultBoard': (message) => proposedBoard(services, message),
    'move.start': (message) => startIssueMove(services, message),
    'move.status': (message) => moveStatus(services, message),
    'move.retry': (message) => retryMove(services, message),
    'undo.take': (message) => takeBack(services, message),
  };
}
