import { TextDocument, URI, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import { createKtoServices } from '@kto/language';
import { KtoFormatter } from './lsp/kto-formatter.js';

/** A file `kto fmt` cannot format because it does not parse. */
export class KtoFormatError extends Error {
    constructor(readonly uri: string, readonly problems: Array<{ line: number; column: number; message: string }>) {
        super(`${uri}: cannot format a file with syntax errors (${problems.map(p => `${p.line}:${p.column} ${p.message}`).join('; ')})`);
    }
}

let shared: { formatter: KtoFormatter; services: ReturnType<typeof createKtoServices> } | undefined;

/**
 * Formats a whole .kto file the way the editor does (the same KtoFormatter), without an editor:
 * for `kto fmt`. Throws KtoFormatError when the text has syntax errors, since a file that does
 * not parse has no layout to normalise. Formatting a formatted text returns it unchanged.
 */
export function formatText(text: string, uri = 'file:///untitled.kto'): string {
    shared ??= (() => {
        const services = createKtoServices();
        return { services, formatter: new KtoFormatter(services.Kto) };
    })();
    const document: LangiumDocument = shared.services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length > 0 || parserErrors.length > 0) {
        throw new KtoFormatError(uri, [
            ...lexerErrors.map(e => ({ line: e.line ?? 1, column: e.column ?? 1, message: e.message })),
            // At the end of the file chevrotain's token has no position: point at the last line.
            ...parserErrors.map(e => Number.isFinite(e.token.startLine) && e.token.startLine! > 0
                ? { line: e.token.startLine!, column: e.token.startColumn ?? 1, message: e.message }
                : { line: text.split('\n').length, column: 1, message: e.message })
        ]);
    }
    const edits = shared.formatter.formatDocument(document, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }) as TextEdit[];
    return TextDocument.applyEdits(document.textDocument, edits);
}
