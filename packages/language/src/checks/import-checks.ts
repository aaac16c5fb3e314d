import { AstUtils, type AstNode, type LangiumDocument, type MultiReference, type Reference } from 'langium';
import { isScale, type KtoFile } from '../generated/ast.js';
import { importTarget } from '../scoping/imports.js';
import { relativePath, type CheckContext } from './check-context.js';

/** Imports that cannot be found, that go round in a cycle, or that nothing uses; scales nothing uses. */
export function checkImports(ctx: CheckContext): void {
    const referenced = referencedNodes(ctx);
    const used = new Set([...referenced].filter((n): n is AstNode => n !== undefined).map(n => AstUtils.getDocument(n).uri.toString()));
    for (const imp of ctx.root.imports) {
        const target = ctx.documents.getDocument(importTarget(imp));
        if (!target) {
            ctx.report('import-not-found', `Cannot find '${imp.path}'; import paths are relative to the importing file.`, imp, 'path');
            continue;
        }
        const cycle = importCycle(ctx, target);
        if (cycle) {
            const path = [ctx.document, ...cycle].map(d => relativePath(ctx.document, d) || '.').join(' → ');
            ctx.report('import-cycle', `This import makes a cycle: ${path}.`, imp, 'path');
            continue;
        }
        if (!used.has(target.uri.toString())) {
            ctx.report('unused-import', `Nothing from '${imp.path}' is used in this file.`, imp, 'path');
        }
    }
    if (ctx.isSurvey) checkUnusedScales(ctx, referenced);
}

/** The path of documents from `start` back to this document, if there is one. */
function importCycle(ctx: CheckContext, start: LangiumDocument): LangiumDocument[] | undefined {
    const visited = new Set<string>();
    const dfs = (doc: LangiumDocument, path: LangiumDocument[]): LangiumDocument[] | undefined => {
        if (doc === ctx.document) return path;
        const key = doc.uri.toString();
        if (visited.has(key)) return undefined;
        visited.add(key);
        for (const imp of (doc.parseResult.value as KtoFile).imports) {
            const next = ctx.documents.getDocument(importTarget(imp));
            if (next) {
                const found = dfs(next, [...path, next]);
                if (found) return found;
            }
        }
        return undefined;
    };
    return dfs(start, [start]);
}

/** Everything this file's references point at, in one walk over the file. */
function referencedNodes(ctx: CheckContext): Set<AstNode | undefined> {
    const referenced = new Set<AstNode | undefined>();
    for (const node of AstUtils.streamAllContents(ctx.root)) {
        for (const ref of AstUtils.streamReferences(node)) referenced.add(targetOf(ref.reference));
    }
    return referenced;
}

function checkUnusedScales(ctx: CheckContext, referenced: Set<AstNode | undefined>): void {
    for (const scale of ctx.root.declarations.filter(isScale)) {
        if (!referenced.has(scale)) {
            ctx.report('unused-scale', `Scale '${scale.name}' is not used by any item; remove it or move it to a shared library.`, scale, 'name');
        }
    }
}


function targetOf(reference: Reference | MultiReference): AstNode | undefined {
    return 'ref' in reference ? reference.ref : undefined;
}
