import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextDocument, type LangiumDocument } from 'langium';
import { addFiles, clearFiles, createTestServices, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
const errors = vi.spyOn(console, 'error');
beforeEach(() => errors.mockClear());
afterEach(async () => {
    expect(errors).not.toHaveBeenCalled();
    await clearFiles(services);
});

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const LIBS = {
    'lib/schalen.kto': readFileSync(`${examples}lib/schalen.kto`, 'utf8'),
    'lib/wmo-ceo.kto': readFileSync(`${examples}lib/wmo-ceo.kto`, 'utf8')
};

/** The position features at one position: none may throw (or log an error, as Langium does for completion). */
async function everything(document: LangiumDocument, offset: number): Promise<void> {
    const textDocument = { uri: document.uri.toString() };
    const position = document.textDocument.positionAt(offset);
    const lsp = services.Kto.lsp;
    await lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
    await lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
    await lsp.DefinitionProvider!.getDefinition(document, { textDocument, position });
    await lsp.DocumentHighlightProvider!.getDocumentHighlight(document, { textDocument, position });
}

describe('no feature fails on any position of an example, or on a half-typed file', () => {
    test.each(['gent-sociale-dienst-2023.kto', 'meerssen-jeugd-2023.kto'])('%s, every 61st position', async file => {
        const text = readFileSync(`${examples}${file}`, 'utf8');
        const documents = await addFiles(services, { ...LIBS, [file]: text });
        let positions = 0;
        for (let offset = 0; offset < text.length; offset += 61, positions++) await everything(documents[documents.length - 1], offset);
        expect(positions).toBeGreaterThan(60);
    });

    test('a file cut off at any line still completes, hovers, highlights, outlines and formats (to nothing)', async () => {
        const text = readFileSync(`${examples}bijstand-2017.kto`, 'utf8');
        const lines = text.split('\n');
        await addFiles(services, LIBS);
        for (let n = 5; n < lines.length; n += 9) {
            const cut = lines.slice(0, n).join('\n') + '\nif ';
            const documents = await addFiles(services, { 'cut.kto': cut });
            const document = documents[documents.length - 1];
            await everything(document, cut.length);
            const lsp = services.Kto.lsp;
            const textDocument = { uri: document.uri.toString() };
            await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
            await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
            await lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(cut.length) } });
            await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument });
            const edits = await lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 2, insertSpaces: true } });
            expect(TextDocument.applyEdits(document.textDocument, edits)).toBe(cut);   // a file with syntax errors is left alone
        }
    });
});
