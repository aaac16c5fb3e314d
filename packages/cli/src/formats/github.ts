import type { CheckReport } from '../report.js';

/** GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request. */
export function formatGithub(report: CheckReport): string {
    const lines: string[] = [];
    for (const f of report.files) {
        for (const d of f.diagnostics) {
            const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
            const props = [
                `file=${escapeProperty(f.path)}`, `line=${d.line}`, `col=${d.column}`,
                `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escapeProperty(d.code)}`
            ].join(',');
            lines.push(`::${command} ${props}::${escapeData(d.message)}`);
        }
    }
    lines.push(`kto: ${report.errors} error(s), ${report.warnings} warning(s) in ${report.files.length} file(s)`);
    return lines.join('\n') + '\n';
}

function escapeData(s: string): string {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
