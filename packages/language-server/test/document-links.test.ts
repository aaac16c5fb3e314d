import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { addFiles, clearFiles, createTestServices, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

describe('document links', () => {
    test('an import path links to the file it resolves to, relative to the importing file', async () => {
        const [lib, main] = await addFiles(services, {
            'lib/schalen.kto': 'library schalen {}\n',
            'surveys/main.kto': 'survey s {}\nimport "../lib/schalen.kto"\nimport "ontbreekt.kto"\n'
        });
        const links = await services.Kto.lsp.DocumentLinkProvider!.getDocumentLinks(main, { textDocument: { uri: main.uri.toString() } });
        // only the import that resolves: the other one gets kto/import-not-found
        expect(links).toEqual([{
            range: { start: { line: 1, character: 8 }, end: { line: 1, character: 26 } },
            target: lib.uri.toString(),
            tooltip: 'Open ../lib/schalen.kto'
        }]);
    });
});
