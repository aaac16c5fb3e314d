import { GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { KtoFile } from '@kto/language';

/** The commands the VS Code extension implements; the argument is the survey document's URI. */
export const OPEN_PREVIEW_COMMAND = 'kto.openPreview';
export const SHOW_ROUTING_GRAPH_COMMAND = 'kto.showRoutingGraph';

/** "Preview questionnaire" and "Show routing graph" above the `survey` header (a library has neither). */
export class KtoCodeLensProvider implements CodeLensProvider {
    constructor(_services: LangiumServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const survey = (document.parseResult.value as KtoFile).survey;
        const cst = survey?.$cstNode;
        if (!survey || !cst) return [];
        const range = (GrammarUtils.findNodeForKeyword(cst, 'survey') ?? cst).range;
        const uri = document.uri.toString();
        return [
            { range, command: { title: 'Preview questionnaire', command: OPEN_PREVIEW_COMMAND, arguments: [uri] } },
            { range, command: { title: 'Show routing graph', command: SHOW_ROUTING_GRAPH_COMMAND, arguments: [uri] } }
        ];
    }
}
