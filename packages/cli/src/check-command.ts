import { URI } from 'langium';
import { createKtoServices, isBuiltinUri, KtoWorkspace } from '@kto/language';
import { expandPaths, readSource, UsageError } from './files.js';
import { displayPath, summarize, type CheckReport, type FileReport } from './report.js';

/** Loads the files under `paths` (and what they import) and checks them all. */
export async function runCheck(paths: string[]): Promise<CheckReport> {
    const files = await expandPaths(paths.length > 0 ? paths : ['.']);
    if (files.length === 0) throw new UsageError(`no .kto files found in ${paths.join(', ') || '.'}`);
    const { shared } = createKtoServices();
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
    for (const document of workspace.documents) {
        const uri = document.uri.toString();
        if (isBuiltinUri(uri)) continue;
        reports.push({ path: displayPath(uri), text: texts.get(uri) ?? '', diagnostics: diagnostics.get(uri) ?? [] });
    }
    reports.sort((a, b) => a.path.localeCompare(b.path));
    return summarize(reports);
}
