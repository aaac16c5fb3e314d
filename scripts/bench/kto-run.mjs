// One parse+check of a set of .kto files in fresh services, timed per phase.
import { readFile } from 'node:fs/promises';
import { URI } from 'langium';
import { createKtoServices, KtoWorkspace } from '../../packages/language/dist/index.js';

/**
 * Loads (reads and parses) the files and what they import, links them (build without
 * validation), then checks them (validation). `sources` maps absolute paths to their text; files
 * not in it are read from disk. Returns the phase times in ms and the diagnostics per URI.
 */
export async function runKto(paths, sources = new Map(), hooks = {}) {
    const t0 = performance.now();
    const { shared } = createKtoServices();
    const t1 = performance.now();
    const workspace = new KtoWorkspace(shared, async uri => {
        const cached = sources.get(uri.fsPath);
        if (cached !== undefined) return cached;
        return readFile(uri.fsPath, 'utf8').catch(e => e.code === 'ENOENT' ? undefined : Promise.reject(e));
    });
    hooks.onServices?.(shared);
    const missing = await workspace.load(paths.map(p => URI.file(p)));
    if (missing.length > 0) throw new Error(`missing: ${missing.map(u => u.fsPath).join(', ')}`);
    const t2 = performance.now();
    hooks.afterParse?.();
    const documents = shared.workspace.LangiumDocuments.all.toArray();
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    const t3 = performance.now();
    hooks.afterLink?.();
    const diagnostics = await workspace.check();
    const t4 = performance.now();
    hooks.afterCheck?.();
    return {
        services: t1 - t0,
        parse: t2 - t1,
        link: t3 - t2,
        validate: t4 - t3,
        total: t4 - t1,
        diagnostics,
        documents: workspace.documents.length
    };
}
