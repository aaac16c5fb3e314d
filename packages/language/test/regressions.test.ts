import { describe, expect, test } from 'vitest';
import { codesOf, diagnosticsOf } from './helpers.js';

// Problems found while writing the examples; each once slipped through or was reported wrongly.
describe('regressions', () => {
    const base = `survey s { languages nl }
question m: yesno "M"
if m = yes {
  question cijfer: grade 1..10 "Cijfer"
}
`;

    test('answered() inside a derived value guards the reads made through it', async () => {
        expect(await codesOf(base + 'derive laag = answered(cijfer) and cijfer <= 5\nif laag { note n "N" }\n')).toEqual([]);
        expect(await codesOf(base + 'derive laag = cijfer <= 5\nif laag { note n "N" }\n')).toEqual(['kto/maybe-unanswered']);
    });

    test('labels can stand beside a derived value that holds an answer', async () => {
        expect(await codesOf(base + 'scale Eens: ordinal { 1 oneens "Oneens" 2 neutraal "Neutraal" 3 eens "Eens" }\nquestion a: Eens "A"\nderive oordeel = a\nif oordeel = eens { note n "N" }\n')).toEqual([]);
    });

    test('the base of an indicator is empty when its filter excludes everyone asked the item', async () => {
        const diagnostics = await diagnosticsOf(base + 'indicators {\n  indicator leeg = mean(cijfer) where m = no min_n 30\n}\n');
        expect(diagnostics.map(d => d.code)).toEqual(['kto/empty-base']);
        expect(diagnostics[0].message).toBe("Nobody who is asked 'cijfer' meets the filter, so the base of 'leeg' is always empty.");
    });

    test('min_n is asked for when the item is only asked on some paths, also through a derived value', async () => {
        expect(await codesOf(base + 'derive hoog = cijfer >= 8\nindicators {\n  indicator h = share(hoog)\n}\n')).toEqual(['kto/maybe-unanswered', 'kto/min-n-missing']);
    });

    test('a screen-out that always triggers is reported, and what follows is unreachable, not an error', async () => {
        const codes = await codesOf('survey s { languages nl }\nquestion a: yesno "A"\nend "Klaar" if a in {yes, no}\nif a = yes { note n "N" }\n');
        expect(codes).toEqual(['kto/condition-always-true', 'kto/unreachable-item']);
    });

    test('words that are keywords elsewhere can be names; real reserved words are explained', async () => {
        expect(await codesOf('survey s { languages nl }\nquestion test: yesno "T"\nquestion note: yesno "N"\nif test = yes and note = no { question sample: text "S" }\n')).toEqual([]);
        const [d] = await diagnosticsOf('survey s { languages nl }\nquestion end: yesno "E"\n');
        expect(d.message).toContain("'end' is a reserved word of kto");
    });

    test('screen-out texts and hints take variant wording', async () => {
        expect(await codesOf('survey s { languages nl\n variant ouder "Ouder" }\nquestion a: yesno "Ben je 15?" ouder: "Is uw kind 15?" hint "Kies" ouder: "Kies voor uw kind"\nend "Jij stopt" ouder: "U stopt" if a = no\n')).toEqual([]);
    });

    test('a missing code is no value for ordering, also through a derived value', async () => {
        const src = 'survey s { languages nl }\nscale Eens: ordinal { 1 oneens "Oneens" 2 neutraal "Neutraal" 3 eens "Eens" missing 9 wn "Weet niet" }\nquestion a: Eens "A"\nderive d = a\nif d > 3 { note n "N" }\n';
        expect(await codesOf(src)).toEqual(['kto/unreachable-item']);
    });

    test('a yes/no scale only answers yes and no', async () => {
        expect(await codesOf('survey s { languages nl }\nscale JN: yesno { 1 ja "Ja" 0 nee "Nee" 2 misschien "Misschien" }\nquestion q: JN "Q"\n')).toEqual(['kto/code-out-of-range']);
        expect(await codesOf('survey s { languages nl }\nscale JN: yesno { missing 2 misschien "Misschien" }\nquestion q: JN "Q"\n')).toEqual([]);
    });

    test('the built-in yes/no needs its labels in every declared language', async () => {
        const [d] = await diagnosticsOf('survey s { languages nl, es }\nquestion q: yesno "Q" @es "Q"\n');
        expect(d.code).toBe('kto/missing-translation');
        expect(d.message).toContain('The built-in yes/no has no Spanish (es) labels');
        expect(await codesOf('survey s { languages nl, en }\nquestion q: yesno "Q" @en "Q"\n')).toEqual([]);
    });

    test('wording for one variant given twice is reported', async () => {
        expect(await codesOf('survey s { languages nl\n variant ouder "Ouder" }\nquestion q: yesno "Q" ouder: "A" ouder: "B"\n')).toEqual(['kto/duplicate-translation']);
    });

    test('a condition that itself settles the item is not warned about', async () => {
        const src = 'survey s { languages nl }\nquestion werk: yesno "W"\nif werk = yes { question uren: integer 0..80 "U" }\n';
        expect(await codesOf(src + 'if werk = yes and uren > 36 { note n "N" }\n')).toEqual([]);
        expect(await codesOf(src + 'if werk = yes or uren > 36 { note n "N" }\n')).toEqual(['kto/maybe-unanswered']);
    });

    test('labels beside a derived value that picks between answers of one scale', async () => {
        const src = 'survey s { languages nl }\nscale Eens: ordinal { 1 oneens "Oneens" 2 eens "Eens" }\nquestion x: yesno "X"\nquestion a: Eens "A"\nquestion b: Eens "B"\nderive k = x = yes ? a : b\nif k = oneens { note n "N" }\n';
        expect(await codesOf(src)).toEqual([]);
    });

    test('drivers over all statements of a nominal grid are rejected like one statement', async () => {
        const src = 'survey s { languages nl }\nscale Kanaal: nominal { 1 balie "Balie" 2 web "Web" }\nquestion o: grade 1..10 "O"\ngrid g: Kanaal "G" { r1 "R1" r2 "R2" }\nindicators {\n  drivers d: o ~ g.*\n}\n';
        expect(await codesOf(src)).toEqual(['kto/indicator-type']);
    });

    test('a scale of your own cannot take a built-in name; languages may carry a region', async () => {
        expect(await codesOf('survey s { languages nl }\nscale yesno: nominal { 1 a "A" }\nquestion q: yesno "Q"\n')).toEqual(['kto/duplicate-name']);
        expect(await codesOf('survey s { languages nl, pt-BR }\nquestion q: integer 0..9 "Q" @pt-BR "Q"\n')).toEqual([]);
    });
});

