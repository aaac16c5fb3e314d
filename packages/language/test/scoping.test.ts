import { describe, expect, test } from 'vitest';
import { codesOf, diagnosticsOf, SCALES } from './helpers.js';

describe('names across files', () => {
    test('a survey sees the scales of the files it imports, relative to itself', async () => {
        const codes = await codesOf({
            'surveys/main.kto': 'survey s {}\nimport "../lib/schalen.kto"\nquestion q: Cijfer "Q"\n',
            'lib/schalen.kto': SCALES.replace(/scale Akkoord5[\s\S]*$/, '')
        });
        expect(codes).toEqual([]);
    });

    test('imports are not transitive: what an import imports stays out of scope', async () => {
        const diagnostics = await diagnosticsOf({
            'main.kto': 'survey s {}\nimport "a.kto"\nquestion q: Cijfer "Q"\nquestion r: Anders "R"\n',
            'a.kto': 'import "b.kto"\nscale Anders: nominal { 1 x "X" }\nblock bl { question z: Cijfer "Z" }\n',
            'b.kto': SCALES.replace(/scale Akkoord5[\s\S]*$/, '')
        });
        expect(diagnostics.map(d => [d.code, d.line])).toEqual([['kto/unknown-reference', 3]]);
    });

    test('an unknown name suggests the nearest declared one', async () => {
        const [d] = await diagnosticsOf(`survey s {}\n${SCALES}\nquestion leeftijd: integer 0..120 "L"\nif leeftyd > 3 {}\nquestion e: Akkoord5 "E"\nquestion c: Cijfer "C"`);
        expect(d.code).toBe('kto/unknown-reference');
        expect(d.message).toBe("Unknown item 'leeftyd'. Did you mean 'leeftijd'?");
        expect([d.line, d.column, d.endColumn]).toEqual([16, 4, 11]);
    });

    test('labels resolve against the compared item\'s scale only', async () => {
        const base = `survey s {}\n${SCALES}\nquestion c: Cijfer "C"\nquestion e: Akkoord5 "E"\n`;
        expect(await codesOf(base + 'if e >= eens {}\nif c = weet_niet {}\nif e = weet_niet {}\n')).toEqual([]);
        const [foreign] = await diagnosticsOf(base + 'if c >= eens {}\n');
        expect(foreign.code).toBe('kto/foreign-label');
        expect(foreign.message).toBe("'eens' is a label of scale Akkoord5, but 'c' answers on Cijfer.");
        const [bare] = await diagnosticsOf(base + 'if eens {}\n');
        expect(bare.code).toBe('kto/unknown-reference');
        expect(bare.message).toContain('a label can only stand beside the item it is compared with');
    });

    test('grid statements are named through their grid', async () => {
        const base = `survey s {}\n${SCALES}\nquestion c: Cijfer "C"\ngrid g: Akkoord5 "G" { a "A" b "B" }\n`;
        expect(await codesOf(base + 'if g.a >= eens {}\n')).toEqual([]);
        expect(await codesOf(base + 'if g.c >= eens {}\n')).toContain('kto/unknown-reference');
        expect(await codesOf(base + 'if g >= eens {}\n')).toContain('kto/grid-row-required');
    });

    test('yes and no work for every yes/no scale, also one that only adds missing codes', async () => {
        const codes = await codesOf('survey s {}\nscale JaNee: yesno { missing 9 weet_niet "Weet niet" }\nquestion a: JaNee "A"\nquestion b: yesno "B"\nif a = yes or a = weet_niet {}\nif b = no {}\n');
        expect(codes).toEqual([]);
    });
});
