import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import { checkSources, createKtoServices } from '@kto/language';
import type { IGrammar, StateStack } from 'vscode-textmate';

/**
 * The hand-written TextMate grammar (syntaxes/kto.tmLanguage.json), tokenised with the same
 * engine VS Code uses, and the editor configuration of the VS Code extension: the language
 * configuration and the snippets.
 */
const ROOT = join(import.meta.dirname, '..');
const GRAMMAR = join(ROOT, 'syntaxes', 'kto.tmLanguage.json');
const LANGUAGE_CONFIGURATION = join(ROOT, 'packages', 'vscode', 'language-configuration.json');
const SNIPPETS = join(ROOT, 'packages', 'vscode', 'snippets', 'kto.json');

let grammar: IGrammar;

beforeAll(async () => {
    const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
            createOnigString: (text: string) => new oniguruma.OnigString(text)
        }),
        loadGrammar: async (scopeName: string) =>
            scopeName === 'source.kto' ? textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null
    });
    const loaded = await registry.loadGrammar('source.kto');
    if (!loaded) throw new Error('grammar source.kto did not load');
    grammar = loaded;
});

interface Token { text: string; scopes: string[]; line: number; column: number }

interface Tokenised {
    tokens: Token[];
    /** Per line: the scopes open at its end (what the next line starts in). */
    openAtEnd: string[][];
    /** Lines where the state carried from the line before changes how the line is read. */
    leaks: number[];
    state: StateStack;
}

/** The scopes in force at the start of a line that follows `state`. */
function scopesAfter(state: StateStack): string[] {
    return grammar.tokenizeLine('', state).tokens[0]?.scopes ?? [];
}

function tokenise(text: string): Tokenised {
    let state: StateStack = textmate.INITIAL;
    const tokens: Token[] = [];
    const openAtEnd: string[][] = [];
    const leaks: number[] = [];
    text.split(/\r?\n/).forEach((line, index) => {
        const result = grammar.tokenizeLine(line, state);
        // A line that starts in column 0 with a declaration (not a closing brace, not a comment
        // line inside a construct) must read the same as it would at the top of a file: nothing
        // from the lines before may still be open around it.
        if (/^[^\s}*/]/.test(line)) {
            const fresh = grammar.tokenizeLine(line, textmate.INITIAL);
            if (JSON.stringify(fresh.tokens) !== JSON.stringify(result.tokens)) leaks.push(index + 1);
        }
        for (const t of result.tokens) {
            tokens.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: index + 1, column: t.startIndex });
        }
        state = result.ruleStack;
        openAtEnd.push(scopesAfter(state));
    });
    return { tokens, openAtEnd, leaks, state };
}

/**
 * The token at `word` within the `occurrence`-th occurrence of `context` in `text` (`word`
 * defaults to the whole context: the token where the context starts).
 */
const tokenised = new Map<string, Tokenised>();

function tokenAt(text: string, context: string, word = context, occurrence = 1): Token {
    const offset = context.indexOf(word);
    if (offset < 0) throw new Error(`'${word}' is not part of '${context}'`);
    const lines = text.split('\n');
    let seen = 0;
    for (let l = 0; l < lines.length; l++) {
        for (let column = lines[l]!.indexOf(context); column >= 0; column = lines[l]!.indexOf(context, column + 1)) {
            if (++seen < occurrence) continue;
            const at = column + offset;
            if (!tokenised.has(text)) tokenised.set(text, tokenise(text));
            const token = tokenised.get(text)!.tokens.find(t => t.line === l + 1 && t.column <= at && at < t.column + t.text.length);
            if (!token) throw new Error(`no token at '${word}' in '${context}'`);
            return token;
        }
    }
    throw new Error(`'${context}' (occurrence ${occurrence}) is not in the text`);
}

const scopesOf = (text: string, context: string, word?: string, occurrence?: number): string[] =>
    tokenAt(text, context, word, occurrence).scopes;

/** The whole token at `word`: shows that the token is exactly that word. */
const tokenText = (text: string, context: string, word?: string, occurrence?: number): string =>
    tokenAt(text, context, word, occurrence).text;

const has = (scopes: string[], prefix: string): boolean => scopes.some(s => s === prefix || s.startsWith(prefix + '.'));

function ktoFiles(folder: string): string[] {
    return readdirSync(folder).filter(f => f.endsWith('.kto')).sort().map(f => join(folder, f));
}

// ---------------------------------------------------------------- (0) the grammar itself

describe('the grammar file', () => {
    type Rule = Record<string, unknown>;
    const raw = JSON.parse(readFileSync(GRAMMAR, 'utf8')) as { scopeName: string; patterns: Rule[]; repository: Record<string, Rule> };

    /** Every rule in the grammar, with where it sits, including rules nested in captures. */
    function rules(): [string, Rule][] {
        const out: [string, Rule][] = [];
        const visit = (rule: Rule, path: string): void => {
            out.push([path, rule]);
            for (const key of ['patterns'] as const) {
                (rule[key] as Rule[] | undefined)?.forEach((r, i) => visit(r, `${path}.${key}[${i}]`));
            }
            for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
                for (const [n, r] of Object.entries((rule[key] as Record<string, Rule> | undefined) ?? {})) visit(r, `${path}.${key}.${n}`);
            }
        };
        raw.patterns.forEach((r, i) => visit(r, `patterns[${i}]`));
        for (const [name, r] of Object.entries(raw.repository)) visit(r, `repository.${name}`);
        return out;
    }

    test('is named source.kto', () => {
        expect(raw.scopeName).toBe('source.kto');
    });

    test('every include names a repository entry, and every entry is used', () => {
        const includes = rules().flatMap(([, r]) => typeof r.include === 'string' ? [r.include] : []);
        for (const include of includes) expect(include.startsWith('#') && include.slice(1) in raw.repository, include).toBe(true);
        for (const name of Object.keys(raw.repository)) expect(includes, name).toContain(`#${name}`);
    });

    test('every regular expression compiles in Oniguruma', () => {
        for (const [path, rule] of rules()) {
            for (const key of ['match', 'begin', 'end'] as const) {
                const source = rule[key];
                if (typeof source !== 'string') continue;
                expect(() => new oniguruma.OnigScanner([source]), `${path}.${key}: ${source}`).not.toThrow();
            }
        }
    });

    test('every scope name ends in .kto', () => {
        for (const [path, rule] of rules()) {
            if (typeof rule.name === 'string') for (const n of rule.name.split(' ')) expect(n, path).toMatch(/\.kto$/);
        }
    });
});

// ---------------------------------------------------------------- (1) whole files

describe('every example tokenises back to the root state', () => {
    const files = [...ktoFiles(join(ROOT, 'examples')), ...ktoFiles(join(ROOT, 'examples', 'lib'))];

    test('there are examples', () => {
        expect(files.length).toBeGreaterThanOrEqual(7);
    });

    test.each(files.map(f => [f.slice(ROOT.length + 1), f] as const))('%s', (_name, file) => {
        const result = tokenise(readFileSync(file, 'utf8'));
        // no unterminated string, comment or block swallowed the rest of the file
        expect(result.state.depth).toBe(1);
        expect(scopesAfter(result.state)).toEqual(['source.kto']);
        // no line ends inside a string (kto strings may span lines, the examples' do not)
        const inString = result.openAtEnd.flatMap((scopes, i) => has(scopes, 'string') ? [i + 1] : []);
        expect(inString).toEqual([]);
        // every top-level declaration is read as if it started the file
        expect(result.leaks).toEqual([]);
        // and nothing is left unscoped that looks like a keyword of the language
        const declarations = result.tokens.filter(t => /^(question|grid|scale|section|indicator|test)$/.test(t.text));
        for (const t of declarations) expect(t.scopes.some(s => s.startsWith('keyword.')), `${t.text} at line ${t.line}`).toBe(true);
    });

    test('the examples in docs/language.md tokenise back to the root state', () => {
        const markdown = readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8');
        const blocks = [...markdown.matchAll(/```kto\n([\s\S]*?)```/g)].map(m => m[1]!);
        expect(blocks.length).toBeGreaterThan(10);
        for (const block of blocks) {
            const result = tokenise(block);
            expect(result.state.depth, block).toBe(1);
            expect(result.leaks, block).toEqual([]);
        }
    });
});

// ---------------------------------------------------------------- (2) tokens of a snippet

const SNIPPET = `/** Tevredenheid, gemeten sinds 2017. */
survey kto2025 {
  title "Klanttevredenheid 2025" @en "Customer satisfaction 2025"   // het eerste scherm
  languages nl, en
  wave "2025" period "2025-09-01" .. "2025-10-15"
  invited 2000
  variant ouder "Ouder of verzorger" @en "Parent or carer"
}

import "lib/schalen.kto"

scale Akkoord: ordinal {
  1 oneens "Oneens" @en "Disagree"
  4 akkoord "Akkoord" @en "Agree"
  missing 9 weet_niet "Weet niet" @en "Don't know"
}

scale Leeftijd: integer 16..110 unit "jaar" @en "years" {
  missing -1 zeg_niet "Zeg ik niet" @en "Prefer not to say"
}

/* Over de hulp.
   "Dit" is nog steeds commentaar. */
section hulp "Over de hulp" @en "About the help" {
  question tevreden: Akkoord optional "Bent u tevreden?" @en "Are you satisfied?"
    ouder: "Bent u tevreden over de hulp aan uw kind?" @en "Are you satisfied with the help for your child?"
    hint "Kies \\"weet niet\\" als het niet past." @en "Choose \\"don't know\\" if nothing fits."
  question kanalen: multi Kanaal "Hoe had u contact?" @en "How were you in touch?"
  question cijfer: grade 1..10 { missing 99 wn "Weet niet" @en "Don't know" } "Welk cijfer?" @en "Which grade?"
  grid stellingen: Akkoord "In hoeverre bent u het eens?" @en "To what extent do you agree?" {
    rechten "Ik ken mijn rechten." @en "I know my rights."
    regels reversed "De regels zijn onduidelijk." @en "The rules are unclear."
  }
  if answered(tevreden) and tevreden >= akkoord or stellingen.rechten != oneens {
    note dank "Dank u." @en "Thank you."
  } else if kanalen contains balie and cijfer not in {1, 2} {
    end "Einde // geen commentaar" @en "The end" if cijfer < 3
  }
}

block extra "Extra" @en "Extra" {
  question extra_vraag: yesno "Nog iets?" @en "Anything else?"
}
include extra

derive groep "Groep" @en "Group" = cijfer <= 5 ? "laag" : cijfer * 2 - 1 > 12.5 ? "hoog" : "midden"
sample gewicht: decimal 0..50 "Weegfactor" @en "Weight"

indicators {
  weight gewicht
  min_n 30 suppress 10
  indicator tevredenheid "Tevredenheid" @en "Satisfaction" = mean(cijfer) by groep compare previous alpha 0.05
  indicator eens "Eens" @en "Agree" = share(stellingen.rechten >= akkoord) where count(kanalen) > 1 unweighted
  indicator respons "Respons" @en "Response" = response_rate() unweighted
  drivers waarom "Waarom" @en "Why": cijfer ~ stellingen.*, tevreden method regression
}

test "te jong" {
  variant ouder
  given cijfer = 2, kanalen = {balie}, tevreden = weet_niet
  expect screened out
  expect not asked dank
  expect that groep = "laag" and true
}
`;

describe('tokens of a snippet', () => {
    test('the snippet tokenises back to the root state', () => {
        const result = tokenise(SNIPPET);
        expect(result.state.depth).toBe(1);
        expect(result.leaks).toEqual([]);
    });

    test('declaration keywords and their names', () => {
        expect(has(scopesOf(SNIPPET, 'question tevreden'), 'keyword.declaration.question')).toBe(true);
        expect(tokenText(SNIPPET, 'question tevreden')).toBe('question');
        expect(has(scopesOf(SNIPPET, 'tevreden:'), 'entity.name.variable.question')).toBe(true);
        expect(tokenText(SNIPPET, 'tevreden:')).toBe('tevreden');
        expect(has(scopesOf(SNIPPET, 'survey'), 'keyword.declaration.survey')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'kto2025'), 'entity.name.type.survey')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'Akkoord: ordinal'), 'entity.name.type.scale')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'stellingen: Akkoord'), 'entity.name.variable.grid')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'dank "'), 'entity.name.variable.note')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'groep "Groep"'), 'entity.name.variable.derived')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'gewicht: decimal'), 'entity.name.variable.sample')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'hulp "Over'), 'entity.name.section')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'tevredenheid "'), 'entity.name.function.indicator')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'waarom "'), 'entity.name.function.drivers')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'ouder "Ouder'), 'entity.name.variable.variant')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'rechten "Ik'), 'entity.name.variable.statement')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'regels reversed'), 'entity.name.variable.statement')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'block extra', 'extra'), 'entity.name.namespace.block')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'include extra', 'extra'), 'entity.name.namespace.block')).toBe(true);
    });

    test('scale references, scale kinds and modifiers', () => {
        expect(has(scopesOf(SNIPPET, 'Akkoord optional'), 'entity.name.type.scale')).toBe(true);
        expect(tokenText(SNIPPET, 'Akkoord optional')).toBe('Akkoord');
        expect(has(scopesOf(SNIPPET, 'Kanaal "'), 'entity.name.type.scale')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'multi'), 'storage.modifier')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'optional'), 'storage.modifier')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'reversed'), 'storage.modifier')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'missing 9'), 'storage.modifier')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'ordinal'), 'support.type')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'integer 16'), 'support.type')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'grade 1'), 'support.type')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'decimal 0'), 'support.type')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'unit'), 'keyword.other.unit')).toBe(true);
    });

    test('codes and labels in a scale body', () => {
        expect(has(scopesOf(SNIPPET, '4 akkoord'), 'constant.numeric')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'akkoord "Akkoord"'), 'variable.other.enummember')).toBe(true);
        expect(tokenText(SNIPPET, 'akkoord "Akkoord"')).toBe('akkoord');
        expect(has(scopesOf(SNIPPET, 'weet_niet "'), 'variable.other.enummember')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'missing -1', '-1'), 'constant.numeric')).toBe(true);
        expect(tokenText(SNIPPET, 'missing -1', '-1')).toBe('-1');
        expect(has(scopesOf(SNIPPET, 'zeg_niet'), 'variable.other.enummember')).toBe(true);
        // an inline scale body in a question
        expect(has(scopesOf(SNIPPET, 'wn "'), 'variable.other.enummember')).toBe(true);
        expect(has(scopesOf(SNIPPET, '"Welk cijfer?"'), 'string.quoted.double')).toBe(true);
        expect(has(scopesOf(SNIPPET, '"Welk cijfer?"'), 'meta.scale-type')).toBe(false);
    });

    test('texts, escapes and language tags', () => {
        expect(has(scopesOf(SNIPPET, '"Bent u tevreden?"'), 'string.quoted.double')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'Bent u tevreden?'), 'string.quoted.double')).toBe(true);
        expect(has(scopesOf(SNIPPET, '\\"weet'), 'constant.character.escape')).toBe(true);
        expect(has(scopesOf(SNIPPET, '@en "Are'), 'entity.name.tag.language')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'en "Are'), 'entity.name.tag.language')).toBe(true);
        expect(has(scopesOf(SNIPPET, '@en "Are'), 'string')).toBe(false);
        expect(has(scopesOf(SNIPPET, 'nl, en'), 'entity.name.tag.language')).toBe(true);
        // the string after the escaped quotes is closed: the translation after it is a tag
        expect(has(scopesOf(SNIPPET, '@en "Choose'), 'entity.name.tag.language')).toBe(true);
    });

    test('numbers and ranges', () => {
        expect(has(scopesOf(SNIPPET, '2000'), 'constant.numeric')).toBe(true);
        expect(has(scopesOf(SNIPPET, '16..110'), 'constant.numeric')).toBe(true);
        expect(has(scopesOf(SNIPPET, '..110'), 'keyword.operator.range')).toBe(true);
        expect(has(scopesOf(SNIPPET, '110'), 'constant.numeric')).toBe(true);
        expect(has(scopesOf(SNIPPET, '12.5'), 'constant.numeric.decimal')).toBe(true);
        expect(tokenText(SNIPPET, '12.5')).toBe('12.5');
        expect(has(scopesOf(SNIPPET, '0.05'), 'constant.numeric.decimal')).toBe(true);
        expect(has(scopesOf(SNIPPET, '.. "2025-10-15"'), 'keyword.operator.range')).toBe(true);
    });

    test('comments', () => {
        expect(has(scopesOf(SNIPPET, '/** Tevredenheid'), 'comment.block.documentation')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'Tevredenheid, gemeten'), 'comment.block.documentation')).toBe(true);
        expect(has(scopesOf(SNIPPET, '// het eerste'), 'comment.line.double-slash')).toBe(true);
        expect(has(scopesOf(SNIPPET, '/* Over de hulp'), 'comment.block')).toBe(true);
        expect(has(scopesOf(SNIPPET, '/* Over de hulp'), 'comment.block.documentation')).toBe(false);
        expect(has(scopesOf(SNIPPET, '"Dit" is nog'), 'comment.block')).toBe(true);
        expect(has(scopesOf(SNIPPET, '"Dit" is nog'), 'string')).toBe(false);
    });

    test('control keywords', () => {
        for (const [context, word] of [
            ['if answered', 'if'], ['} else if', 'else'], ['else if kanalen', 'if'], ['end "Einde', 'end'],
            ['if cijfer < 3', 'if'], ['import "lib', 'import'], ['include', 'include'], ['test "te jong"', 'test'],
            ['given cijfer', 'given'], ['expect screened', 'expect'], ['screened out', 'screened'], ['screened out', 'out'],
            ['not asked', 'asked'], ['expect that', 'that']
        ] as const) {
            expect(has(scopesOf(SNIPPET, context, word), 'keyword.control'), `${word} in ${context}`).toBe(true);
            expect(tokenText(SNIPPET, context, word), `${word} in ${context}`).toBe(word);
        }
    });

    test('settings and indicator options', () => {
        for (const word of ['title', 'languages', 'wave', 'period', 'invited', 'hint', 'weight gewicht', 'min_n', 'suppress',
            'by groep', 'compare', 'previous', 'alpha', 'where', 'unweighted', 'method']) {
            expect(has(scopesOf(SNIPPET, word), 'keyword.other'), word).toBe(true);
        }
        expect(has(scopesOf(SNIPPET, 'regression'), 'support.constant')).toBe(true);
        expect(has(scopesOf(SNIPPET, '~'), 'keyword.operator')).toBe(true);
    });

    test('expressions: operators, functions, members, constants', () => {
        expect(has(scopesOf(SNIPPET, '>= akkoord'), 'keyword.operator.comparison')).toBe(true);
        expect(tokenText(SNIPPET, '>= akkoord')).toBe('>=');
        expect(has(scopesOf(SNIPPET, '!='), 'keyword.operator.comparison')).toBe(true);
        expect(has(scopesOf(SNIPPET, '< 3'), 'keyword.operator.comparison')).toBe(true);
        expect(has(scopesOf(SNIPPET, '* 2'), 'keyword.operator.arithmetic')).toBe(true);
        expect(has(scopesOf(SNIPPET, '- 1'), 'keyword.operator.arithmetic')).toBe(true);
        expect(has(scopesOf(SNIPPET, '? "laag"'), 'keyword.operator.ternary')).toBe(true);
        expect(has(scopesOf(SNIPPET, ': cijfer * 2'), 'keyword.operator.ternary')).toBe(true);
        expect(has(scopesOf(SNIPPET, '= cijfer <= 5'), 'keyword.operator.assignment')).toBe(true);
        for (const word of ['and tevreden', 'or stellingen', 'not in', 'in {1', 'contains']) {
            expect(has(scopesOf(SNIPPET, word), 'keyword.operator'), word).toBe(true);
        }
        expect(has(scopesOf(SNIPPET, 'answered('), 'support.function')).toBe(true);
        expect(tokenText(SNIPPET, 'answered(')).toBe('answered');
        for (const call of ['mean(', 'share(', 'count(', 'response_rate(']) {
            expect(has(scopesOf(SNIPPET, call), 'support.function'), call).toBe(true);
        }
        expect(has(scopesOf(SNIPPET, 'stellingen.rechten !='), 'variable.other.object')).toBe(true);
        expect(has(scopesOf(SNIPPET, '.rechten !='), 'punctuation.accessor')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'rechten !='), 'variable.other.property')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'stellingen.*'), 'variable.other.object')).toBe(true);
        expect(has(scopesOf(SNIPPET, '*, tevreden'), 'constant.language.wildcard')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'and true', 'true'), 'constant.language')).toBe(true);
        expect(has(scopesOf(SNIPPET, '{balie}'), 'punctuation.section.braces')).toBe(true);
    });

    test('variant wording: the variant name before a colon', () => {
        expect(has(scopesOf(SNIPPET, 'ouder: "Bent'), 'entity.other.attribute-name.variant')).toBe(true);
        expect(tokenText(SNIPPET, 'ouder: "Bent')).toBe('ouder');
        expect(has(scopesOf(SNIPPET, ': "Bent'), 'punctuation.separator')).toBe(true);
        // `variant v` in a test names the variant the scripted respondent answers as
        expect(has(scopesOf(SNIPPET, 'variant ouder', 'variant', 2), 'keyword.control')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'variant ouder', 'ouder', 2), 'entity.other.attribute-name.variant')).toBe(true);
        expect(has(scopesOf(SNIPPET, 'variant ouder', 'variant', 1), 'keyword.declaration.variant')).toBe(true);
    });
});

// ---------------------------------------------------------------- (3) strings and comments

describe('strings and comments do not open each other', () => {
    const text = [
        'question a: text "Zie https://example.org // geen commentaar" @en "See /* no comment */"',
        'question b: text "Tweede" // een "commentaar" met een aanhalingsteken "',
        'question c: text "Derde"',
        '/* een "blok" met " een losse quote */',
        'question d: text "Vierde"',
        '/** doc met "quote */',
        'question e: text "Vijfde"'
    ].join('\n');

    test('a string containing // or /* is not a comment', () => {
        expect(has(scopesOf(text, '// geen'), 'string.quoted.double')).toBe(true);
        expect(has(scopesOf(text, '// geen'), 'comment')).toBe(false);
        expect(has(scopesOf(text, '/* no comment'), 'string.quoted.double')).toBe(true);
        expect(has(scopesOf(text, '/* no comment'), 'comment')).toBe(false);
    });

    test('a comment containing " does not open a string', () => {
        expect(has(scopesOf(text, '"commentaar"'), 'comment.line')).toBe(true);
        expect(has(scopesOf(text, '"commentaar"'), 'string')).toBe(false);
        expect(has(scopesOf(text, '" een losse'), 'comment.block')).toBe(true);
        for (const name of ['c', 'd', 'e']) {
            const scopes = scopesOf(text, `question ${name}`);
            expect(scopes, name).toEqual(['source.kto', 'keyword.declaration.question.kto']);
        }
        expect(tokenise(text).state.depth).toBe(1);
    });

    test('names with accented letters', () => {
        const accented = 'question één: text "Eén"\nderive reïntegratie = één = "x"';
        expect(tokenText(accented, 'één:')).toBe('één');
        expect(has(scopesOf(accented, 'één:'), 'entity.name.variable.question')).toBe(true);
        expect(tokenText(accented, 'reïntegratie')).toBe('reïntegratie');
        expect(tokenText(accented, 'één = "x"')).toBe('één');
    });
});

// ---------------------------------------------------------------- (4) editor configuration

/** A snippet body with every placeholder replaced by its default (a choice by its first option). */
function expandSnippet(body: string): string {
    const defaults = new Map<string, string>();
    let i = 0;
    const parse = (until?: string): string => {
        let out = '';
        while (i < body.length) {
            const c = body[i]!;
            if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1]!)) {
                out += body[i + 1];
                i += 2;
            } else if (until !== undefined && c === until) {
                return out;
            } else if (c === '$') {
                const simple = /^\$(\d+|[A-Za-z_]\w*)/.exec(body.slice(i));
                if (simple) {
                    i += simple[0].length;
                    out += defaults.get(simple[1]!) ?? '';
                } else if (body[i + 1] === '{') {
                    const name = /^\$\{(\d+|[A-Za-z_]\w*)/.exec(body.slice(i))![1]!;
                    i += 2 + name.length;
                    if (body[i] === '}') {
                        i++;
                        out += defaults.get(name) ?? '';
                    } else if (body[i] === ':') {
                        i++;
                        const value = parse('}');
                        i++;
                        if (!defaults.has(name)) defaults.set(name, value);
                        out += value;
                    } else if (body[i] === '|') {
                        const end = body.indexOf('|}', i + 1);
                        const first = body.slice(i + 1, end).split(',')[0]!;
                        i = end + 2;
                        if (!defaults.has(name)) defaults.set(name, first);
                        out += first;
                    } else {
                        throw new Error(`cannot read the snippet at ${body.slice(i - name.length - 2)}`);
                    }
                } else {
                    out += c;
                    i++;
                }
            } else {
                out += c;
                i++;
            }
        }
        if (until !== undefined) throw new Error(`unclosed placeholder in ${body}`);
        return out;
    };
    return parse();
}

/** Puts a snippet that is a fragment where the language allows it, in a minimal survey. */
function inContext(text: string): string {
    const first = /^\s*(\S+)/.exec(text)?.[1] ?? '';
    const header = 'survey s {\n  variant ouder "Ouder"\n}\n';
    if (/^(survey|library)$/.test(first)) return text;
    if (/^(variant|title|version|languages|wave|previous|population|invited|ineligible)$/.test(first)) return `survey s {\n${text}\n}\n`;
    if (/^(indicator|drivers|weight|min_n)$/.test(first)) return `${header}indicators {\n${text}\n}\n`;
    if (first === 'else') return `${header}if true {\n}\n${text}\n`;
    if (/^[^\s:"]+:$/.test(first)) return `${header}question q: yesno "Vraag?"\n${text}\n`;
    return `${header}${text}\n`;
}

describe('editor configuration', () => {
    test('language-configuration.json is valid JSON with working patterns', () => {
        const config = JSON.parse(readFileSync(LANGUAGE_CONFIGURATION, 'utf8'));
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toEqual([['{', '}'], ['(', ')']]);
        const quote = config.autoClosingPairs.find((p: { open: string }) => p.open === '"');
        expect(quote.notIn).toEqual(expect.arrayContaining(['string', 'comment']));

        const increase = new RegExp(config.indentationRules.increaseIndentPattern);
        const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
        expect(increase.test('section hulp "Over de hulp" {')).toBe(true);
        expect(increase.test('  if x = yes {   // alleen ja')).toBe(true);
        expect(increase.test('  question a: text "met een {"')).toBe(false);
        expect(increase.test('  // commentaar {')).toBe(false);
        expect(decrease.test('  }')).toBe(true);
        expect(decrease.test('  } else {')).toBe(true);
        expect(decrease.test('  question a: text "}"')).toBe(false);

        const word = new RegExp(`^(?:${config.wordPattern})$`, 'u');
        for (const name of ['één', 'reïntegratie', 'weet_niet', 'Akkoord5', '_x']) expect(word.test(name), name).toBe(true);
        expect(word.test('a-b')).toBe(false);

        const start = new RegExp(config.folding.markers.start);
        const end = new RegExp(config.folding.markers.end);
        expect(start.test('  // #region schalen')).toBe(true);
        expect(end.test('// #endregion')).toBe(true);
        expect(start.test('// #endregion')).toBe(false);

        const docStart = config.onEnterRules.find((r: { afterText?: string }) => !r.afterText);
        expect(new RegExp(docStart.beforeText).test('/** Documentatie')).toBe(true);
        expect(new RegExp(docStart.beforeText).test('/** Documentatie */')).toBe(false);
        expect(docStart.action.appendText).toBe(' * ');
        const continued = config.onEnterRules.find((r: { previousLineText?: string }) => r.previousLineText);
        expect(new RegExp(continued.beforeText).test(' * een regel')).toBe(true);
    });

    const snippets: Record<string, { prefix: string | string[]; body: string | string[]; description?: string }> =
        JSON.parse(readFileSync(SNIPPETS, 'utf8'));
    const entries = Object.entries(snippets);

    test('snippets/kto.json is valid JSON with the expected snippets', () => {
        expect(entries.length).toBeGreaterThanOrEqual(15);
        const prefixes = entries.flatMap(([, s]) => [s.prefix].flat());
        for (const p of ['survey', 'library', 'scalegrade', 'scaleordinal', 'scalenominal', 'question', 'questiontr', 'grid',
            'ifelse', 'end', 'section', 'blockinclude', 'derive', 'indicators', 'test']) {
            expect(prefixes, p).toContain(p);
        }
        for (const [name, s] of entries) {
            expect(s.description, name).toBeTruthy();
            expect([s.body].flat().join('\n'), name).toMatch(/\$\{?\d/);
        }
    });

    test('placeholder expansion', () => {
        expect(expandSnippet('a ${1:b ${2:c}} $1 ${3|x,y|} $0 \\$4')).toBe('a b c b c x  $4');
    });

    test.each(entries.map(([name, s]) => [name, [s.body].flat().join('\n')] as const))('snippet "%s" parses', async (_name, body) => {
        const text = inContext(expandSnippet(body));
        const diagnostics = (await checkSources(createKtoServices().shared, { 'main.kto': text })).get('main.kto') ?? [];
        const syntax = diagnostics.filter(d => d.code === 'kto/syntax-error');
        expect(syntax.map(d => `${d.line}:${d.column} ${d.message}`), text).toEqual([]);
        // and the grammar reads it back to the root state
        expect(tokenise(text).state.depth, text).toBe(1);
    });
});
