import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TextDocument, type LangiumDocument } from 'langium';
import { testCodeAction } from 'langium/test';
import type { CodeAction } from 'vscode-languageserver';
import { addFiles, clearFiles, createTestServices, SCALES, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

/** Asserts the one quick fix for the one diagnostic with this code, and that the diagnostic is gone after it. */
const fix = (input: string, code: string, output: string | undefined) => testCodeAction(services.Kto)(input, code, output);

async function actionsFor(document: LangiumDocument, code: string): Promise<CodeAction[]> {
    const diagnostics = (document.diagnostics ?? []).filter(d => (d.data as { code?: string } | undefined)?.code === code);
    expect(diagnostics, code).toHaveLength(1);
    const actions = await services.Kto.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostics[0].range, context: { diagnostics }
    });
    return (actions ?? []) as CodeAction[];
}

function applied(document: LangiumDocument, action: CodeAction): string {
    return TextDocument.applyEdits(document.textDocument, action.edit?.changes?.[document.uri.toString()] ?? []);
}

describe('quick fixes', () => {
    test('kto/unknown-reference: the nearest name', async () => {
        await fix('survey s {}\nquestion leeftijd: integer 0..120 "L"\nif leeftyd > 18 {}\n', 'kto/unknown-reference',
            'survey s {}\nquestion leeftijd: integer 0..120 "L"\nif leeftijd > 18 {}\n');
    });

    test('kto/unknown-reference without a near name: no fix', async () => {
        await fix('survey s {}\nquestion leeftijd: integer 0..120 "L"\nif xyz > 18 {}\n', 'kto/unknown-reference', undefined);
    });

    test('kto/missing-translation: a stub translation at the end of the text', async () => {
        await fix('survey s {\n  languages nl, en\n  title "T" @en "T"\n}\nquestion q: yesno "Vraag" // uitleg\n  hint "Hint" @en "Hint"\n', 'kto/missing-translation',
            'survey s {\n  languages nl, en\n  title "T" @en "T"\n}\nquestion q: yesno "Vraag" @en "TODO" // uitleg\n  hint "Hint" @en "Hint"\n');
    });

    test('kto/maybe-unanswered: answered(x) and …', async () => {
        const head = 'survey s {}\nquestion werk: yesno "W"\nif werk = yes {\n  question uren: integer 1..80 "U"\n}\n';
        await fix(`${head}if uren >= 32 {\n  note n "N"\n}\n`, 'kto/maybe-unanswered', `${head}if answered(uren) and uren >= 32 {\n  note n "N"\n}\n`);
    });

    test('kto/maybe-unanswered on an `or`: the condition goes in parentheses', async () => {
        const head = 'survey s {}\nquestion werk: yesno "W"\nquestion opm: text optional "O"\n';
        await fix(`${head}if opm = "x" or werk = yes {\n  note n "N"\n}\n`, 'kto/maybe-unanswered', `${head}if answered(opm) and (opm = "x" or werk = yes) {\n  note n "N"\n}\n`);
    });

    test('kto/maybe-unanswered in a derived value', async () => {
        const head = 'survey s {}\nquestion werk: yesno "W"\nif werk = yes {\n  question uren: integer 1..80 "U"\n}\n';
        await fix(`${head}derive voltijd = uren >= 32\n`, 'kto/maybe-unanswered', `${head}derive voltijd = answered(uren) and uren >= 32\n`);
    });

    test('kto/min-n-missing: min_n 30 on the indicator', async () => {
        const head = 'survey s {}\nquestion werk: yesno "W"\nquestion cijfer: grade 1..10 "C"\n';
        await fix(`${head}indicators {\n  indicator i = mean(cijfer) where werk = yes // werkenden\n}\n`, 'kto/min-n-missing',
            `${head}indicators {\n  indicator i = mean(cijfer) where werk = yes min_n 30 // werkenden\n}\n`);
    });

    test('kto/condition-not-boolean on a yes/no item: x = yes', async () => {
        await fix('survey s {}\nquestion werk: yesno "W"\nif werk {\n  note n "N"\n}\n', 'kto/condition-not-boolean',
            'survey s {}\nquestion werk: yesno "W"\nif werk = yes {\n  note n "N"\n}\n');
    });

    test('kto/grid-row-required: name the statement', async () => {
        await fix(`survey s {}\n${SCALES}grid g: Akkoord5 "G" {\n  rechten "R"\n}\nif g >= akkoord {}\n`, 'kto/grid-row-required',
            `survey s {}\n${SCALES}grid g: Akkoord5 "G" {\n  rechten "R"\n}\nif g.rechten >= akkoord {}\n`);
    });

    test('kto/duplicate-translation: remove it', async () => {
        await fix('survey s {\n  languages nl, en\n}\nquestion q: yesno "Vraag" @en "Question" @en "Query"\n', 'kto/duplicate-translation',
            'survey s {\n  languages nl, en\n}\nquestion q: yesno "Vraag" @en "Question"\n');
    });

    test('kto/duplicate-include: remove the second include', async () => {
        await fix('survey s {}\nblock b {\n  note n "N"\n}\ninclude b\ninclude b\nnote m "M"\n', 'kto/duplicate-include',
            'survey s {}\nblock b {\n  note n "N"\n}\ninclude b\nnote m "M"\n');
    });

    test('kto/unused-import: remove the import line', async () => {
        const [, main] = await addFiles(services, {
            'lib.kto': 'library l {}\nscale X: ordinal {\n  1 x "X"\n}\n',
            'main.kto': 'survey s {}\nimport "lib.kto"\nquestion q: yesno "Q"\n'
        });
        const actions = await actionsFor(main, 'kto/unused-import');
        expect(actions.map(a => a.title)).toEqual(["Remove the import of 'lib.kto'"]);
        expect(applied(main, actions[0])).toBe('survey s {}\nquestion q: yesno "Q"\n');
    });

    test('kto/unknown-language: add the language to the survey, or remove the translation', async () => {
        const [main] = await addFiles(services, { 'main.kto': 'survey s {\n  languages nl, en\n}\nquestion q: yesno "Vraag" @en "Question" @de "Frage"\n' });
        const actions = await actionsFor(main, 'kto/unknown-language');
        expect(actions.map(a => a.title)).toEqual(['Add German (de) to the languages', 'Remove the German (de) translation']);
        expect(actions[0].isPreferred).toBe(true);
        expect(applied(main, actions[0])).toBe('survey s {\n  languages nl, en, de\n}\nquestion q: yesno "Vraag" @en "Question" @de "Frage"\n');
        expect(applied(main, actions[1])).toBe('survey s {\n  languages nl, en\n}\nquestion q: yesno "Vraag" @en "Question"\n');
    });

    test('every fix is a quick fix attached to its diagnostic', async () => {
        const [main] = await addFiles(services, { 'main.kto': 'survey s {}\nquestion leeftijd: integer 0..120 "L"\nif leeftyd > 18 {}\n' });
        const [action] = await actionsFor(main, 'kto/unknown-reference');
        expect(action.kind).toBe('quickfix');
        expect(action.diagnostics?.[0].code).toBe('kto/unknown-reference');
        expect(action.isPreferred).toBe(true);
    });
});
