import { AstUtils, UriUtils, type AstNode, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { Import, KtoFile } from '../generated/ast.js';
import { BUILTIN_URI } from '../builtins.js';

/** The file an `import "..."` statement names, resolved relative to the importing file. */
export function resolveImportUri(importingDocument: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(importingDocument), path);
}

export function importTarget(imp: Import): URI {
    return resolveImportUri(AstUtils.getDocument(imp).uri, imp.path);
}

/** The documents whose declarations are visible in `document`: itself, its direct imports and the built-ins. */
export function visibleDocumentUris(document: LangiumDocument, documents: LangiumDocuments): Set<string> {
    const uris = new Set<string>([document.uri.toString(), BUILTIN_URI.toString()]);
    const root = document.parseResult.value as KtoFile;
    for (const imp of root.imports ?? []) {
        const target = importTarget(imp);
        if (documents.hasDocument(target)) uris.add(target.toString());
    }
    return uris;
}

/** All documents reachable through imports (transitively), starting with `document` itself. */
export function importClosure(document: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    const seen = new Map<string, LangiumDocument>();
    const visit = (doc: LangiumDocument): void => {
        const key = doc.uri.toString();
        if (seen.has(key)) return;
        seen.set(key, doc);
        for (const imp of (doc.parseResult.value as KtoFile).imports ?? []) {
            const target = documents.getDocument(importTarget(imp));
            if (target) visit(target);
        }
    };
    visit(document);
    return [...seen.values()];
}

export function documentOf(node: AstNode): LangiumDocument {
    return AstUtils.getDocument(node);
}
