import type { CheckReport } from '../report.js';

/**
 * `kto check --format json`. The shape is stable (see docs/cli.md); `version` changes only with
 * an incompatible change.
 */
export function formatJson(report: CheckReport): string {
    return JSON.stringify({
        version: 1,
        tool: 'kto',
        summary: { files: report.files.length, errors: report.errors, warnings: report.warnings },
        files: report.files.map(f => ({
            path: f.path,
            diagnostics: f.diagnostics.map(d => ({
                code: d.code,
                severity: d.severity,
                message: d.message,
                range: {
                    start: { line: d.line, column: d.column },
                    end: { line: d.endLine, column: d.endColumn }
                }
            }))
        }))
    }, null, 2) + '\n';
}
