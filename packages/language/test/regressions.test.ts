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
});
