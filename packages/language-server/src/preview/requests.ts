import { DocumentState, URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { Disposable, NotificationType, RequestType, type Connection } from 'vscode-languageserver';
import { importClosure } from '@kto/language';
import { PREVIEW_KINDS, previewDocument, type PreviewParams, type PreviewResult } from './document-preview.js';

/** `kto/preview` `{ uri, kind, language?, variant? }` → `{ html } | { error }`. */
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult, void>('kto/preview');

/** `kto/previewInvalidated` `{ uri }`: the document (or a file it imports) changed; ask for its preview again. */
export const PreviewInvalidatedNotification = new NotificationType<{ uri: string }>('kto/previewInvalidated');

/**
 * The preview requests over LSP. A preview is of the document as the editor has it (unsaved
 * changes included), once its latest change is built and checked. After each build, every open or
 * previewed document that was rebuilt, or that imports (transitively) one that was, is announced
 * as invalidated so the editor can refresh its preview as the file is typed.
 */
export function registerPreviewHandlers(connection: Connection, shared: LangiumSharedServices): Disposable {
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const previewed = new Set<string>();

    const request = connection.onRequest(PreviewRequest, async (params, token): Promise<PreviewResult> => {
        if (typeof params?.uri !== 'string') return { error: 'kto/preview needs a document uri' };
        if (!PREVIEW_KINDS.includes(params.kind)) return { error: `kto/preview: unknown kind '${String(params.kind)}' (questionnaire or routing)` };
        const uri = URI.parse(params.uri);
        if (!shared.ServiceRegistry.hasServices(uri)) return { error: `${params.uri} is not a kto document` };
        previewed.add(uri.toString());
        await shared.workspace.WorkspaceManager.ready;
        // Wait for the document's latest change to be built: pending changes are write actions on
        // the workspace lock, and a normal read runs after them.
        for (let attempt = 0; attempt < 5; attempt++) {
            try {
                await builder.waitUntil(DocumentState.Validated, uri, token);
            } catch (error) {
                if (token.isCancellationRequested) throw error;
                return { error: `${params.uri} is not open or not in the workspace` };
            }
            const result = await shared.workspace.WorkspaceLock.read(() => {
                const document = documents.getDocument(uri);
                if (!document) return { error: `${params.uri} is not open or not in the workspace` };
                if (document.state < DocumentState.Validated) return undefined; // changed meanwhile: wait again
                return previewDocument(document, shared.ServiceRegistry.getServices(uri), params.kind, { language: params.language, variant: params.variant });
            });
            if (result) return result;
        }
        return { error: `${params.uri} keeps changing; ask again` };
    });

    const built = builder.onBuildPhase(DocumentState.Validated, documentsBuilt => {
        for (const uri of invalidated(documentsBuilt, documents, key => previewed.has(key) || shared.workspace.TextDocuments.get(key) !== undefined)) {
            void connection.sendNotification(PreviewInvalidatedNotification, { uri });
        }
    });
    return Disposable.create(() => {
        request.dispose();
        built.dispose();
    });
}

/** The documents whose preview a build changed: among those `watched`, the ones rebuilt or importing one that was. */
export function invalidated(built: readonly LangiumDocument[], documents: LangiumDocuments, watched: (uri: string) => boolean): string[] {
    const rebuilt = new Set(built.map(d => d.uri.toString()));
    const out: string[] = [];
    for (const document of documents.all) {
        const key = document.uri.toString();
        if (!watched(key)) continue;
        if (rebuilt.has(key) || importClosure(document, documents).some(d => rebuilt.has(d.uri.toString()))) out.push(key);
    }
    return out;
}
