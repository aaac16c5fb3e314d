import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isImport, type KtoFile } from '../generated/ast.js';
import { resolveImportUri } from '../scoping/imports.js';
import { addBuiltins } from '../kto-module.js';

/** A diagnostic in the form the CLI and tests report: 1-based lines and columns. */
export interface KtoDiagnostic {
    uri: string;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

/** Reading a file failed in a way that is not the survey's fault (permissions, encoding). */
export class SourceReadError extends Error {}

/** Reads a file's text; `undefined` when it does not exist. Throws SourceReadError otherwise. */
export type SourceReader = (uri: URI) => Promise<string | undefined>;

/**
 * Loads .kto files and, transitively, the files they import, then builds and checks them all.
 * Independent of the file system: the CLI passes a reader for disk, tests one for strings.
 */
export class KtoWorkspace {
    private readonly loaded = new Map<string, LangiumDocument>();

    constructor(private readonly shared: LangiumSharedCoreServices, private readonly read: SourceReader) {
        addBuiltins(shared);
    }

    /** Loads the files (and their imports); returns the URIs that did not exist. */
    async load(uris: URI[]): Promise<URI[]> {
        const missing: URI[] = [];
        const queue = [...uris];
        const requested = new Set(uris.map(u => u.toString()));
        while (queue.length > 0) {
            const uri = queue.shift()!;
            if (this.loaded.has(uri.toString())) continue;
            const text = await this.read(uri);
            if (text === undefined) {
                if (requested.has(uri.toString())) missing.push(uri);
                continue;
            }
            const document = this.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
            this.shared.workspace.LangiumDocuments.addDocument(document);
            this.loaded.set(uri.toString(), document);
            for (const imp of (document.parseResult.value as KtoFile).imports ?? []) {
                if (isImport(imp) && imp.path) queue.push(resolveImportUri(uri, imp.path));
            }
        }
        return missing;
    }

    get documents(): LangiumDocument[] {
        return [...this.loaded.values()];
    }

    /** Builds and checks every loaded document; diagnostics per document URI, sorted by position. */
    async check(): Promise<Map<string, KtoDiagnostic[]>> {
        // The built-ins are built with the files so that their scales (yesno) are in the index.
        await this.shared.workspace.DocumentBuilder.build(this.shared.workspace.LangiumDocuments.all.toArray(), { validation: true });
        const result = new Map<string, KtoDiagnostic[]>();
        for (const document of this.documents) {
            result.set(document.uri.toString(), (document.diagnostics ?? []).map(d => toKtoDiagnostic(document.uri.toString(), d)).sort(byPosition));
        }
        return result;
    }
}

const SEVERITIES = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

export function toKtoDiagnostic(uri: string, d: Diagnostic): KtoDiagnostic {
    return {
        uri,
        severity: SEVERITIES[(d.severity ?? 1) as 1 | 2 | 3 | 4],
        code: String(d.code ?? 'kto/syntax-error'),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1
    };
}

function byPosition(a: KtoDiagnostic, b: KtoDiagnostic): number {
    return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

/** Checks in-memory sources, keyed by path ("main.kto", "lib/schalen.kto"): for tests and tools. */
export async function checkSources(shared: LangiumSharedCoreServices, sources: Record<string, string>, root = '/virtual'): Promise<Map<string, KtoDiagnostic[]>> {
    const toUri = (path: string): URI => URI.file(`${root}/${path}`);
    const byUri = new Map(Object.entries(sources).map(([path, text]) => [toUri(path).toString(), text]));
    const workspace = new KtoWorkspace(shared, async uri => byUri.get(uri.toString()));
    await workspace.load(Object.keys(sources).map(toUri));
    const diagnostics = await workspace.check();
    const byPath = new Map<string, KtoDiagnostic[]>();
    for (const [path] of Object.entries(sources)) byPath.set(path, diagnostics.get(toUri(path).toString()) ?? []);
    return byPath;
}
