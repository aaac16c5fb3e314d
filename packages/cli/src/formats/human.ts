import type { KtoDiagnostic } from '@kto/language';
import type { CheckReport, FileReport } from '../report.js';

export interface Style {
    red(s: string): string;
    yellow(s: string): string;
    cyan(s: string): string;
    dim(s: string): string;
    bold(s: string): string;
}

const plain: Style = { red: s => s, yellow: s => s, cyan: s => s, dim: s => s, bold: s => s };
const sgr = (code: number) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const colored: Style = { red: sgr(31), yellow: sgr(33), cyan: sgr(36), dim: sgr(2), bold: sgr(1) };

export function styleFor(color: boolean): Style {
    return color ? colored : plain;
}

/** Like a good compiler: location, severity and code, message, then the line with a caret under the range. */
export function formatHuman(report: CheckReport, style: Style): string {
    const out: string[] = [];
    for (const file of report.files) {
        for (const d of file.diagnostics) out.push(formatOne(file, d, style));
    }
    const files = report.files.length === 1 ? '1 file' : `${report.files.length} files`;
    const counts = [plural(report.errors, 'error'), plural(report.warnings, 'warning')].join(', ');
    const summary = report.errors > 0 ? style.red(counts) : report.warnings > 0 ? style.yellow(counts) : counts;
    out.push(`Checked ${files}: ${summary}.`);
    return out.join('\n') + '\n';
}

function formatOne(file: FileReport, d: KtoDiagnostic, style: Style): string {
    const severity = d.severity === 'error' ? style.red('error') : style.yellow(d.severity);
    const head = `${style.cyan(`${file.path}:${d.line}:${d.column}`)} - ${severity} ${style.dim(d.code)}: ${d.message}`;
    const lines = file.text.split(/\r?\n/);
    const source = lines[d.line - 1];
    if (source === undefined) return head + '\n';
    const number = String(d.line);
    const gutter = ' '.repeat(number.length);
    const expanded = source.replace(/\t/g, '    ');
    const startCol = visualColumn(source, d.column - 1);
    const endCol = d.endLine === d.line ? visualColumn(source, d.endColumn - 1) : expanded.length;
    const width = Math.max(1, endCol - startCol);
    const caret = ' '.repeat(startCol) + '^'.repeat(width);
    const color = d.severity === 'error' ? style.red : style.yellow;
    return `${head}\n\n ${style.dim(number + ' |')} ${expanded}\n ${style.dim(gutter + ' |')} ${color(caret)}\n`;
}

function visualColumn(line: string, index: number): number {
    return line.slice(0, index).replace(/\t/g, '    ').length;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
