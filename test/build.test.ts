import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const KTO = join(ROOT, 'packages/cli/bin/kto.mjs');

function kto(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [KTO, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'kto-build-'));

describe('kto build', () => {
    test('writes every target for every example', () => {
        const out = tmp();
        const r = kto('build', 'examples', '--out', out);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const files = readdirSync(out).sort();
        for (const id of ['bergen_wmo_2014', 'bijstand_2017', 'gent_sociale_dienst_2023', 'meerssen_jeugd_2023', 'nijmegen_2024']) {
            for (const suffix of ['.survey.json', '.analysis.json', '.codebook.html']) expect(files).toContain(id + suffix);
        }
        expect(files.some(f => f.startsWith('.kto-build-'))).toBe(false);
        expect(r.stdout).toMatch(/Built 5 surveys to /);
    });

    test('--target picks targets', () => {
        const out = tmp();
        expect(kto('build', 'examples/bijstand-2017.kto', '--out', out, '--target', 'schema,analysis').status).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['bijstand_2017.analysis.json', 'bijstand_2017.survey.json']);
    });

    test('a definition with errors builds nothing, exits 1 with the diagnostics, and leaves earlier output intact', () => {
        const src = tmp();
        const out = tmp();
        cpSync(join(ROOT, 'examples'), src, { recursive: true });
        expect(kto('build', src, '--out', out, '--target', 'schema').status).toBe(0);
        const before = readFileSync(join(out, 'bijstand_2017.survey.json'), 'utf8');
        const broken = join(src, 'bijstand-2017.kto');
        writeFileSync(broken, readFileSync(broken, 'utf8').replace('survey bijstand_2017 {', 'survey bijstand_2017 {\n  title "Nieuw"'));
        writeFileSync(join(src, 'gent-sociale-dienst-2023.kto'), readFileSync(join(src, 'gent-sociale-dienst-2023.kto'), 'utf8') + '\nquestion kapot: Onbekend "?"\n');
        const r = kto('build', src, '--out', out, '--target', 'schema');
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('kto/unknown-reference');
        expect(r.stderr).toContain('nothing was built');
        expect(readFileSync(join(out, 'bijstand_2017.survey.json'), 'utf8')).toBe(before);
        expect(readdirSync(out).some(f => f.startsWith('.kto-build-'))).toBe(false);
    });

    test('usage problems exit 2', () => {
        expect(kto('build', 'examples').status).toBe(2);
        const r = kto('build', 'examples', '--out', tmp(), '--target', 'pdf');
        expect(r.status).toBe(2);
        expect(r.stderr).toContain("unknown target 'pdf'");
        expect(kto('build', 'examples/lib', '--out', tmp()).status).toBe(2);
    });
});

describe('kto test', () => {
    test('the examples\' scripted respondents all pass', () => {
        const r = kto('test', 'examples');
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/\n(\d+) passed, 0 failed\n$/);
        expect(Number(/(\d+) passed/.exec(r.stdout)![1])).toBeGreaterThanOrEqual(25);
    });

    test('a failing expectation is shown with what happened and the path taken; exit 1', () => {
        const r = kto('test', 'test/fixtures/build/failing-test.kto');
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('✗ schuldhulp wordt beoordeeld');
        expect(r.stdout).toContain("expect asked cijfer: 'cijfer' was not asked");
        expect(r.stdout).toContain('path: schuldhulp');
        expect(r.stdout).toContain('✓ zonder schuldhulp geen cijfer');
        expect(r.stdout).toMatch(/1 passed, 1 failed\n$/);
    });

    test('json and github formats', () => {
        const json = JSON.parse(kto('test', 'test/fixtures/build/failing-test.kto', '--format', 'json').stdout);
        expect(json.summary).toEqual({ passed: 1, failed: 1 });
        expect(json.files[0].tests[0].failures[0]).toEqual({ expectation: 'expect asked cijfer', actual: "'cijfer' was not asked" });
        const github = kto('test', 'test/fixtures/build/failing-test.kto', '--format', 'github').stdout;
        expect(github).toContain('::error file=test/fixtures/build/failing-test.kto,title=kto test schuldhulp wordt beoordeeld::expect asked cijfer%3A');
    });

    test('definitions with errors are not run', () => {
        const dir = tmp();
        writeFileSync(join(dir, 'kapot.kto'), 'survey kapot { languages nl }\nquestion a: Onbekend "A"\n');
        const r = kto('test', dir);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('tests were not run');
        expect(existsSync(join(dir, 'out'))).toBe(false);
    });
});
