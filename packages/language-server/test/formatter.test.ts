import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { expectFormatting } from 'langium/test';
import { createKtoLspServices } from '../src/kto-lsp-module.js';
import { formatText, KtoFormatError } from '../src/format.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const services = createKtoLspServices(EmptyFileSystem);
const format = expectFormatting(services.Kto);

/** Every token, comments included, in order: what formatting must never change. */
function tokens(text: string): string[] {
    const result = services.Kto.parser.Lexer.tokenize(text);
    return [...result.tokens, ...result.hidden].sort((a, b) => a.startOffset - b.startOffset).map(t => t.image);
}

function ktoFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return ktoFiles(path);
        return name.endsWith('.kto') ? [path] : [];
    });
}

/** The ```kto blocks of the language reference. */
function docBlocks(): string[] {
    const text = readFileSync(join(ROOT, 'docs/language.md'), 'utf8');
    return [...text.matchAll(/```kto\n([\s\S]*?)```/g)].map(m => m[1]);
}

function parses(text: string): boolean {
    const result = services.Kto.parser.LangiumParser.parse(text);
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0;
}

const MESSY = `survey   s{title "T"@en "E" languages nl,en
variant ouder "Ouder"}
import "lib/schalen.kto"
scale S:ordinal{1 a "A" 2 b "B"
missing 9 wn "W"}


/** Doc of q */
question q:S optional "Q"@en "QE" ouder:"QO"  @en "QOE"
question r : integer  0 .. 120 "R" @en "RE"
if q>=a and(r<18 or r > 65){note n "N"@en "NE"}
else   if q = b { } else {
question t: grade 1..10 { missing 99 wn "W" } "T" @en "TE"
}
grid g: S "G" @en "GE" {row1 "R1" @en "R1E"
  row2 reversed "R2" @en "R2E"}
derive d = q in{a,b}?"x":"y"
derive e "E" @en "EE" =
      sum(r,- 1)*2
indicators{weight w
min_n 30 suppress 10
indicator i = mean(g.row1)where q=a by d compare previous alpha 0.05
drivers dr: q~g.*   method regression}
sample w: decimal "W" @en "WE"
test "t1"{given q=a,r=3
expect not asked t
expect that d="x"}`;

const CANONICAL = `survey s {
  title "T" @en "E"
  languages nl, en
  variant ouder "Ouder"
}
import "lib/schalen.kto"
scale S: ordinal {
  1 a "A"
  2 b "B"
  missing 9 wn "W"
}

/** Doc of q */
question q: S optional "Q" @en "QE" ouder: "QO" @en "QOE"
question r: integer 0..120 "R" @en "RE"
if q >= a and (r < 18 or r > 65) {
  note n "N" @en "NE"
} else if q = b {} else {
  question t: grade 1..10 { missing 99 wn "W" } "T" @en "TE"
}
grid g: S "G" @en "GE" {
  row1 "R1" @en "R1E"
  row2 reversed "R2" @en "R2E"
}
derive d = q in {a, b} ? "x" : "y"
derive e "E" @en "EE" =
  sum(r, -1) * 2
indicators {
  weight w
  min_n 30 suppress 10
  indicator i = mean(g.row1) where q = a by d compare previous alpha 0.05
  drivers dr: q ~ g.* method regression
}
sample w: decimal "W" @en "WE"
test "t1" {
  given q = a, r = 3
  expect not asked t
  expect that d = "x"
}
`;

describe('the canonical layout', () => {
    test('a messy file gets one declaration per line, two-space indentation, single spaces', async () => {
        await format({ before: MESSY, after: CANONICAL });
    });

    test('the canonical layout is a fixed point', async () => {
        await format({ before: CANONICAL, after: CANONICAL });
    });

    test('the indentation is two spaces whatever the editor asks for', async () => {
        await format({ before: 'section s {\nnote n "N"\n}\n', after: 'section s {\n  note n "N"\n}\n', options: { tabSize: 8, insertSpaces: false } });
    });

    test('line breaks inside a declaration are kept, continued lines indented under their construct', async () => {
        await format({
            before: `survey s { languages nl, en variant ouder "O" }
question q: yesno "Vraag?"
@en "Question?"
         ouder: "Vraag aan ouder?"
 @en "Question to parent?"
 hint "Hint" @en "Hint"
`,
            after: `survey s {
  languages nl, en
  variant ouder "O"
}
question q: yesno "Vraag?"
  @en "Question?"
  ouder: "Vraag aan ouder?"
    @en "Question to parent?"
  hint "Hint" @en "Hint"
`
        });
    });

    test('a wrapped header of a declaration with a body is indented further than the body', async () => {
        await format({
            before: `grid g: S "Stellingen"
@en "Statements" {
r1 "Een"
}
if a = 1 and
b = 2 {
note n "N"
}
`,
            after: `grid g: S "Stellingen"
    @en "Statements" {
  r1 "Een"
}
if a = 1 and
    b = 2 {
  note n "N"
}
`
        });
    });

    test('blank lines: at most one between declarations, none after { or before }', async () => {
        await format({
            before: 'section s {\n\n\n  note a "A"\n\n\n\n  note b "B"\n\n}\n\n\n\nnote c "C"\n\n\n',
            after: 'section s {\n  note a "A"\n\n  note b "B"\n}\n\nnote c "C"\n'
        });
    });

    test('comments are kept: own-line comments indented like the code after them, trailing comments keep their column', async () => {
        await format({
            before: `section s {
// about a
      note a "A"        // trailing, aligned
  note bb "B"           // trailing, aligned
    /* block
       comment */
note c "C"
// at the end
}
`,
            after: `section s {
  // about a
  note a "A"            // trailing, aligned
  note bb "B"           // trailing, aligned
  /* block
       comment */
  note c "C"
  // at the end
}
`
        });
    });

    test('a comment between } and else: else stays at the level of its if; a split line\'s comment gets one space', async () => {
        await format({
            before: 'section x {\nif a = 1 {\n  note n "N"\n}\n// otherwise\nelse {\n  note m "M"\n}\n}\nif a = 1 { note n "N" }        // c\n else { note m "M" }\n',
            after: 'section x {\n  if a = 1 {\n    note n "N"\n  }\n  // otherwise\n  else {\n    note m "M"\n  }\n}\nif a = 1 {\n  note n "N"\n} // c\nelse {\n  note m "M"\n}\n'
        });
    });

    test('a line comment always ends its line; a comment between tokens keeps a space on each side', async () => {
        await format({
            before: 'question q: yesno // what\n"Q" /* inline */ @en "E"\n',
            after: 'question q: yesno // what\n  "Q" /* inline */ @en "E"\n'
        });
    });

    test('words that are one token sequence stay together: -1, pt-BR, grid.row, f(x)', async () => {
        await format({
            before: 'survey s { languages nl , pt-BR }\nscale A: integer - 5 .. 5\nif count ( k ) > - 1 and g . r = 2 { note n "N" }\n',
            after: 'survey s {\n  languages nl, pt-BR\n}\nscale A: integer -5..5\nif count(k) > -1 and g.r = 2 {\n  note n "N"\n}\n'
        });
    });

    test('a wave period keeps its spaces around ..', async () => {
        await format({ before: 'survey s { wave "2023" period "2023-03-01".."2023-04-30" }', after: 'survey s {\n  wave "2023" period "2023-03-01" .. "2023-04-30"\n}\n' });
    });

    test('Windows line endings stay Windows line endings', () => {
        expect(formatText('section s {\r\nnote n "N"\r\n}\r\n')).toBe('section s {\r\n  note n "N"\r\n}\r\n');
    });

    test('a file with syntax errors is left alone', async () => {
        await format({ before: 'question q: yesno "Q"\nif q = {\n  note  n "N"', after: 'question q: yesno "Q"\nif q = {\n  note  n "N"' });
        expect(() => formatText('question q yesno "Q"')).toThrow(KtoFormatError);
    });

    test('range formatting changes only the lines in the range', async () => {
        await format({
            before: 'note a   "A"\nnote b   "B"\nnote c   "C"\n',
            after: 'note a   "A"\nnote b "B"\nnote c   "C"\n',
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } }
        });
    });
});

describe('formatting never changes a token and is idempotent', () => {
    const corpus: Array<[string, string]> = [];
    for (const file of ktoFiles(join(ROOT, 'examples'))) corpus.push([relative(ROOT, file), readFileSync(file, 'utf8')]);
    docBlocks().forEach((block, i) => corpus.push([`docs/language.md block ${i + 1}`, block]));
    for (const file of ktoFiles(join(ROOT, 'test/cases'))) corpus.push([relative(ROOT, file), readFileSync(file, 'utf8')]);
    corpus.push(['messy', MESSY]);

    test('the corpus covers the examples, the language reference and the diagnostic cases', () => {
        expect(corpus.filter(([name]) => name.startsWith('examples/')).length).toBeGreaterThanOrEqual(7);
        expect(corpus.length).toBeGreaterThan(50);
    });

    test.each(corpus)('%s', (_name, text) => {
        if (!parses(text)) {
            expect(() => formatText(text)).toThrow(KtoFormatError);
            return;
        }
        const once = formatText(text);
        expect(tokens(once)).toEqual(tokens(text));
        expect(formatText(once)).toBe(once);
        expect(once.endsWith('\n')).toBe(true);
        expect(once).not.toMatch(/[ \t]+\n/);   // no trailing whitespace (comments here end without spaces)
        expect(once).not.toMatch(/\n\n\n/);     // never two blank lines
    });

    test('the examples are already in the canonical layout, apart from a few continuation lines', () => {
        for (const file of ['gent-sociale-dienst-2023.kto', 'bergen-wmo-2014.kto', 'bijstand-2017.kto', 'lib/schalen.kto']) {
            const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
            expect(formatText(text), file).toBe(text);
        }
    });
});
