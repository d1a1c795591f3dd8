/**
 * The styles of every hint and of the panel, adopted into each of our shadow roots as one
 * constructable stylesheet: nothing is exposed as a web-accessible file, and page CSPs that block
 * inline <style> do not apply (docs/architecture.md, "API facts"). Every colour is a `--pl-*` token
 * (theme-tokens.ts), so the hints follow the page's theme (docs/architecture.md, "Themes").
 */
import { hostTokenCss } from './theme-tokens';

export const HINT_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 6px; position: relative; max-width: calc(100% - 12px);
  font: 500 12px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; color: var(--pl-fg); color-scheme: light; }
:host([data-process-theme="dark"]) { color-scheme: dark; }
:host([data-process-panel]) { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; margin: 0; }
.hint { font: inherit; box-sizing: border-box; max-width: 100%; display: inline-flex; align-items: center; gap: 4px; padding: 2px 8px; border-radius: 12px;
  border: 1px solid var(--sev); cursor: default; white-space: nowrap; color: var(--pl-fg);
  background: linear-gradient(var(--sev-bg), var(--sev-bg)), var(--pl-surface); }
.hint .icon { color: var(--sev); font-weight: 700; }
:host([data-process-subject]) .hint { max-width: min(100%, 420px); }
:focus-visible { outline: 2px solid var(--pl-accent); outline-offset: 1px; }
.title { overflow: hidden; text-overflow: ellipsis; min-width: 4em; }
.sev-ok { --sev: var(--pl-ok); --sev-bg: var(--pl-ok-bg); }
.sev-info { --sev: var(--pl-info); --sev-bg: var(--pl-info-bg); }
.sev-warn { --sev: var(--pl-warn); --sev-bg: var(--pl-warn-bg); }
.sev-error { --sev: var(--pl-error); --sev-bg: var(--pl-error-bg); }
.tip { display: none; position: absolute; top: 100%; left: 0; border-top: 6px solid transparent; background-clip: padding-box; z-index: 2147483000; width: 320px;
  padding: 10px 12px; border-radius: 6px; background: var(--pl-surface); color: var(--pl-fg); white-space: normal;
  outline: 1px solid var(--pl-border); box-shadow: 0 8px 24px rgba(1, 4, 9, .3); font-weight: 400; }
.hint:hover ~ .tip, .hint:focus ~ .tip, .tip:hover, .tip:focus-within { display: block; }
.hint ~ .tip.dismissed { display: none; }
.undo { font: inherit; margin: 0 4px; padding: 1px 6px; border-radius: 4px; border: 1px solid var(--pl-control-border);
  background: var(--pl-surface); color: var(--pl-fg); cursor: pointer; }
.choice { margin: 0 0 6px; }
.choice button, .choice select { font: inherit; margin: 2px 4px 0 0; padding: 1px 6px; border-radius: 4px; border: 1px solid currentColor;
  background: transparent; color: inherit; cursor: pointer; }
.tip p { margin: 0 0 6px; }
.sentence { font-style: italic; color: var(--pl-fg-muted); }
.advice { font-weight: 600; }
.panel { width: 340px; max-height: 60vh; overflow: auto; background: var(--pl-surface); color: var(--pl-fg); border-radius: 8px; border: 1px solid var(--pl-border);
  box-shadow: 0 8px 24px rgba(1, 4, 9, .3); font: 400 13px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; }
.panel header { display: flex; justify-content: space-between; align-items: center; padding: 8px 12px;
  font-weight: 600; border-bottom: 1px solid var(--pl-border); }
.panel button { font: inherit; border: 0; background: none; color: inherit; cursor: pointer; padding: 2px 6px; border-radius: 4px; }
.panel header button { border: 1px solid var(--pl-control-border); }
.panel ul { list-style: none; margin: 0; padding: 4px 0; }
.panel li { padding: 8px 12px; border-bottom: 1px solid var(--pl-border); }
.panel li:last-child { border-bottom: 0; }
.panel li p { margin: 4px 0 0; }
.panel li .tip { display: none; }
a, button.link { color: var(--pl-fg); text-decoration: underline var(--pl-accent) 2px; text-underline-offset: 2px; }
.more { color: var(--pl-fg-muted); }
.actionable { cursor: pointer; }
.fix { margin-left: 4px; padding-left: 6px; border-left: 1px solid currentColor; font-weight: 600;
  overflow: hidden; text-overflow: ellipsis; flex-shrink: 0; max-width: 60%; }
.hint[disabled] { opacity: .75; cursor: progress; }
.failed::before { content: '✕ ' / ''; color: var(--pl-error); font-weight: 700; }
.asof { color: var(--pl-fg-muted); font-size: 11px; }
.move-dialog { width: min(520px, 92vw); border: 1px solid var(--pl-border); border-radius: 10px; padding: 20px 24px; background: var(--pl-surface); color: var(--pl-fg);
  box-shadow: 0 12px 32px rgba(1, 4, 9, .35); font: 400 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; white-space: normal; }
.move-dialog::backdrop { background: rgba(1, 4, 9, .5); }
.move-dialog h2 { font-size: 18px; margin: 0 0 12px; }
.move-dialog label { display: flex; flex-direction: column; gap: 4px; margin: 0 0 12px; font-weight: 600; }
.move-dialog label.check { flex-direction: row; align-items: center; gap: 8px; font-weight: 400; }
.move-dialog select, .move-dialog input:not([type]), .move-dialog input[name="linkCard"] { font: inherit; font-weight: 400; padding: 6px 8px;
  border: 1px solid var(--pl-control-border); border-radius: 4px; background: var(--pl-surface); color: var(--pl-fg); }
.move-dialog input[type="checkbox"] { accent-color: var(--pl-primary-bg); }
.move-dialog .preview { background: var(--pl-surface-muted); border: 1px solid var(--pl-border); border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
.move-dialog .preview p { margin: 4px 0 0; color: var(--pl-fg-muted); overflow-wrap: anywhere; }
.move-dialog .preview pre { margin: 6px 0 0; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap;
  overflow-wrap: anywhere; max-height: 16em; overflow: auto; color: var(--pl-fg); }
.move-dialog .buttons { display: flex; gap: 8px; justify-content: flex-end; }
.move-dialog button:not(.link), .move-dialog a.button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid var(--pl-control-border);
  background: var(--pl-surface); color: var(--pl-fg); cursor: pointer; text-decoration: none; }
.move-dialog button.primary, .move-dialog a.button.primary { background: var(--pl-primary-bg); border-color: var(--pl-primary-bg); color: var(--pl-on-primary); }
.move-dialog button[disabled] { opacity: .6; cursor: default; }
.move-dialog ol { list-style: none; padding: 0; margin: 0 0 12px; }
.move-dialog li[data-state="failed"] > span { color: var(--pl-error); }
.move-dialog li[data-state="pending"] { color: var(--pl-fg-muted); }
button.link { border: 0; background: none; padding: 0; cursor: pointer; font: inherit; }
`;

let sheet: CSSStyleSheet | undefined;

export function hintStyleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${hostTokenCss()}\n${HINT_CSS}`);
  }
  return sheet;
}
