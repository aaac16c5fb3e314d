import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { expectFoldings, expectSymbols, expectWorkspaceSymbols } from 'langium/test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { addFiles, clearFiles, createTestServices, SCALES, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

const SURVEY = `survey kto {
  variant ouder "Ouder"
}
import "lib/l.kto"
${SCALES}section hulp "Hulp" {
  question werk: yesno "Werk?"
  if werk = yes {
    question uren: integer 1..80 "Uren?"
  }
  grid stellingen: Akkoord5 "Eens?" {
    rechten "R"
  }
}
sample wijk: yesno "Wijk"
derive voltijd = answered(uren) and uren >= 32
indicators {
  indicator tevreden = share(stellingen.rechten >= akkoord)
  drivers waarom: uren ~ stellingen.*
}
test "werkenden" {
  given werk = yes
}
`;

const KIND_NAMES: Record<number, string> = Object.fromEntries(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

function outline(symbols: DocumentSymbol[], indent = ''): string[] {
    return symbols.flatMap(s => [`${indent}${s.name} (${KIND_NAMES[s.kind]})${s.detail ? ` ${s.detail}` : ''}`, ...outline(s.children ?? [], `${indent}  `)]);
}

describe('document symbols', () => {
    test('the outline: header, imports, scales with codes, sections with their items (also under an if), indicators, tests', async () => {
        await expectSymbols(services.Kto)({
            text: SURVEY,
            assert: symbols => expect(outline(symbols)).toEqual([
                'kto (Module)',
                '  ouder (TypeParameter)',
                'import "lib/l.kto" (File)',
                'Akkoord5 (Enum)',
                '  helemaal_oneens (EnumMember) 1 "Helemaal mee oneens"',
                '  oneens (EnumMember) 2 "Mee oneens"',
                '  neutraal (EnumMember) 3 "Neutraal"',
                '  akkoord (EnumMember) 4 "Mee eens"',
                '  helemaal_akkoord (EnumMember) 5 "Helemaal mee eens"',
                '  weet_niet (EnumMember) missing 9 "Weet niet"',
                'Cijfer (Enum)',
                '  1 (EnumMember) 1 "Zeer slecht"',
                '  weet_niet (EnumMember) missing 99 "Weet niet"',
                'hulp (Namespace)',
                '  werk (Variable) yesno',
                '  uren (Variable) integer 1..80',
                '  stellingen (Struct) Akkoord5',
                '    rechten (Field)',
                'wijk (Property) yesno',
                'voltijd (Function) answered(uren) and uren >= 32',
                'indicators (Object)',
                '  tevreden (Number) share(stellingen.rechten >= akkoord)',
                '  waarom (Operator) uren ~ stellingen.*',
                'werkenden (Method) 1 steps'
            ]),
            disposeAfterCheck: true
        });
    });
});

describe('workspace symbols', () => {
    test('declarations of every file, found by name', async () => {
        await addFiles(services, { 'a.kto': 'survey a {}\nquestion leeftijd: integer "L"\n', 'b.kto': 'library b {}\nscale Leeftijdsgroep: ordinal {\n  1 jong "Jong"\n}\n' });
        await expectWorkspaceSymbols(services.shared)({
            query: 'leeftijd',
            assert: symbols => {
                const found = symbols.map(s => `${s.name} ${KIND_NAMES[s.kind]}`).sort();
                expect(found).toEqual(['Leeftijdsgroep Enum', 'leeftijd Variable']);
            }
        });
    });
});

describe('folding', () => {
    test('blocks, block comments, runs of line comments and imports fold', async () => {
        await expectFoldings(services.Kto)({
            text: `<|// Over dit onderzoek:
// de eerste meting.
|>survey s {}
<|import "a.kto"
import "b.kto"
|><|/**
 * Vragen over werk.
|> */
<|section werk {
  question a: yesno "A"
  question b: yesno "B"
|>}
`,
            assert: (foldings, expected) => {
                expect(foldings.map(f => [f.startLine, f.endLine, f.kind]).sort()).toEqual([
                    [0, 1, 'comment'], [3, 4, 'imports'], [5, 6, 'comment'], [8, 10, undefined]
                ].sort());
                expect(expected.length).toBe(4);
            },
            disposeAfterCheck: true
        });
    });
});
