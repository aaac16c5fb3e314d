import { DefaultWorkspaceManager, type LangiumDocument, type LangiumDocumentFactory } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { BUILTIN_SOURCE, BUILTIN_URI } from '@kto/language';

/** Loads the built-in scales (yesno) with the workspace, so they resolve, hover and navigate like any scale. */
export class KtoWorkspaceManager extends DefaultWorkspaceManager {
    private readonly factory: LangiumDocumentFactory;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.factory = services.workspace.LangiumDocumentFactory;
    }

    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        collector(this.factory.fromString(BUILTIN_SOURCE, BUILTIN_URI));
    }
}
