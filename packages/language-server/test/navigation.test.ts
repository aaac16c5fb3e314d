import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TextDocument, type LangiumDocument } from 'langium';
import { expectFindReferences, expectGoToDefinition, expectHighlight } from 'langium/test';
import type { TextEdit } from 'vscode-languageserver';
import { BUILTIN_URI } from '@kto/language';
import { addFiles, clearFiles, createTestServices, SCALES, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

const position = (document: LangiumDocument, needle: string, delta = 1) => {
    const offset = document.textDocument.getText().indexOf(needle);
    if (offset < 0) throw new Error(`'${needle}' not found`);
    return document.textDocument.positionAt(offset + delta);
};

describe('go to definition', () => {
    test('a label goes to its code in the scale', async () => {
        await expectGoToDefinition(services.Kto)({
            text: `survey s {}\nscale Eens: ordinal {\n  1 <|oneens|> "Oneens"\n  2 eens "Eens"\n}\nquestion q: Eens "Q"\nif q = one<|>ens {}\n`,
            index: 0, rangeIndex: 0, disposeAfterCheck: true
        });
    });

    test('a grid statement goes to its row, the grid to the grid', async () => {
        const text = `survey s {}\n${SCALES}grid <|stellingen|>: Akkoord5 "G" {\n  <|rechten|> "R"\n}\nif stelli<|>ngen.rech<|>ten >= akkoord {}\n`;
        await expectGoToDefinition(services.Kto)({ text, index: 0, rangeIndex: 0, disposeAfterCheck: true });
        await expectGoToDefinition(services.Kto)({ text, index: 1, rangeIndex: 1, disposeAfterCheck: true });
    });

    test('an imported item, scale and label go to the other file', async () => {
        const [lib, main] = await addFiles(services, {
            'lib/l.kto': `library l {}\n${SCALES}block b {\n  question vraag: Akkoord5 "V"\n}\n`,
            'main.kto': 'survey s {}\nimport "lib/l.kto"\ninclude b\nquestion eigen: Akkoord5 "E"\nif vraag >= akkoord {}\n'
        });
        const definition = async (needle: string, delta = 1) => services.Kto.lsp.DefinitionProvider!.getDefinition(main, { textDocument: { uri: main.uri.toString() }, position: position(main, needle, delta) });
        for (const [needle, target] of [['vraag >=', 'vraag:'], ['akkoord {}', 'akkoord "'], ['Akkoord5 "E"', 'Akkoord5:'], ['b\nquestion', 'b {']]) {
            const links = await definition(needle, 0);
            expect(links, needle).toHaveLength(1);
            expect(links![0].targetUri).toBe(lib.uri.toString());
            expect(links![0].targetSelectionRange.start, needle).toEqual(position(lib, target, 0));
        }
    });

    test('yesno and its labels go to the built-in scale', async () => {
        const [main] = await addFiles(services, { 'main.kto': 'survey s {}\nquestion j: yesno "J"\nif j = yes {}\n' });
        const links = await services.Kto.lsp.DefinitionProvider!.getDefinition(main, { textDocument: { uri: main.uri.toString() }, position: position(main, 'yes {') });
        expect(links?.[0].targetUri).toBe(BUILTIN_URI.toString());
    });
});

describe('references and highlights', () => {
    test('all uses of a label, and only of that scale\'s label', async () => {
        await expectFindReferences(services.Kto)({
            text: `survey s {}\nscale A: ordinal {\n  1 <|ja|> "Ja"\n}\nscale B: ordinal {\n  1 ja "Ja"\n}\nquestion a: A "A"\nquestion b: B "B"\nif a = <|><|ja|> {}\nif b = ja {}\ntest "t" {\n  given a = <|ja|>\n}\n`,
            includeDeclaration: true, disposeAfterCheck: true
        });
    });

    test('a grid statement is found in routing, indicators and tests', async () => {
        await expectFindReferences(services.Kto)({
            text: `survey s {}\n${SCALES}grid g: Akkoord5 "G" {\n  r1 "R1"\n  <|><|r2|> "R2"\n}\nif g.<|r2|> >= akkoord {}\nindicators {\n  indicator i = share(g.<|r2|> >= akkoord)\n}\ntest "t" {\n  given g.<|r2|> = akkoord\n}\n`,
            includeDeclaration: true, disposeAfterCheck: true
        });
    });

    test('document highlight marks the declaration and the uses of an item', async () => {
        await expectHighlight(services.Kto)({
            text: 'survey s {}\nquestion <|l<|>eeftijd|>: integer 0..120 "L"\nend "Te jong" if <|leeftijd|> < 18\nderive oud = <|leeftijd|> >= 65\n',
            disposeAfterCheck: true
        });
    });
});

describe('rename', () => {
    const LIB = `library l {}\n${SCALES}block b {\n  question vraag: Akkoord5 "V"\n  if vraag = oneens {\n    question waarom: text "W"\n  }\n}\n`;
    const MAIN = `survey s {}
import "lib/l.kto"
include b
if vraag >= akkoord {
  note n "N"
}
derive eens = vraag >= akkoord
indicators {
  min_n 30
  indicator i = share(vraag >= akkoord) where vraag != weet_niet
  drivers d: vraag ~ vraag
}
test "t" {
  given vraag = akkoord
  expect asked vraag, waarom
}
`;

    function apply(document: LangiumDocument, edits: TextEdit[] | undefined): string {
        return TextDocument.applyEdits(document.textDocument, edits ?? []);
    }

    test('an item used in routing, a derived value, indicators, tests and another file: every use, in every file', async () => {
        const [lib, main] = await addFiles(services, { 'lib/l.kto': LIB, 'main.kto': MAIN });
        const edit = await services.Kto.lsp.RenameProvider!.rename(main, { textDocument: { uri: main.uri.toString() }, position: position(main, 'vraag >= akkoord {'), newName: 'bereikbaar' });
        const newMain = apply(main, edit?.changes?.[main.uri.toString()]);
        const newLib = apply(lib, edit?.changes?.[lib.uri.toString()]);
        expect(newMain).toBe(MAIN.replaceAll('vraag', 'bereikbaar'));
        expect(newLib).toBe(LIB.replaceAll('vraag', 'bereikbaar'));
        // and the renamed files check as cleanly as before
        const [, again] = await addFiles(services, { 'lib/l.kto': newLib, 'main.kto': newMain });
        expect(again.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
    });

    test('a label, from its use: the scale and every comparison with it, across files', async () => {
        const [lib, main] = await addFiles(services, { 'lib/l.kto': LIB, 'main.kto': MAIN });
        const edit = await services.Kto.lsp.RenameProvider!.rename(main, { textDocument: { uri: main.uri.toString() }, position: position(main, 'akkoord {'), newName: 'eens' });
        expect(apply(main, edit?.changes?.[main.uri.toString()])).toBe(MAIN.replaceAll('>= akkoord', '>= eens').replace('given vraag = akkoord', 'given vraag = eens'));
        // only the label `akkoord`, not `helemaal_akkoord`, and not the derived value already named `eens`
        expect(apply(lib, edit?.changes?.[lib.uri.toString()])).toBe(LIB.replace('4 akkoord', '4 eens'));
    });

    test('a grid statement: the row and every grid.row', async () => {
        const text = `survey s {}\n${SCALES}grid g: Akkoord5 "G" {\n  r1 "R1"\n}\nif g.r1 >= akkoord {}\ntest "t" {\n  given g.r1 = akkoord\n}\n`;
        const [main] = await addFiles(services, { 'main.kto': text });
        const edit = await services.Kto.lsp.RenameProvider!.rename(main, { textDocument: { uri: main.uri.toString() }, position: position(main, 'r1 "'), newName: 'rechten' });
        expect(apply(main, edit?.changes?.[main.uri.toString()])).toBe(text.replaceAll('r1', 'rechten'));
    });

    test('a new name must be a valid name and not a reserved word; built-ins cannot be renamed', async () => {
        const [main] = await addFiles(services, { 'main.kto': 'survey s {}\nquestion q: yesno "Q"\nif q = yes {}\n' });
        const rename = (needle: string, newName: string) => services.Kto.lsp.RenameProvider!.rename(main, { textDocument: { uri: main.uri.toString() }, position: position(main, needle), newName });
        await expect(rename('q: yesno', 'if')).rejects.toThrow(/reserved word/);
        await expect(rename('q: yesno', '2q')).rejects.toThrow(/not a valid name/);
        await expect(rename('yes {', 'ja')).rejects.toThrow(/Built-in/);
        expect(await rename('q: yesno', 'weight')).toBeDefined();   // a keyword that is not reserved
        expect(services.Kto.lsp.RenameProvider!.prepareRename(main, { textDocument: { uri: main.uri.toString() }, position: position(main, 'yesno') })).toBeUndefined();
    });
});
