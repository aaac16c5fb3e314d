import { WorkspaceCache, type CommentProvider, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { KtoFile } from '@kto/language';
import { lowerSurvey, type SurveyModel } from '@kto/model';

/**
 * The survey model of a document (routing and indicators in plain words come from it), lowered
 * once per workspace state. A survey with errors may not lower; then there is no model and the
 * features fall back to the source text.
 */
export class KtoSurveyModels {
    private readonly cache: WorkspaceCache<string, { model: SurveyModel | undefined }>;

    constructor(shared: LangiumSharedCoreServices, private readonly comments?: CommentProvider) {
        this.cache = new WorkspaceCache(shared);
    }

    get(document: LangiumDocument): SurveyModel | undefined {
        const root = document.parseResult.value as KtoFile;
        if (!root.survey) return undefined;
        return this.cache.get(document.uri.toString(), () => {
            try {
                return { model: lowerSurvey(root, this.comments) };
            } catch {
                return { model: undefined };
            }
        }).model;
    }
}
