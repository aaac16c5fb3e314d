import { describe, expect, test } from 'vitest';
import { codesOf, SCALES } from './helpers.js';

const survey = (body: string): string => `survey s {}\n${SCALES}\nquestion c: Cijfer "C"\nquestion e: Akkoord5 "E"\nquestion leeftijd: integer 0..120 "L"\n${body}`;

describe('reasoning over the scales\' domains', () => {
    test.each([
        ['c > 10', 'kto/unreachable-item'],
        ['c > 9', undefined],
        ['c >= 1 and c <= 10', undefined],            // not always true: "weet niet" (99) is neither
        ['valid(c) or not valid(c)', 'kto/condition-always-true'],
        ['leeftijd >= 0', 'kto/condition-always-true'],
        ['leeftijd > 120', 'kto/unreachable-item'],
        ['e = eens and e = oneens', 'kto/unreachable-item'],
        ['e in {eens, helemaal_eens}', undefined]
    ])('if %s {…} → %s', async (condition, expected) => {
        const codes = await codesOf(survey(`if ${condition} { note n "N" }\n`));
        const reasoning = codes.filter(c => c === 'kto/unreachable-item' || c === 'kto/condition-always-true');
        expect(reasoning).toEqual(expected ? [expected] : []);
    });

    test('earlier screen-outs narrow what later conditions can see', async () => {
        expect(await codesOf(survey('end "Te jong" if leeftijd < 18\nif leeftijd < 16 { note n "N" }\n'))).toEqual(['kto/unreachable-item']);
        expect(await codesOf(survey('end "Te jong" if leeftijd < 18\nif leeftijd < 21 { note n "N" }\n'))).toEqual([]);
        expect(await codesOf(survey('end "Klaar"\nnote n "N"\n'))).toEqual(['kto/unreachable-item']);
    });

    test('nested conditions are reasoned about together with their path', async () => {
        expect(await codesOf(survey('if c <= 5 { if c >= 6 { note n "N" } }\n'))).toEqual(['kto/unreachable-item']);
        expect(await codesOf(survey('if c <= 5 { if c <= 8 { note n "N" } }\n'))).toEqual(['kto/condition-always-true']);
        expect(await codesOf(survey('if c <= 5 { note a "A" } else { if c <= 5 { note n "N" } }\n'))).toEqual(['kto/unreachable-item']);
    });

    test('routing may only read what was asked before, on the same path', async () => {
        expect(await codesOf(survey('if later = yes { note n "N" }\nquestion later: yesno "Later"\n'))).toEqual(['kto/read-before-asked']);
        expect(await codesOf(survey('if c > 5 { question x: yesno "X" } else { if x = yes { note n "N" } }\n'))).toEqual(['kto/never-asked-on-path']);
        expect(await codesOf(survey('if c > 5 { question x: yesno "X" }\nif x = yes { note n "N" }\n'))).toEqual(['kto/maybe-unanswered']);
        expect(await codesOf(survey('if c > 5 { question x: yesno "X" }\nif answered(x) and x = yes { note n "N" }\n'))).toEqual([]);
        expect(await codesOf(survey('if c > 5 { question x: yesno "X"\n if x = yes { note n "N" } }\n'))).toEqual([]);
    });

    test('a derived value carries the reads of what it is computed from', async () => {
        const codes = await codesOf(survey('derive jong = later < 30\nif jong { note n "N" }\nquestion later: integer 0..120 "Later"\n'));
        expect(codes).toEqual(['kto/read-before-asked']);
    });

    test('derived cycles are reported with their full path', async () => {
        const codes = await codesOf(survey('derive a = b + 1\nderive b = d + 1\nderive d = a + 1\n'));
        expect(codes).toEqual(['kto/derived-cycle', 'kto/derived-cycle', 'kto/derived-cycle']);
    });
});
