import type { LangiumDocument, LangiumDocuments, MaybePromise } from 'langium';
import type { DocumentLinkProvider, LangiumServices } from 'langium/lsp';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { resolveImportUri, type KtoFile } from '@kto/language';

/** `import "lib/schalen.kto"`: the path is a link to the file (resolved like the checker does, relative to this file). */
export class KtoDocumentLinkProvider implements DocumentLinkProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): MaybePromise<DocumentLink[]> {
        const links: DocumentLink[] = [];
        for (const imp of (document.parseResult.value as KtoFile).imports ?? []) {
            const cst = imp.$cstNode;
            if (!cst || !imp.path) continue;
            const target = resolveImportUri(document.uri, imp.path);
            // An import that does not resolve gets kto/import-not-found instead of a dead link.
            if (!this.documents.hasDocument(target)) continue;
            const quoted = cst.text.lastIndexOf(`"${imp.path}"`);
            if (quoted < 0) continue;
            const start = cst.offset + quoted + 1;
            links.push({
                range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(start + imp.path.length) },
                target: target.toString(),
                tooltip: `Open ${imp.path}`
            });
        }
        return links;
    }
}
