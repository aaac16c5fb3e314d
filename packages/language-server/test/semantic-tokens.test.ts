import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { SemanticTokensDecoder } from 'langium/lsp';
import { expectSemanticToken, highlightHelper } from 'langium/test';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { addFiles, clearFiles, createTestServices, SCALES, type TestServices } from './lsp-test-helpers.js';

let services: TestServices;
beforeAll(async () => {
    services = await createTestServices();
});
afterEach(async () => clearFiles(services));

const TEXT = `survey s {
  variant ouder "Ouder"
}
${SCALES}sample wijk: yesno "Wijk"
question werk: yesno "Werk?" ouder: "Werk van uw kind?"
grid stellingen: Akkoord5 "Eens?" {
  rechten "R"
}
derive voltijd = answered(werk) and werk = yes
if stellingen.rechten >= akkoord and wijk = no and voltijd {
  note n "N"
}
indicators {
  indicator tevreden = share(werk = yes)
}
`;

/** Every token as "text:type[+modifiers]". */
async function tokensOf(text: string): Promise<string[]> {
    const [document] = await addFiles(services, { 'main.kto': text });
    const provider = services.Kto.lsp.SemanticTokenProvider!;
    const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    const modifierNames = Object.entries(provider.tokenModifiers);
    return SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document).map(t => {
        const modifiers = modifierNames.filter(([, bit]) => (t.tokenModifiers & bit) !== 0).map(([name]) => name);
        return `${t.text}:${t.tokenType}${modifiers.length ? `+${modifiers.join('+')}` : ''}`;
    });
}

describe('semantic tokens', () => {
    test('each kind of name has its own token type, the same at the declaration and at every use', async () => {
        const tokens = await tokensOf(TEXT);
        const d = SemanticTokenModifiers.declaration;
        expect(tokens).toEqual(expect.arrayContaining([
            `s:namespace+${d}`,
            `ouder:typeParameter+${d}`, 'ouder:typeParameter',
            `Akkoord5:type+${d}`, 'Akkoord5:type', `yesno:type+${SemanticTokenModifiers.defaultLibrary}`,
            `akkoord:enumMember+${d}`, 'akkoord:enumMember',
            `wijk:parameter+${d}`, 'wijk:parameter',
            `werk:variable+${d}`, 'werk:variable',
            `stellingen:variable+${d}`, 'stellingen:variable',
            `rechten:property+${d}`, 'rechten:property',
            `voltijd:variable+${d}+readonly`, 'voltijd:variable+readonly',
            `tevreden:function+${d}`,
            `answered:function+${SemanticTokenModifiers.defaultLibrary}`,
            `yes:enumMember+${SemanticTokenModifiers.defaultLibrary}`, `no:enumMember+${SemanticTokenModifiers.defaultLibrary}`
        ]));
    });

    test('Langium\'s highlight helper: a label in a condition is an enum member', async () => {
        const highlight = highlightHelper(services.Kto);
        const result = await highlight(`survey s {}\n${SCALES}question q: Akkoord5 "Q"\nif <|q|> >= <|akkoord|> {}\n`);
        expectSemanticToken(result, { rangeIndex: 0, tokenType: SemanticTokenTypes.variable });
        expectSemanticToken(result, { rangeIndex: 1, tokenType: SemanticTokenTypes.enumMember });
    });
});
