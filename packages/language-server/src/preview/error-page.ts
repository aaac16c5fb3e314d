import { html } from './html.js';
import { newNonce, renderPage } from './page.js';

/** A problem shown on the error page, located (1-based line and column). */
export interface PreviewProblem {
    line: number;
    column: number;
    message: string;
    code?: string;
    /** The source line, for context. */
    source?: string;
}

const ERROR_STYLE = `
html, body { margin: 0; background: var(--vscode-editor-background, #fff); color: var(--vscode-editor-foreground, #1f2328);
  font: 14px/1.45 var(--vscode-font-family, system-ui, sans-serif); }
main { max-width: 60em; padding: 1em 1.5em; }
h1 { font-size: 1.2em; }
ol { padding-left: 1.4em; }
li { margin: 0.6em 0; }
.where { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); color: var(--vscode-descriptionForeground, #59636e); }
.code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); color: #cf222e; }
pre { margin: 0.3em 0 0; padding: 0.3em 0.6em; background: var(--vscode-textCodeBlock-background, #f6f8fa); overflow-x: auto; }
`;

/**
 * The page a preview shows when it cannot show the survey: the definition has errors (listed,
 * located, as `kto check` reports them) or is not a survey. Updates like any preview when the
 * file changes, so fixing the last error brings the preview back.
 */
export function generateErrorHtml(title: string, file: string, message: string, problems: PreviewProblem[] = [], nonce = newNonce()): string {
    const body = html`<main>
<h1>${title}</h1>
<p>${message}</p>
${problems.length ? html`<ol class="problems">${problems.map(p => html`<li><span class="where">${file}:${p.line}:${p.column}</span> ${p.code ? html`<span class="code">${p.code}</span> ` : ''}${p.message}${p.source !== undefined ? html`<pre>${p.source}</pre>` : ''}</li>`)}</ol>` : ''}
</main>`;
    return renderPage({ title, lang: 'en', nonce, style: ERROR_STYLE, body, script: '' });
}
