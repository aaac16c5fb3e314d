import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { addFiles, clearFiles, createTestServices, SCALES, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

/** The text with every inlay hint written in as ⟨hint⟩. */
async function withHints(text: string): Promise<string> {
    const [document] = await addFiles(services, { 'main.kto': text });
    const hints = await services.Kto.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }
    }) ?? [];
    let result = text;
    for (const hint of [...hints].sort((a, b) => document.textDocument.offsetAt(b.position) - document.textDocument.offsetAt(a.position))) {
        const offset = document.textDocument.offsetAt(hint.position);
        result = `${result.slice(0, offset)}⟨${hint.paddingLeft ? ' ' : ''}${hint.label}⟩${result.slice(offset)}`;
    }
    return result;
}

describe('inlay hints', () => {
    test('a label shows its code, a grid statement its scale, a derived value its type', async () => {
        const text = `survey s {}\n${SCALES}question j: yesno "J"\ngrid g: Akkoord5 "G" {\n  r "R"\n}\n`;
        const body = `if g.r >= akkoord and j = yes {}\nderive groep = g.r < 3 ? "laag" : "hoog"\nderive oordeel = g.r\ntest "t" {\n  given g.r = weet_niet\n}\n`;
        expect((await withHints(text + body)).slice(text.length)).toBe(
            'if g.r⟨: Akkoord5⟩ >= akkoord⟨ = 4⟩ and j = yes⟨ = 1⟩ {}\n' +
            'derive groep⟨: text⟩ = g.r⟨: Akkoord5⟩ < 3 ? "laag" : "hoog"\n' +
            'derive oordeel⟨: Akkoord5⟩ = g.r⟨: Akkoord5⟩\n' +
            'test "t" {\n  given g.r⟨: Akkoord5⟩ = weet_niet⟨ = 9⟩\n}\n'
        );
    });

    test('a label hint explains the code in its tooltip; drivers lists get no hints', async () => {
        const text = `survey s {}\n${SCALES}grid g: Akkoord5 "G" {\n  r "R"\n}\nindicators {\n  drivers d: g.r ~ g.*\n}\nif g.r = weet_niet {}\n`;
        const [document] = await addFiles(services, { 'main.kto': text });
        const hints = await services.Kto.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }
        }) ?? [];
        expect(hints.map(h => h.label)).toEqual([': Akkoord5', '= 9']);
        expect(hints[1].tooltip).toBe('Missing code 9 of Akkoord5: "Weet niet"');
    });
});
