import type { KtoDiagnostic } from '@kto/language';

/**
 * A baseline shows the diagnostics inline, under the line they point at, in the style of
 * Bicep's `main.diagnostics.bicep`, so a reviewer reads each rule at work in a diff:
 *
 *   if algemeen > 11 {
 * //   ^^^^^^^^^^^^^ warning kto/unreachable-item: No respondent can get here ...
 */
export function renderBaseline(source: string, diagnostics: KtoDiagnostic[]): string {
    const lines = source.replace(/\r\n/g, '\n').split('\n');
    const out: string[] = [];
    lines.forEach((line, i) => {
        out.push(line);
        for (const d of diagnostics.filter(d => d.line === i + 1)) {
            const start = d.column - 1;
            const end = d.endLine === d.line ? d.endColumn - 1 : line.length;
            const width = Math.max(1, end - start);
            // The marker line starts with `//`, so carets line up with the source from column 3 on.
            out.push(`//${' '.repeat(Math.max(0, start - 2))}${'^'.repeat(width)} ${d.severity} ${d.code}: ${d.message}`);
        }
    });
    return out.join('\n');
}
