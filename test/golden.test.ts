import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkSources, createKtoServices, DIAGNOSTICS, fullCode, type DiagnosticCode } from '@kto/language';
import { renderBaseline } from './support/baseline.js';

/**
 * One folder per diagnostic code under test/cases: `trigger.kto` must produce the code,
 * `near-miss.kto` (almost the same, but correct) must not. Beside each sits its baseline
 * `*.diagnostics.kto` with every diagnostic written under its line. `npm run golden` re-records.
 */
const CASES = join(import.meta.dirname, 'cases');
const UPDATE = process.env.KTO_UPDATE_GOLDEN === '1';

function ktoFiles(folder: string): string[] {
    return readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter(f => f.endsWith('.kto') && !f.endsWith('.diagnostics.kto'))
        .filter(f => statSync(join(folder, f)).isFile())
        .map(f => f.split('\\').join('/'))
        .sort();
}

async function diagnose(folder: string): Promise<Map<string, import('@kto/language').KtoDiagnostic[]>> {
    const sources = Object.fromEntries(ktoFiles(folder).map(f => [f, readFileSync(join(folder, f), 'utf8')]));
    return checkSources(createKtoServices().shared, sources);
}

function compareBaseline(folder: string, file: string, actual: string): void {
    const path = join(folder, file.replace(/\.kto$/, '.diagnostics.kto'));
    if (UPDATE || !existsSync(path)) {
        if (!UPDATE && process.env.CI) throw new Error(`missing baseline ${relative(process.cwd(), path)}; run npm run golden`);
        writeFileSync(path, actual);
        return;
    }
    expect(actual, `baseline ${relative(process.cwd(), path)} (run \`npm run golden\` to re-record)`).toBe(readFileSync(path, 'utf8'));
}

const caseFolders = readdirSync(CASES).filter(f => statSync(join(CASES, f)).isDirectory()).sort();

describe('diagnostic cases', () => {
    test('every catalogued diagnostic has a case folder', () => {
        // internal-error cannot be caused by a survey; packages/language/test/validator.test.ts covers it.
        const missing = Object.keys(DIAGNOSTICS).filter(code => code !== 'internal-error' && !caseFolders.includes(code));
        expect(missing).toEqual([]);
    });

    for (const folder of caseFolders) {
        describe(folder, () => {
            const dir = join(CASES, folder);
            const code = fullCode(folder as DiagnosticCode);
            test.each(['trigger.kto', 'near-miss.kto'])('%s', async (entry) => {
                expect(existsSync(join(dir, entry)), `${folder}/${entry} exists`).toBe(true);
                const diagnostics = await diagnose(dir);
                const mine = diagnostics.get(entry) ?? [];
                const codes = mine.map(d => d.code);
                if (entry === 'trigger.kto') expect(codes).toContain(code);
                else expect(codes).not.toContain(code);
                compareBaseline(dir, entry, renderBaseline(readFileSync(join(dir, entry), 'utf8'), mine));
            });
        });
    }
});
