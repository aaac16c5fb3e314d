import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { URI } from 'langium';
import { createKtoServices, KtoWorkspace, type KtoFile } from '@kto/language';
import { lowerSurvey, type SurveyModel } from '@kto/model';

export const EXAMPLES = resolve(import.meta.dirname, '../../examples');

/** The survey files among the examples (libraries excluded), sorted. */
export function exampleSurveyFiles(): string[] {
    return readdirSync(EXAMPLES).filter(f => f.endsWith('.kto')).sort().map(f => join(EXAMPLES, f));
}

/** Checks and lowers .kto files from disk; fails loudly when a file has errors. */
export async function loadModels(files: string[]): Promise<Map<string, SurveyModel>> {
    const { shared, Kto } = createKtoServices();
    const workspace = new KtoWorkspace(shared, async uri => {
        try {
            return readFileSync(uri.fsPath, 'utf8');
        } catch {
            return undefined;
        }
    });
    await workspace.load(files.map(f => URI.file(f)));
    const diagnostics = await workspace.check();
    const models = new Map<string, SurveyModel>();
    for (const file of files) {
        const uri = URI.file(file).toString();
        const errors = (diagnostics.get(uri) ?? []).filter(d => d.severity === 'error');
        if (errors.length > 0) throw new Error(`${file} has errors: ${errors.map(e => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
        const document = workspace.documents.find(d => d.uri.toString() === uri)!;
        const root = document.parseResult.value as KtoFile;
        if (root.survey) models.set(file, lowerSurvey(root, Kto.documentation.CommentProvider));
    }
    return models;
}

export async function exampleModels(): Promise<Map<string, SurveyModel>> {
    return loadModels(exampleSurveyFiles());
}
