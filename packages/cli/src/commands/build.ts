import { relative } from 'node:path';
import { EMITTERS, type EmittedFile } from '@kto/emitters';
import { lowerSurvey } from '@kto/model';
import { UsageError } from '../files.js';
import { loadAndCheck } from '../load.js';
import { writeAtomically } from '../write-atomically.js';
import { formatReport, type CheckFormat } from './check.js';
import type { CommandContext } from './command.js';

export const TARGETS = EMITTERS.map(e => e.target);

/**
 * `kto build`: compiles every survey to the chosen targets. A definition with errors builds
 * nothing (exit 1, with the diagnostics); output files appear all at once or not at all.
 */
export async function build(paths: string[], outDir: string, targets: string[], format: CheckFormat, ctx: CommandContext): Promise<number> {
    const unknown = targets.filter(t => !TARGETS.includes(t));
    if (unknown.length > 0) throw new UsageError(`unknown target '${unknown[0]}'; targets are ${TARGETS.join(', ')}`);
    const emitters = targets.length > 0 ? EMITTERS.filter(e => targets.includes(e.target)) : EMITTERS;
    const { report, surveys, services } = await loadAndCheck(paths);
    if (report.errors > 0) {
        ctx.out(formatReport(report, format, ctx));
        ctx.err(`kto: nothing was built: fix the ${report.errors === 1 ? 'error' : `${report.errors} errors`} above first\n`);
        return 1;
    }
    if (surveys.length === 0) throw new UsageError('no survey to build: the files are all libraries (a survey starts with `survey`)');
    const files: EmittedFile[] = [];
    const seen = new Map<string, string>();
    for (const survey of surveys) {
        const model = lowerSurvey(survey.root, services.documentation.CommentProvider);
        const owner = seen.get(model.id);
        if (owner) throw new UsageError(`${survey.path} and ${owner} both define survey '${model.id}'; their output would overwrite each other`);
        seen.set(model.id, survey.path);
        for (const emitter of emitters) files.push(...emitter.emit(model));
    }
    const written = await writeAtomically(outDir, files);
    if (format === 'human') {
        for (const file of written) ctx.out(`wrote ${relative(process.cwd(), file)}\n`);
        const warnings = report.warnings ? ` (${report.warnings} warning${report.warnings === 1 ? '' : 's'}: run kto check)` : '';
        ctx.out(`Built ${surveys.length} survey${surveys.length === 1 ? '' : 's'} to ${emitters.map(e => e.target).join(', ')}${warnings}.\n`);
    } else {
        ctx.out(JSON.stringify({ version: 1, tool: 'kto', built: written.map(f => relative(process.cwd(), f)) }, null, 2) + '\n');
    }
    return 0;
}
