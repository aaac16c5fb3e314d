import { formatGithub } from '../formats/github.js';
import { formatHuman, styleFor } from '../formats/human.js';
import { formatJson } from '../formats/json.js';
import { formatSarif } from '../formats/sarif.js';
import type { CheckReport } from '../report.js';
import { loadAndCheck } from '../load.js';
import type { CommandContext } from './command.js';

export const CHECK_FORMATS = ['human', 'json', 'sarif', 'github'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];

export function formatReport(report: CheckReport, format: CheckFormat, ctx: CommandContext): string {
    switch (format) {
        case 'json': return formatJson(report);
        case 'sarif': return formatSarif(report, ctx.version);
        case 'github': return formatGithub(report);
        default: return formatHuman(report, styleFor(ctx.color));
    }
}

/** `kto check`: exit 0 when clean (warnings allowed up to --max-warnings), 1 with errors. */
export async function check(paths: string[], format: CheckFormat, maxWarnings: number | undefined, ctx: CommandContext): Promise<number> {
    const { report } = await loadAndCheck(paths);
    ctx.out(formatReport(report, format, ctx));
    if (report.errors > 0) return 1;
    if (maxWarnings !== undefined && report.warnings > maxWarnings) {
        ctx.err(`kto: ${report.warnings} warning${report.warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
        return 1;
    }
    return 0;
}
