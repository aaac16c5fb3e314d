import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { addFiles, clearFiles, createTestServices, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

describe('code lenses', () => {
    test('a survey header gets "Preview questionnaire" and "Show routing graph" with the document URI', async () => {
        const [main] = await addFiles(services, { 'main.kto': '/** Doc. */\nsurvey s {\n  title "T"\n}\nquestion q: yesno "Q"\n' });
        const lenses = await services.Kto.lsp.CodeLensProvider!.provideCodeLens(main, { textDocument: { uri: main.uri.toString() } });
        expect(lenses).toEqual([
            { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } }, command: { title: 'Preview questionnaire', command: 'kto.openPreview', arguments: [main.uri.toString()] } },
            { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } }, command: { title: 'Show routing graph', command: 'kto.showRoutingGraph', arguments: [main.uri.toString()] } }
        ]);
    });

    test('a library has no preview', async () => {
        const [lib] = await addFiles(services, { 'lib.kto': 'library l {}\nscale X: ordinal {\n  1 x "X"\n}\n' });
        expect(await services.Kto.lsp.CodeLensProvider!.provideCodeLens(lib, { textDocument: { uri: lib.uri.toString() } })).toEqual([]);
    });
});
