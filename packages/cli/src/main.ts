import { parseArgs } from 'node:util';
import { SourceReadError } from '@kto/language';
import { runCheck } from './check-command.js';
import { UsageError } from './files.js';
import { formatGithub } from './formats/github.js';
import { formatHuman, styleFor } from './formats/human.js';
import { formatJson } from './formats/json.js';
import { formatSarif } from './formats/sarif.js';

declare const KTO_VERSION: string | undefined;
const VERSION = typeof KTO_VERSION === 'string' ? KTO_VERSION : '0.0.0-dev';

const HELP = `kto — survey definitions as typed source code

Usage:
  kto check [paths...] [options]   check .kto files (folders are searched recursively)

Options for check:
  --format <human|json|sarif|github>  output format (default: human)
  --max-warnings <N>                  fail (exit 1) when there are more than N warnings
  --color / --no-color                force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                          show this help
  -v, --version                       show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or file problems, 3 internal error.
`;

const FORMATS = ['human', 'json', 'sarif', 'github'] as const;
type Format = typeof FORMATS[number];

export async function main(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                format: { type: 'string', default: 'human' },
                'max-warnings': { type: 'string' },
                color: { type: 'boolean' },
                'no-color': { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean', short: 'v' }
            }
        });
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
    if (command !== 'check') return usage(`unknown command '${command}'`);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) return usage(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
    let maxWarnings: number | undefined;
    if (values['max-warnings'] !== undefined) {
        maxWarnings = Number(values['max-warnings']);
        if (!Number.isInteger(maxWarnings) || maxWarnings < 0) return usage(`--max-warnings needs a whole number of 0 or more, not '${values['max-warnings']}'`);
    }
    const color = values['no-color'] ? false : values.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);

    const report = await runCheck(paths);
    const output = format === 'json' ? formatJson(report)
        : format === 'sarif' ? formatSarif(report, VERSION)
        : format === 'github' ? formatGithub(report)
        : formatHuman(report, styleFor(color));
    process.stdout.write(output);
    if (report.errors > 0) return 1;
    if (maxWarnings !== undefined && report.warnings > maxWarnings) {
        process.stderr.write(`kto: ${report.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
        return 1;
    }
    return 0;
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
