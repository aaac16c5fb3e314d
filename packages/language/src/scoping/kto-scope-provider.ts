import {
    AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, WorkspaceCache, type LangiumDocuments, type ReferenceInfo, type Scope
} from 'langium';
import type { KtoServices } from '../kto-module.js';
import { isGrid, isRef, Ref, type ScaleCode } from '../generated/ast.js';
import { domainOfValue } from '../semantics/types.js';
import { visibleDocumentUris } from './imports.js';
import { labelContext } from './label-context.js';
import { builtinYesNoCodes } from './builtin-scales.js';

export class KtoScopeProvider extends DefaultScopeProvider {
    protected readonly documents: LangiumDocuments;
    protected readonly visibleScopes: WorkspaceCache<string, Scope>;

    constructor(services: KtoServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.visibleScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const container = context.container;
        if (isRef(container) && context.property === Ref.member) {
            const grid = container.target.ref;
            return isGrid(grid) ? this.createScopeForNodes(grid.rows) : EMPTY_SCOPE;
        }
        const referenceType = this.reflection.getReferenceType(context);
        const visible = this.visibleScope(context, referenceType);
        if (isRef(container) && context.property === Ref.target) {
            const labels = this.labelsBeside(container);
            if (labels.length > 0) return this.createScopeForNodes(labels, visible);
        }
        return visible;
    }

    /** Declarations of the given type in this file, its direct imports and the built-ins. */
    visibleScope(context: ReferenceInfo, referenceType: string): Scope {
        const document = AstUtils.getDocument(context.container);
        const own = document.uri.toString();
        return this.visibleScopes.get(`${referenceType} ${own}`, () => {
            // The file's own declarations shadow imported ones (a clash is reported as a duplicate).
            const others = visibleDocumentUris(document, this.documents);
            others.delete(own);
            const outer = new MapScope(this.indexManager.allElements(referenceType, others));
            return new MapScope(this.indexManager.allElements(referenceType, new Set([own])), outer);
        });
    }

    /** The labels of the scale of the item a label reference stands beside, if any. */
    labelsBeside(ref: Ref): ScaleCode[] {
        const compared = labelContext(ref);
        if (!compared) return [];
        const domain = domainOfValue(compared);
        if (!domain) return [];
        const codes = [...domain.codes, ...domain.missing].filter(c => c.name);
        if (domain.kind === 'yesno' && !codes.some(c => c.name === 'yes')) codes.push(...builtinYesNoCodes(this.documents));
        return codes;
    }
}
