import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DIAGNOSTICS } from '@kto/language';

const ROOT = join(import.meta.dirname, '..');
const KTO = join(ROOT, 'packages/cli/bin/kto.mjs');
const FIXTURES = 'test/fixtures/cli';

function kto(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [KTO, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kto check: exit codes', () => {
    test('0 for a clean file', () => {
        const r = kto('check', `${FIXTURES}/clean.kto`);
        expect(r.stdout).toContain('Checked 1 file: 0 errors, 0 warnings.');
        expect(r.status).toBe(0);
    });

    test('0 with warnings, 1 when they exceed --max-warnings', () => {
        expect(kto('check', `${FIXTURES}/warning.kto`).status).toBe(0);
        expect(kto('check', `${FIXTURES}/warning.kto`, '--max-warnings', '1').status).toBe(0);
        const strict = kto('check', `${FIXTURES}/warning.kto`, '--max-warnings', '0');
        expect(strict.status).toBe(1);
        expect(strict.stderr).toBe('kto: 1 warning, more than --max-warnings 0\n');
    });

    test('1 with errors, shown like a compiler: location, code, message, source line and caret', () => {
        const r = kto('check', `${FIXTURES}/error.kto`);
        expect(r.status).toBe(1);
        expect(r.stdout).toContain(`${FIXTURES}/error.kto:6:21 - error kto/unknown-reference: Unknown item 'leeftyd'. Did you mean 'leeftijd'?`);
        expect(r.stdout).toContain(' 6 | if algemeen > 5 and leeftyd > 18 {\n   |                     ^^^^^^^');
    });

    test('a half-typed survey gets located syntax errors and exit 1', () => {
        const r = kto('check', `${FIXTURES}/half-typed.kto`);
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(/half-typed\.kto:\d+:\d+ - error kto\/syntax-error: /);
        expect(r.stderr).toBe('');
    });

    test('a file of garbage gets located errors, not a stack trace', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-cli-'));
        const file = join(dir, 'garbage.kto');
        writeFileSync(file, 'dit is geen vragenlijst }}} {{ @@ 12..\n"open string\n');
        const r = kto('check', file);
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(/garbage\.kto:1:\d+ - error kto\/syntax-error/);
        expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    });

    test('2 for a missing path', () => {
        const r = kto('check', 'does/not/exist.kto');
        expect(r.status).toBe(2);
        expect(r.stderr).toBe('kto: does/not/exist.kto: no such file or folder\n');
    });

    test('2 for a file that is not UTF-8', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-cli-'));
        const file = join(dir, 'latin1.kto');
        copyFileSync(join(ROOT, FIXTURES, 'garbage.txt'), file);
        const r = kto('check', file);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('not valid UTF-8');
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    test('2 for a file that is not a .kto file', () => {
        const r = kto('check', 'README.md');
        expect(r.status).toBe(2);
        expect(r.stderr).toBe('kto: README.md: not a .kto file\n');
    });

    test('an import that names a folder is a located error, not a crash', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-cli-'));
        mkdirSync(join(dir, 'lib'));
        writeFileSync(join(dir, 'main.kto'), 'survey s { languages nl }\nimport "lib"\nquestion q: yesno "Q"\n');
        const r = kto('check', join(dir, 'main.kto'));
        expect(r.status).toBe(1);
        expect(r.stdout).toContain("main.kto:2:8 - error kto/import-not-found: Cannot find 'lib'");
    });

    test('2 for a folder without .kto files, an unknown option or format', () => {
        const empty = mkdtempSync(join(tmpdir(), 'kto-cli-'));
        expect(kto('check', empty).status).toBe(2);
        expect(kto('check', '--frobnicate').status).toBe(2);
        const bad = kto('check', `${FIXTURES}/clean.kto`, '--format', 'xml');
        expect(bad.status).toBe(2);
        expect(bad.stderr).toContain("unknown format 'xml'");
        expect(kto('check', `${FIXTURES}/clean.kto`, '--max-warnings', 'many').status).toBe(2);
        expect(kto('frobnicate').status).toBe(2);
    });

    test('folders are searched recursively and imports are loaded', () => {
        const r = kto('check', 'examples');
        expect(r.stdout).toMatch(/Checked \d+ files: 0 errors, 0 warnings\./);
        expect(r.status).toBe(0);
    });

    test('--help and --version', () => {
        expect(kto('--help').stdout).toContain('kto check [paths...]');
        expect(kto('--version').stdout).toMatch(/^\d+\.\d+\.\d+/);
    });
});

describe('kto check: output formats', () => {
    test('json has the documented, stable shape', () => {
        const r = kto('check', `${FIXTURES}/error.kto`, `${FIXTURES}/warning.kto`, '--format', 'json');
        expect(r.status).toBe(1);
        const json = JSON.parse(r.stdout);
        expect(json.version).toBe(1);
        expect(json.tool).toBe('kto');
        expect(json.summary).toEqual({ files: 2, errors: 1, warnings: 1 });
        expect(json.files.map((f: { path: string }) => f.path)).toEqual([`${FIXTURES}/error.kto`, `${FIXTURES}/warning.kto`]);
        expect(json.files[0].diagnostics[0]).toEqual({
            code: 'kto/unknown-reference',
            severity: 'error',
            message: "Unknown item 'leeftyd'. Did you mean 'leeftijd'?",
            range: { start: { line: 6, column: 21 }, end: { line: 6, column: 28 } }
        });
    });

    test('sarif is SARIF 2.1.0 with rules from the catalogue and located results', () => {
        const r = kto('check', `${FIXTURES}/error.kto`, '--format', 'sarif');
        const sarif = JSON.parse(r.stdout);
        expect(sarif.version).toBe('2.1.0');
        const run = sarif.runs[0];
        expect(run.tool.driver.name).toBe('kto');
        expect(run.tool.driver.rules).toHaveLength(Object.keys(DIAGNOSTICS).length);
        const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'kto/unknown-reference');
        expect(result.level).toBe('error');
        expect(run.tool.driver.rules[result.ruleIndex].id).toBe('kto/unknown-reference');
        expect(result.locations[0].physicalLocation).toEqual({
            artifactLocation: { uri: `${FIXTURES}/error.kto`, uriBaseId: '%SRCROOT%', index: 0 },
            region: { startLine: 6, startColumn: 21, endLine: 6, endColumn: 28 }
        });
    });

    test('github prints workflow annotations with escaped messages', () => {
        const r = kto('check', `${FIXTURES}/error.kto`, `${FIXTURES}/warning.kto`, '--format', 'github');
        const lines = r.stdout.trim().split('\n');
        expect(lines).toContain(`::error file=${FIXTURES}/error.kto,line=6,col=21,endLine=6,endColumn=28,title=kto/unknown-reference::Unknown item 'leeftyd'. Did you mean 'leeftijd'?`);
        expect(lines.some(l => l.startsWith(`::warning file=${FIXTURES}/warning.kto,line=7,`) && l.includes('title=kto/condition-always-true'))).toBe(true);
    });
});

describe('kto fmt', () => {
    test('the examples are in the canonical layout', () => {
        const r = kto('fmt', '--check', 'examples');
        expect(r.stdout).toBe('7 of 7 files formatted.\n');
        expect(r.status).toBe(0);
    });

    test('--check reports a messy file and exit 1; fmt rewrites it; formatting twice changes nothing', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-fmt-'));
        const file = join(dir, 'rommel.kto');
        writeFileSync(file, 'survey   rommel {\nlanguages nl\n}\nquestion  q : yesno "Q"\nif q=yes{\nnote n "N"}\n');
        const check = kto('fmt', '--check', file);
        expect(check.status).toBe(1);
        expect(check.stdout).toContain('rommel.kto is not formatted');
        expect(kto('fmt', file).status).toBe(0);
        const formatted = readFileSync(file, 'utf8');
        expect(formatted).toBe('survey rommel {\n  languages nl\n}\nquestion q: yesno "Q"\nif q = yes {\n  note n "N"\n}\n');
        expect(kto('fmt', '--check', file).status).toBe(0);
        expect(kto('check', file).status).toBe(0);
    });

    test('a file with syntax errors is reported, located, and left alone', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-fmt-'));
        const file = join(dir, 'kapot.kto');
        writeFileSync(file, 'survey kapot {\n  languages nl\n}\nquestion q: yesno\n');
        const r = kto('fmt', file);
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(/kapot\.kto:\d+:\d+ - error kto\/syntax-error: /);
        expect(readFileSync(file, 'utf8')).toBe('survey kapot {\n  languages nl\n}\nquestion q: yesno\n');
    });
});

