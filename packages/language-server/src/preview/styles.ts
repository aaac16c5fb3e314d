// The previews' style sheets. Colours follow the VS Code theme inside a webview (its --vscode-*
// variables) and fall back to a light page elsewhere.

const BASE = `
:root {
  --bg: var(--vscode-editor-background, #ffffff);
  --fg: var(--vscode-editor-foreground, #1f2328);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, #d1d9e0);
  --accent: var(--vscode-focusBorder, #0969da);
  --panel: var(--vscode-sideBar-background, #f6f8fa);
  --end: #cf222e;
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --mono: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 var(--font); }
code { font-family: var(--mono); font-size: 0.9em; background: var(--panel); padding: 0 0.25em; border-radius: 3px; }
button, select, input, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
.toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: center;
  justify-content: space-between; padding: 0.6em 1em; background: var(--bg); border-bottom: 1px solid var(--border); }
.toolbar h1 { font-size: 1.15em; margin: 0; }
.controls { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: center; }
.controls button, .controls select { padding: 0.2em 0.6em; border: 1px solid var(--border); border-radius: 4px; background: var(--panel); }
.controls button[aria-pressed="true"] { border-color: var(--accent); }
.note-text { color: var(--muted); font-size: 0.9em; }
[hidden] { display: none !important; }
`;

export const QUESTIONNAIRE_STYLE = BASE + `
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22em; gap: 1.5em; padding: 1em; align-items: start; }
body.path-hidden .layout { grid-template-columns: minmax(0, 1fr); }
body.path-hidden #path { display: none; }
@media (max-width: 760px) { .layout { grid-template-columns: minmax(0, 1fr); } #path { order: -1; } }
#survey { max-width: 56em; }
.page { border: 1px solid var(--border); border-radius: 8px; padding: 0.25em 1em 0.75em; margin-bottom: 1em; }
.page h2 { font-size: 1.05em; margin: 0.6em 0; }
.page.sample { border-style: dashed; }
.element { padding: 0.6em 0; border-top: 1px solid var(--border); }
.page h2 + .element, .page h2 + .note-text + .element { border-top: none; }
.wording { font-weight: 600; }
.wording .name { font-family: var(--mono); font-weight: normal; font-size: 0.8em; color: var(--muted); margin-right: 0.6em; }
.note .wording .text { font-weight: normal; font-style: italic; }
.badge { display: inline-block; margin-left: 0.5em; padding: 0 0.4em; font-size: 0.75em; font-weight: normal;
  border: 1px solid var(--border); border-radius: 3px; color: var(--muted); }
.variant-wording { border-bottom: 2px dotted var(--accent); }
.hint { color: var(--muted); font-size: 0.9em; margin-top: 0.2em; }
.choices { display: flex; flex-direction: column; gap: 0.15em; margin-top: 0.4em; }
.choice { display: flex; gap: 0.4em; align-items: baseline; cursor: pointer; }
.choice.missing, th.missing, td.missing, .grade.missing { color: var(--muted); }
.choice.missing:first-of-type, .choices > .choice:not(.missing) + .choice.missing { margin-top: 0.3em; }
.grades { display: flex; flex-wrap: wrap; gap: 0.3em; margin-top: 0.4em; }
.grade { min-width: 2.4em; padding: 0.25em 0.5em; border: 1px solid var(--border); border-radius: 4px; background: var(--bg); }
.grade.missing { margin-left: 0.6em; }
.grade + .grade.missing { margin-left: 1em; }
.grade.missing + .grade.missing { margin-left: 0; }
.grade[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.anchors { color: var(--muted); font-size: 0.85em; margin-top: 0.2em; }
.control.free { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; margin-top: 0.4em; }
.control.free input, .control.free textarea { padding: 0.25em 0.4em; border: 1px solid var(--border); border-radius: 4px; background: var(--bg); }
.control.free textarea { width: min(36em, 100%); }
.grid-scroll { overflow-x: auto; margin-top: 0.4em; }
table.grid { border-collapse: collapse; font-size: 0.92em; }
table.grid th, table.grid td { padding: 0.25em 0.45em; text-align: center; border-bottom: 1px solid var(--border); }
table.grid th[scope="row"] { text-align: left; font-weight: normal; min-width: 14em; }
table.grid thead th { font-weight: normal; font-size: 0.85em; vertical-align: bottom; }
.grid-row { margin-top: 0.4em; }
.foot { display: flex; gap: 1em; justify-content: space-between; align-items: baseline; }
.why { color: var(--muted); font-size: 0.88em; margin-top: 0.35em; }
.clear { border: none; background: none; color: var(--muted); font-size: 0.85em; text-decoration: underline; padding: 0; }
.element[data-status="skipped"], .element[data-status="not-reached"], .element[data-status="passed"] { opacity: 0.55; }
.element[data-status="skipped"] .why, .element[data-status="not-reached"] .why { color: var(--fg); }
.screen-out { border-left: 4px solid var(--end); padding-left: 0.8em; }
.screen-out .end-label { color: var(--end); font-weight: 700; font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.03em; }
.screen-out[data-status="ended-here"] { background: color-mix(in srgb, var(--end) 8%, transparent); }
#path { position: sticky; top: 4em; max-height: calc(100vh - 5em); overflow: auto; padding: 0.25em 1em 1em;
  border: 1px solid var(--border); border-radius: 8px; background: var(--panel); }
#path h2 { font-size: 1.05em; margin: 0.6em 0 0.2em; }
#path h3 { font-size: 0.95em; margin: 1em 0 0.3em; }
#path-list { padding-left: 2em; margin: 0.5em 0; }
#path-list li { margin: 0.1em 0; }
#path-list a { color: inherit; text-decoration: none; display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#path-list a:hover .text { text-decoration: underline; }
#path-list .name { font-family: var(--mono); font-size: 0.85em; }
#path-list .text { color: var(--muted); font-size: 0.85em; }
#path-end { padding-top: 0.5em; border-top: 1px solid var(--border); }
#path-end[data-screen-out] strong { color: var(--end); }
table.derived { border-collapse: collapse; font-size: 0.9em; }
table.derived th { text-align: left; font-family: var(--mono); font-weight: normal; padding-right: 1em; }
`;

export const ROUTING_STYLE = BASE + `
html, body { height: 100%; overflow: hidden; }
body { display: flex; flex-direction: column; }
.stage { position: relative; flex: 1; min-height: 0; display: flex; }
#canvas { flex: 1; min-width: 0; cursor: grab; touch-action: none; user-select: none; }
#canvas.dragging { cursor: grabbing; }
#details { width: 24em; max-width: 45%; overflow: auto; padding: 0.5em 1em; border-left: 1px solid var(--border); background: var(--panel); }
#details h2 { font-size: 1.05em; margin: 0.4em 0; }
#details dl { margin: 0; }
#details dt { color: var(--muted); font-size: 0.85em; margin-top: 0.6em; }
#details dd { margin: 0.1em 0 0; }
#details .lang { font-family: var(--mono); font-size: 0.8em; color: var(--muted); margin-right: 0.4em; }
.legend { color: var(--muted); font-size: 0.85em; }
svg text { font-family: var(--font); fill: #1f2328; }
svg .mono { font-family: var(--mono); }
svg .band { fill: #f6f8fa; }
svg .band.odd { fill: #eef2f6; }
svg .band-title { font-weight: 600; font-size: 13px; fill: #1f2328; }
svg .band-name { font-size: 11px; fill: #59636e; }
svg .node { cursor: pointer; }
svg .node rect, svg .node polygon { stroke-width: 1.2; }
svg .node.item rect { fill: #ffffff; stroke: #57606a; }
svg .node.note rect { stroke-dasharray: 4 3; }
svg .node.decision polygon { fill: #fff8c5; stroke: #9a6700; }
svg .node.terminal rect { fill: #ffebe9; stroke: #cf222e; }
svg .node.terminal .title { fill: #a40e26; }
svg .node.start rect, svg .node.finish rect { fill: #dafbe1; stroke: #1a7f37; }
svg .node:hover rect, svg .node:hover polygon, svg .node:focus rect, svg .node:focus polygon, svg .node.selected rect, svg .node.selected polygon { stroke: #0969da; stroke-width: 2.5; }
svg .node:focus { outline: none; }
svg .title { font-weight: 600; font-size: 12px; }
svg .sub { font-size: 12px; fill: #424a53; }
svg .kind { font-size: 10.5px; fill: #59636e; }
svg .edge { fill: none; stroke: #6e7781; stroke-width: 1.3; }
svg .edge.yes { stroke: #1a7f37; }
svg .edge.no { stroke: #9a6700; stroke-dasharray: 5 3; }
svg .edge.ends { stroke: #cf222e; }
svg .edge-label { font-size: 10.5px; fill: #59636e; }
`;
