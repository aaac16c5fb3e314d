import { URI, type LangiumDocument } from 'langium';
import { createKtoServices, isBuiltinUri, KtoWorkspace, type KtoFile, type KtoServices } from '@kto/language';
import { expandPaths, readSource, UsageError } from './files.js';
import { displayPath, summarize, type CheckReport, type FileReport } from './report.js';

export interface LoadedWorkspace {
    report: CheckReport;
    /** The surveys among the files (libraries excluded), with their display paths. */
    surveys: Array<{ path: string; root: KtoFile; document: LangiumDocument }>;
    services: KtoServices;
}

/** Loads the files under `paths` (and what they import) and checks them all. */
export async function loadAndCheck(paths: string[]): Promise<LoadedWorkspace> {
    const files = await expandPaths(paths.length > 0 ? paths : ['.']);
    if (files.length === 0) throw new UsageError(`no .kto files found in ${paths.join(', ') || '.'}`);
    const { shared, Kto } = createKtoServices();
    const texts = new Map<string, string>();
    const workspace = new KtoWorkspace(shared, async uri => {
        const text = await readSource(uri);
        if (text !== undefined) texts.set(uri.toString(), text);
        return text;
    });
    const missing = await workspace.load(files.map(f => URI.file(f)));
    if (missing.length > 0) throw new UsageError(`${missing[0].fsPath}: no such file`);
    const diagnostics = await workspace.check();
    const reports: FileReport[] = [];
    const surveys: LoadedWorkspace['surveys'] = [];
    for (const document of workspace.documents) {
        const uri = document.uri.toString();
        if (isBuiltinUri(uri)) continue;
        const path = displayPath(uri);
        reports.push({ path, text: texts.get(uri) ?? '', diagnostics: diagnostics.get(uri) ?? [] });
        const root = document.parseResult.value as KtoFile;
        if (root.survey) surveys.push({ path, root, document });
    }
    reports.sort((a, b) => a.path.localeCompare(b.path));
    surveys.sort((a, b) => a.path.localeCompare(b.path));
    return { report: summarize(reports), surveys, services: Kto };
}
