import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { addFiles, clearFiles, createTestServices, markers, SCALES, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

const HEADER = `survey s {\n  languages nl, en, de\n  variant ouder "Ouder" @en "Parent" @de "Eltern"\n}\n${SCALES}`;

/** The completion items at `<|>` in main.kto (other files may be given too). */
async function complete(source: string, others: Record<string, string> = {}): Promise<CompletionItem[]> {
    const { text, offsets } = markers(source);
    const documents = await addFiles(services, { ...others, 'main.kto': text });
    const main = documents[documents.length - 1];
    const list = await services.Kto.lsp.CompletionProvider!.getCompletion(main, {
        textDocument: { uri: main.uri.toString() }, position: main.textDocument.positionAt(offsets[0])
    });
    return list?.items ?? [];
}

const labels = (items: CompletionItem[]): string[] => items.map(i => i.label);
const sorted = (items: CompletionItem[]): CompletionItem[] => [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label));

describe('labels beside the item they are compared with', () => {
    const item = `${HEADER}question q: Akkoord5 "Q" @en "Q" @de "Q"\n`;

    test.each([
        ['if q = <|>', 'after ='],
        ['if q >= <|>', 'after >='],
        ['if q != <|>', 'after !='],
        ['if q in {<|>', 'in a set'],
        ['if q in {akkoord, <|>} {}', 'after a comma in a set'],
        ['if q not in {<|>', 'in a negated set'],
        ['test "t" {\n  given q = <|>\n}', 'in a test\'s given'],
        ['indicators {\n  indicator i = share(q >= <|>)\n}', 'in an indicator']
    ])('%s (%s): the scale\'s labels come first, with code and text', async (condition) => {
        const items = sorted(await complete(`${item}${condition}`));
        expect(labels(items).slice(0, 6)).toEqual(['helemaal_oneens', 'oneens', 'neutraal', 'akkoord', 'helemaal_akkoord', 'weet_niet']);
        expect(items.find(i => i.label === 'akkoord')?.detail).toBe('4 = "Mee eens" (Akkoord5)');
        expect(items.find(i => i.label === 'weet_niet')?.detail).toBe('missing 9 = "Weet niet" (Akkoord5)');
        // other items stay available for comparisons between items
        expect(labels(items)).toContain('q');
    });

    test('a partly typed label is completed from the right scale', async () => {
        const items = await complete(`${item}if q >= akk<|> {\n}`);
        expect(labels(items)).toContain('akkoord');
        expect(labels(items)).toContain('helemaal_akkoord');
    });

    test('a grid statement is compared on the grid\'s scale', async () => {
        const items = await complete(`${HEADER}grid g: Cijfer "G" @en "G" @de "G" {\n  r1 "R" @en "R" @de "R"\n}\nif g.r1 = <|>`);
        expect(items.find(i => i.label === 'weet_niet')?.detail).toBe('missing 99 = "Weet niet" (Cijfer)');
        expect(labels(items)).not.toContain('akkoord');
    });

    test('on a yes/no item: yes and no (built in)', async () => {
        const items = sorted(await complete(`${HEADER}question j: yesno "J" @en "J" @de "J"\nif j = <|>`));
        expect(labels(items).slice(0, 2)).toEqual(['yes', 'no']);
        expect(items[0].detail).toBe('1 = "Ja" (yesno)');
    });

    test('a derived value that holds an answer offers its scale\'s labels', async () => {
        const items = await complete(`${item}derive oordeel = q\nif oordeel >= <|>`);
        expect(labels(items)).toContain('akkoord');
    });

    test('no labels where a label cannot stand (on the left, or beside a number)', async () => {
        const left = await complete(`${item}question n: integer 0..10 "N" @en "N" @de "N"\nif <|>`);
        expect(labels(left)).not.toContain('akkoord');
        expect(labels(left)).toContain('q');
        const number = await complete(`${item}question n: integer 0..10 "N" @en "N" @de "N"\nif n = <|>`);
        expect(labels(number)).not.toContain('akkoord');
    });

    test('labels of an imported scale, beside an imported item', async () => {
        const lib = `library l {\n  languages nl, en, de\n}\n${SCALES}block b {\n  question v: Akkoord5 "V" @en "V" @de "V"\n}\n`;
        const items = await complete(`${HEADER.replace(SCALES, '')}import "lib/l.kto"\ninclude b\nif v = <|>`, { 'lib/l.kto': lib });
        expect(labels(items)).toContain('helemaal_akkoord');
    });
});

describe('names in scope', () => {
    test('scales: declared here, imported and built in, with their kind', async () => {
        const lib = 'library l {}\nscale Frequentie: ordinal {\n  1 nooit "Nooit"\n  2 vaak "Vaak"\n}\n';
        const items = await complete(`${HEADER}import "lib/l.kto"\nquestion q: <|>`, { 'lib/l.kto': lib });
        expect(labels(items)).toEqual(expect.arrayContaining(['Akkoord5', 'Cijfer', 'Frequentie', 'yesno', 'multi', 'grade']));
        expect(items.find(i => i.label === 'Akkoord5')?.detail).toBe('scale: ordinal, 1, 2, 3, 4, 5, missing 9');
    });

    test('items in conditions, with their scale and wording', async () => {
        const items = await complete(`${HEADER}question leeftijd: integer 0..120 "Leeftijd?" @en "Age?" @de "Alter?"\nif leef<|>`);
        expect(items.find(i => i.label === 'leeftijd')?.detail).toBe('question: integer 0..120 — Leeftijd?');
    });

    test('grid statements after the dot', async () => {
        const items = await complete(`${HEADER}grid g: Akkoord5 "G" @en "G" @de "G" {\n  rechten "R" @en "R" @de "R"\n  plichten "P" @en "P" @de "P"\n}\nif g.<|>`);
        expect(labels(items)).toEqual(['rechten', 'plichten']);
    });

    test('respondent variants after a wording', async () => {
        const items = await complete(`${HEADER}question q: yesno "Q" @en "Q" @de "Q" <|>`);
        const variant = items.find(i => i.label === 'ouder');
        expect(variant?.detail).toBe('Wording for respondent variant Ouder');
        expect(variant?.insertText).toBe('ouder: "$1" @en "$2" @de "$3"');
    });

    test('blocks after include', async () => {
        const items = await complete(`${HEADER}block werk {\n  note n "N" @en "N" @de "N"\n}\ninclude <|>`);
        expect(labels(items)).toContain('werk');
    });
});

describe('languages after @', () => {
    test('the declared languages except the default and those the text already has', async () => {
        const items = await complete(`${HEADER}question q: yesno "Q" @en "Q" @<|>`);
        expect(labels(items)).toEqual(['@de']);
        expect(items[0].detail).toBe('German (de) translation');
        expect(items[0].insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect(items[0].textEdit).toMatchObject({ newText: '@de "$1"' });
    });

    test('after a text, the translations are offered along with what may follow', async () => {
        const items = await complete(`${HEADER}question q: yesno "Q" <|>`);
        expect(labels(items)).toEqual(expect.arrayContaining(['@en', '@de', 'ouder', 'hint']));
    });

    test('not inside a text', async () => {
        const items = await complete(`${HEADER}question q: yesno "mail info@<|>`);
        expect(labels(items)).not.toContain('@en');
    });
});

describe('keywords and snippets', () => {
    test('inside a section: the item keywords, each with a snippet', async () => {
        const items = await complete(`${HEADER}section s "S" @en "S" @de "S" {\n  <|>\n}`);
        expect(labels(items)).toEqual(expect.arrayContaining(['question', 'grid', 'note', 'if', 'end', 'include', 'derive']));
        expect(labels(items)).not.toContain('scale');
        const snippet = items.find(i => i.label === 'question name: Scale "…"')!;
        expect(snippet.insertTextFormat).toBe(InsertTextFormat.Snippet);
        // the scales in scope as a choice, and a placeholder per declared language
        expect(snippet.insertText).toBe('question ${1:name}: ${2|Akkoord5,Cijfer,yesno|} "${3:wording}" @en "${4}" @de "${5}"');
    });

    test('at the top level: declarations such as scale, section and indicators', async () => {
        const items = await complete(`${HEADER}<|>`);
        expect(labels(items)).toEqual(expect.arrayContaining(['scale', 'section', 'block', 'indicators', 'test', 'question', 'scale Name: ordinal { … }']));
    });

    test('in an indicators block: indicator, drivers, weight, min_n', async () => {
        const items = await complete(`${HEADER}indicators {\n  <|>\n}`);
        expect(labels(items)).toEqual(expect.arrayContaining(['indicator', 'drivers', 'weight', 'min_n', 'indicator name "…" = mean(x)']));
    });

    test('functions where an expression starts; the indicator functions only in an indicator', async () => {
        const condition = await complete(`${HEADER}question q: yesno "Q" @en "Q" @de "Q"\nif <|>`);
        expect(labels(condition)).toEqual(expect.arrayContaining(['answered', 'valid', 'sum', 'count']));
        expect(labels(condition)).not.toContain('mean');
        const formula = await complete(`${HEADER}question q: Cijfer "Q" @en "Q" @de "Q"\nindicators {\n  indicator i = <|>\n}`);
        expect(labels(formula)).toEqual(expect.arrayContaining(['mean', 'share', 'nps', 'response_rate']));
        expect(formula.find(i => i.label === 'mean')?.insertText).toBe('mean($1)');
    });
});
