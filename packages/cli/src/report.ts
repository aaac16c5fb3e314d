import { relative } from 'node:path';
import { URI } from 'langium';
import type { KtoDiagnostic } from '@kto/language';

/** One checked file as the formatters see it. */
export interface FileReport {
    /** Path relative to the working directory, with forward slashes. */
    path: string;
    text: string;
    diagnostics: KtoDiagnostic[];
}

export interface CheckReport {
    files: FileReport[];
    errors: number;
    warnings: number;
}

export function displayPath(uri: string, cwd = process.cwd()): string {
    const path = relative(cwd, URI.parse(uri).fsPath);
    return path.split('\\').join('/');
}

export function summarize(files: FileReport[]): CheckReport {
    const all = files.flatMap(f => f.diagnostics);
    return {
        files,
        errors: all.filter(d => d.severity === 'error').length,
        warnings: all.filter(d => d.severity === 'warning').length
    };
}
