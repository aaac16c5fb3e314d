import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SourceReadError } from '@kto/language';
import { build, TARGETS } from './commands/build.js';
import { check, CHECK_FORMATS, type CheckFormat } from './commands/check.js';
import type { CommandContext } from './commands/command.js';
import { test, TEST_FORMATS, type TestFormat } from './commands/test.js';
import { UsageError } from './files.js';

declare const KTO_VERSION: string | undefined;
const VERSION = typeof KTO_VERSION === 'string' ? KTO_VERSION : '0.0.0-dev';

const HELP = `kto — survey definitions as typed source code

Usage:
  kto check [paths...] [options]          check .kto files (folders are searched recursively)
  kto build [paths...] --out DIR [options] compile surveys to their targets
  kto test  [paths...] [options]          run the scripted respondents (test blocks)
  kto fmt   [paths...] [--check]          format files in the canonical layout

Options:
  --format <fmt>        check: human, json, sarif, github; test: human, json, github (default: human)
  --max-warnings <N>    check: fail (exit 1) when there are more than N warnings
  --out <DIR>           build: the output folder
  --target <t>          build: only these targets (repeatable or comma-separated): ${TARGETS.join(', ')}
  --check               fmt: change nothing; exit 1 when a file is not formatted
  --color / --no-color  force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 success, 1 errors in a definition (or failing tests, too many warnings, unformatted files),
2 usage or file problems, 3 internal error.
`;

const OPTIONS = {
    format: { type: 'string' },
    'max-warnings': { type: 'string' },
    check: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    target: { type: 'string', short: 't', multiple: true },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' }
} satisfies ParseArgsConfig['options'];

export async function main(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    } catch (e) {
        return usage((e as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.version) {
        process.stdout.write(`${VERSION}\n`);
        return 0;
    }
    const [command, ...paths] = positionals;
    if (values.help || command === undefined || command === 'help') {
        process.stdout.write(HELP);
        return command === undefined && !values.help ? 2 : 0;
    }
    const ctx: CommandContext = {
        version: VERSION,
        color: values['no-color'] ? false : values.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR),
        out: text => process.stdout.write(text),
        err: text => process.stderr.write(text)
    };
    const format = values.format ?? 'human';
    switch (command) {
        case 'check': {
            if (!(CHECK_FORMATS as readonly string[]).includes(format)) return usage(`unknown format '${format}'; use one of ${CHECK_FORMATS.join(', ')}`);
            let maxWarnings: number | undefined;
            if (values['max-warnings'] !== undefined) {
                maxWarnings = Number(values['max-warnings']);
                if (!Number.isInteger(maxWarnings) || maxWarnings < 0) return usage(`--max-warnings needs a whole number of 0 or more, not '${values['max-warnings']}'`);
            }
            return check(paths, format as CheckFormat, maxWarnings, ctx);
        }
        case 'build': {
            if (!values.out) return usage('kto build needs --out DIR, the folder to write to');
            if (format !== 'human' && format !== 'json') return usage(`unknown format '${format}' for build; use human or json`);
            const targets = (values.target ?? []).flatMap(t => t.split(',')).map(t => t.trim()).filter(Boolean);
            return build(paths, values.out, targets, format as CheckFormat, ctx);
        }
        case 'test':
            if (!(TEST_FORMATS as readonly string[]).includes(format)) return usage(`unknown format '${format}' for test; use one of ${TEST_FORMATS.join(', ')}`);
            return test(paths, format as TestFormat, ctx);
        case 'fmt': {
            // The formatter brings the editor's services along; load them only for `kto fmt`.
            const { fmt } = await import('./commands/fmt.js');
            return fmt(paths, values.check === true, ctx);
        }
        default:
            return usage(`unknown command '${command}'`);
    }
}

function usage(message: string): number {
    process.stderr.write(`kto: ${message}\nRun 'kto --help' for usage.\n`);
    return 2;
}

export async function run(argv: string[]): Promise<void> {
    let code: number;
    try {
        code = await main(argv);
    } catch (e) {
        if (e instanceof UsageError || e instanceof SourceReadError) {
            process.stderr.write(`kto: ${e.message}\n`);
            code = 2;
        } else {
            // A bug in kto, not in the survey: say so plainly; the stack only on request.
            process.stderr.write(`kto: internal error: ${(e as Error).message ?? e}\nPlease report this at https://github.com/kto-lang/kto/issues${process.env.KTO_DEBUG ? '' : ' (set KTO_DEBUG=1 for details)'}.\n`);
            if (process.env.KTO_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
            code = 3;
        }
    }
    // Let stdout drain before exiting, so piped output (json, sarif) is never cut off.
    process.exitCode = code;
}

await run(process.argv.slice(2));
