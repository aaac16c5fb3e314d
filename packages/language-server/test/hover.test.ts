import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AstUtils, type LangiumDocument } from 'langium';
import { expectHover } from 'langium/test';
import { isGrid, isQuestion, type KtoFile } from '@kto/language';
import { addFiles, clearFiles, createTestServices, markers, SCALES, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

async function hoverAt(document: LangiumDocument, offset: number): Promise<string | undefined> {
    const hover = await services.Kto.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
    });
    return (hover?.contents as { value: string } | undefined)?.value;
}

/** The hover at `<|>` in main.kto. */
async function hover(source: string, others: Record<string, string> = {}): Promise<string> {
    const { text, offsets } = markers(source);
    const documents = await addFiles(services, { ...others, 'main.kto': text });
    return (await hoverAt(documents[documents.length - 1], offsets[0])) ?? '';
}

const SURVEY = `survey s {
  languages nl, en
  previous "2021"
}
${SCALES}sample gewicht: decimal "Gewicht" @en "Weight"

/** Whether the respondent gets debt counselling. */
question schuldhulp: yesno "Heeft u schuldhulp?" @en "Do you get debt counselling?"
end "Bedankt" @en "Thanks" if schuldhulp = no
if schuldhulp = yes {
  question schuld_cijfer: Cijfer optional "Welk cijfer?" @en "Which grade?"
}
grid stellingen: Akkoord5 "Eens?" @en "Agree?" {
  rechten "Ik ken mijn rechten." @en "I know my rights."
}
derive groep "Groep" @en "Group" = schuld_cijfer < 6 ? "laag" : "hoog"
indicators {
  weight gewicht
  indicator tevreden "Tevreden" @en "Satisfied" = mean(schuld_cijfer) by groep compare previous min_n 30 suppress 10
  indicator rechten "Kent rechten" @en "Knows rights" = share(stellingen.rechten >= akkoord) where schuldhulp = yes unweighted
}
test "geen schuldhulp" {
  given schuldhulp = yes
  expect asked schuld_cijfer
}
`;

const at = (needle: string, delta = 1): string => {
    const i = SURVEY.indexOf(needle);
    if (i < 0) throw new Error(needle);
    return SURVEY.slice(0, i + delta) + '<|>' + SURVEY.slice(i + delta);
};

describe('hover on an item', () => {
    test('its wording with translations, its scale with codes, when it is asked, what uses it', async () => {
        const text = await hover(at('schuld_cijfer: Cijfer'));
        expect(text).toContain('**question** `schuld_cijfer`: `Cijfer` · optional');
        expect(text).toContain('> Welk cijfer?');
        expect(text).toContain('*en:* Which grade?');
        expect(text).toContain('| 99 *missing* | `weet_niet` | Weet niet |');
        expect(text).toContain('*Asked when* schuldhulp is “Ja”');
        expect(text).toContain('`schuldhulp = yes`');
        expect(text).toContain('*Unless screened out before, when* schuldhulp is “Nee”');
        expect(text).toMatch(/\*Used by\* derived values `groep` · indicators `tevreden` · tests "geen schuldhulp"/);
    });

    test('at a reference in a condition, the same hover as at the declaration; the doc comment is shown', async () => {
        const text = await hover(at('schuldhulp = yes {'));
        expect(text).toContain('**question** `schuldhulp`: `yesno`');
        expect(text).toContain('Whether the respondent gets debt counselling.');
        expect(text).toContain('| 1 | `yes` | Ja |');
        expect(text).toContain('*Asked to every respondent*');
        expect(text).toContain('*Used by* screen-outs line 21 · routing line 22 · indicators `rechten` · tests "geen schuldhulp"');
    });

    test('a grid lists its statements; a statement names its grid and scale', async () => {
        expect(await hover(at('stellingen: Akkoord5'))).toContain('- `rechten` Ik ken mijn rechten.');
        const row = await hover(at('rechten >= akkoord'));
        expect(row).toContain('**statement** `stellingen.rechten` of grid `stellingen`, answered on `Akkoord5`');
        expect(row).toContain('*en:* I know my rights.');
    });

    test('an item of an imported block: its wording, and whether this survey asks it', async () => {
        const lib = `library l {\n  languages nl, en\n}\n${SCALES}block b {\n  question v: Akkoord5 "Vraag" @en "Question"\n}\n`;
        const text = await hover(`survey s {\n  languages nl, en\n}\nimport "lib/l.kto"\ninclude b\nif <|>v >= akkoord {\n  note n "N" @en "N"\n}\n`, { 'lib/l.kto': lib });
        expect(text).toContain('> Vraag');
        expect(text).toContain('*Asked to every respondent* (from block `b`)');
    });

    test('a survey with errors still shows the routing as written', async () => {
        const text = await hover('survey s {}\nquestion a: yesno "A"\nif a = yes and onbekend = 1 {\n  question <|>b: yesno "B"\n}\n');
        expect(text).toContain('*Asked when:* `a = yes and onbekend = 1`');
    });
});

describe('hover on scales, labels, derived values and indicators', () => {
    test('a scale: its kind and codes, and the items on it', async () => {
        const text = await hover(at('Akkoord5 "Eens'));
        expect(text).toContain('**scale** `Akkoord5`: ordinal (ordered)');
        expect(text).toContain('| 4 | `akkoord` | Mee eens |');
        expect(text).toContain('*Used by* items `stellingen`');
    });

    test('a label: its code, scale and text', async () => {
        const text = await hover(at('akkoord) where'));
        expect(text).toContain('**label** `akkoord` = 4 on scale `Akkoord5`');
        expect(text).toContain('"Mee eens" · *en:* "Agree"');
    });

    test('a built-in label', async () => {
        const text = await hover(at('yes {'));
        expect(text).toContain('**label** `yes` = 1 on scale `yesno`');
    });

    test('a missing code says that it stays out of the base', async () => {
        const text = await hover(`${SURVEY}if schuld_cijfer = weet_n<|>iet {}\n`);
        expect(text).toContain('**missing code** `weet_niet` = 99 on scale `Cijfer`');
        expect(text).toContain('kept out of every base');
    });

    test('a derived value: its expression, type and meaning in words', async () => {
        const text = await hover(at('groep "Groep'));
        expect(text).toContain('**derived value** `groep` "Groep": a text');
        expect(text).toContain('schuld_cijfer < 6 ? "laag" : "hoog"');
        expect(text).toContain('*In words:* “laag” if schuld\\_cijfer is less than 6, otherwise “hoog”');
    });

    test('an indicator: the formula in words with breakdown, comparison, minimum base and weight', async () => {
        const text = await hover(at('tevreden "Tevreden'));
        expect(text).toContain('**indicator** `tevreden`: "Tevreden" · *en:* "Satisfied"');
        expect(text).toContain('The mean of schuld\\_cijfer, over respondents with a valid answer');
        expect(text).toContain('- broken down by `groep`');
        expect(text).toContain('- compared with wave "2021" (α = 0.05)');
        expect(text).toContain('- indicative below a base of 30, not shown below 10');
        expect(text).toContain('- weighted by `gewicht`');
    });

    test('a share with a filter, unweighted', async () => {
        const text = await hover(at('rechten "Kent'));
        expect(text).toContain('The percentage of respondents for whom stellingen.rechten is at least “Mee eens”');
        expect(text).toContain('- only respondents for whom schuldhulp is “Ja”');
        expect(text).toContain('- unweighted');
        expect(text).toContain('no minimum base');
    });

    test('a sample variable and a function', async () => {
        expect(await hover(at('gewicht: decimal'))).toContain('**sample variable** `gewicht`: "Gewicht" · *en:* "Weight"');
        expect(await hover(at('mean(schuld'))).toContain('**mean**(x)');
    });

    test('Langium\'s expectHover on a label', async () => {
        const { Kto } = services;
        await expectHover(Kto)({
            text: `survey s {}\n${SCALES}question q: Akkoord5 "Q"\nif q = ne<|>utraal {}\n`,
            index: 0,
            hover: /\*\*label\*\* `neutraal` = 3 on scale `Akkoord5`/,
            disposeAfterCheck: true
        });
    });
});

describe('every item of every example has a hover with its wording', () => {
    const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
    const files = ['bergen-wmo-2014.kto', 'bijstand-2017.kto', 'gent-sociale-dienst-2023.kto', 'meerssen-jeugd-2023.kto', 'nijmegen-2024.kto'];

    test.each(files)('%s', async file => {
        const documents = await addFiles(services, {
            'lib/schalen.kto': readFileSync(`${examples}lib/schalen.kto`, 'utf8'),
            'lib/wmo-ceo.kto': readFileSync(`${examples}lib/wmo-ceo.kto`, 'utf8'),
            [file]: readFileSync(`${examples}${file}`, 'utf8')
        });
        const document = documents[documents.length - 1];
        const items = AstUtils.streamAllContents(document.parseResult.value as KtoFile).filter(n => isQuestion(n) || isGrid(n)).toArray();
        expect(items.length).toBeGreaterThan(5);
        for (const item of items) {
            const name = item as { name: string; wording: { text: { value: string } }; $cstNode?: { offset: number } };
            const text = await hoverAt(document, name.$cstNode!.offset + document.textDocument.getText().slice(name.$cstNode!.offset).indexOf(name.name));
            expect(text, name.name).toContain(`\`${name.name}\``);
            expect(text, name.name).toContain(name.wording.text.value.replace(/([\\`*_[\]<>|])/g, '\\$1'));
            expect(text, name.name).toMatch(/\*Asked|\*Not asked/);
        }
    });
});
