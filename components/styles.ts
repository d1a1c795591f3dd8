/**
 * The styles of every hint and of the panel, adopted into each of our shadow roots as one
 * constructable stylesheet: nothing is exposed as a web-accessible file, and page CSPs that block
 * inline <style> do not apply (docs/architecture.md, "API facts").
 */
export const HINT_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 6px; position: relative; max-width: calc(100% - 12px);
  font: 500 12px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; }
:host([data-process-panel]) { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; margin: 0; }
.hint { font: inherit; box-sizing: border-box; max-width: 100%; display: inline-flex; align-items: center; gap: 4px; padding: 2px 8px; border-radius: 12px;
  border: 1px solid transparent; cursor: default; white-space: nowrap; }
:host([data-process-subject]) .hint { max-width: min(100%, 420px); }
.hint:focus-visible { outline: 2px solid #0c66e4; outline-offset: 1px; }
.title { overflow: hidden; text-overflow: ellipsis; min-width: 4em; }
.sev-ok { background: #dcfff1; color: #164b35; border-color: #4bce97; }
.sev-info { background: #e9f2ff; color: #09326c; border-color: #579dff; }
.sev-warn { background: #fff7d6; color: #533f04; border-color: #e2b203; }
.sev-error { background: #ffeceb; color: #5d1f1a; border-color: #f87168; }
.tip { display: none; position: absolute; top: 100%; left: 0; border-top: 6px solid transparent; background-clip: padding-box; z-index: 2147483000; width: 320px;
  padding: 10px 12px; border-radius: 6px; background: #fff; color: #172b4d; white-space: normal;
  box-shadow: 0 8px 24px rgba(9, 30, 66, .25); font-weight: 400; }
.hint:hover + .tip, .hint:focus + .tip, .tip:hover, .tip:focus-within { display: block; }
.choice { margin: 0 0 6px; }
.choice button, .choice select { font: inherit; margin: 2px 4px 0 0; padding: 1px 6px; border-radius: 4px; border: 1px solid currentColor;
  background: transparent; color: inherit; cursor: pointer; }
.choice button:focus-visible, .choice select:focus-visible { outline: 2px solid #0c66e4; outline-offset: 1px; }
.tip p { margin: 0 0 6px; }
.sentence { font-style: italic; color: #44546f; }
.advice { font-weight: 600; }
.panel { width: 340px; max-height: 60vh; overflow: auto; background: #fff; color: #172b4d; border-radius: 8px;
  box-shadow: 0 8px 24px rgba(9, 30, 66, .3); font: 400 13px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; }
.panel header { display: flex; justify-content: space-between; align-items: center; padding: 8px 12px;
  font-weight: 600; border-bottom: 1px solid #dcdfe4; }
.panel button { font: inherit; border: 0; background: none; cursor: pointer; padding: 2px 6px; border-radius: 4px; }
.panel button:focus-visible { outline: 2px solid #0c66e4; }
.panel ul { list-style: none; margin: 0; padding: 4px 0; }
.panel li { padding: 8px 12px; border-bottom: 1px solid #f1f2f4; }
.panel li:last-child { border-bottom: 0; }
.panel li p { margin: 4px 0 0; }
.panel li .tip { display: none; }
.panel a { color: #0c66e4; }
.more { color: #626f86; }
.actionable { cursor: pointer; }
.fix { margin-left: 4px; padding-left: 6px; border-left: 1px solid currentColor; font-weight: 600;
  overflow: hidden; text-overflow: ellipsis; flex-shrink: 0; max-width: 60%; }
.hint[disabled] { opacity: .75; cursor: progress; }
.failed { color: #ae2e24; }
.asof { color: #626f86; font-size: 11px; }
.move-dialog { width: min(520px, 92vw); border: 0; border-radius: 10px; padding: 20px 24px; color: #172b4d;
  box-shadow: 0 12px 32px rgba(9, 30, 66, .35); font: 400 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; white-space: normal; }
.move-dialog::backdrop { background: rgba(9, 30, 66, .45); }
.move-dialog h2 { font-size: 18px; margin: 0 0 12px; }
.move-dialog label { display: flex; flex-direction: column; gap: 4px; margin: 0 0 12px; font-weight: 600; }
.move-dialog label.check { flex-direction: row; align-items: center; gap: 8px; font-weight: 400; }
.move-dialog select, .move-dialog input:not([type]), .move-dialog input[name="linkCard"] { font: inherit; font-weight: 400; padding: 6px 8px; border: 1px solid #8590a2; border-radius: 4px; }
.move-dialog .preview { background: #f7f8f9; border: 1px solid #dcdfe4; border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
.move-dialog .preview p { margin: 4px 0 0; color: #44546f; overflow-wrap: anywhere; }
.move-dialog .preview pre { margin: 6px 0 0; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap;
  overflow-wrap: anywhere; max-height: 16em; overflow: auto; color: #172b4d; }
.move-dialog .buttons { display: flex; gap: 8px; justify-content: flex-end; }
.move-dialog button:not(.link) { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid #8590a2; background: #fff; cursor: pointer; }
.move-dialog button.primary { background: #0c66e4; border-color: #0c66e4; color: #fff; }
.move-dialog button[disabled] { opacity: .6; cursor: default; }
.move-dialog ol { list-style: none; padding: 0; margin: 0 0 12px; }
.move-dialog li[data-state="failed"] { color: #ae2e24; }
.move-dialog li[data-state="pending"] { color: #626f86; }
button.link { border: 0; background: none; padding: 0; color: #0c66e4; text-decoration: underline; cursor: pointer; font: inherit; }
`;

let sheet: CSSStyleSheet | undefined;

export function hintStyleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(HINT_CSS);
  }
  return sheet;
}
