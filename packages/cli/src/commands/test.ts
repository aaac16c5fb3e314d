import { lowerSurvey, runTests, type TestResult } from '@kto/model';
import { styleFor } from '../formats/human.js';
import { loadAndCheck } from '../load.js';
import { formatReport } from './check.js';
import type { CommandContext } from './command.js';

export const TEST_FORMATS = ['human', 'json', 'github'] as const;
export type TestFormat = typeof TEST_FORMATS[number];

/**
 * `kto test`: runs the scripted respondents (`test` blocks) against the reference evaluator.
 * Exit 0 when all pass, 1 when one fails or a definition has errors.
 */
export async function test(paths: string[], format: TestFormat, ctx: CommandContext): Promise<number> {
    const { report, surveys, services } = await loadAndCheck(paths);
    if (report.errors > 0) {
        ctx.out(formatReport(report, format === 'json' ? 'json' : format, ctx));
        ctx.err('kto: tests were not run: the definitions have errors\n');
        return 1;
    }
    const results: Array<{ path: string; survey: string; tests: TestResult[] }> = [];
    for (const survey of surveys) {
        const model = lowerSurvey(survey.root, services.documentation.CommentProvider);
        results.push({ path: survey.path, survey: model.id, tests: runTests(model) });
    }
    const all = results.flatMap(r => r.tests);
    const failed = all.filter(t => !t.passed).length;
    const passed = all.length - failed;
    if (format === 'json') {
        ctx.out(JSON.stringify({ version: 1, tool: 'kto', summary: { passed, failed }, files: results }, null, 2) + '\n');
    } else if (format === 'github') {
        for (const r of results) {
            for (const t of r.tests.filter(x => !x.passed)) {
                const message = t.failures.map(f => `${f.expectation}: ${f.actual}`).join('; ') + ` (path: ${t.path.join(' → ')})`;
                ctx.out(`::error file=${r.path},title=kto test ${escape(t.name)}::${escape(message)}\n`);
            }
        }
        ctx.out(`${passed} passed, ${failed} failed\n`);
    } else {
        const style = styleFor(ctx.color);
        for (const r of results) {
            if (r.tests.length === 0) continue;
            ctx.out(`${style.bold(r.path)}\n`);
            for (const t of r.tests) {
                ctx.out(`  ${t.passed ? style.cyan('✓') : style.red('✗')} ${t.name}\n`);
                for (const f of t.failures) ctx.out(`      ${style.red(f.expectation)}: ${f.actual}\n`);
                if (!t.passed) ctx.out(`      ${style.dim(`path: ${t.path.join(' → ') || '(nothing asked)'}${t.screenedOut ? ` → screened out (${t.screenedOut})` : ''}`)}\n`);
            }
        }
        ctx.out(`\n${passed} passed, ${failed} failed\n`);
    }
    return failed > 0 ? 1 : 0;
}

function escape(s: string): string {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
}
