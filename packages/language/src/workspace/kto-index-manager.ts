import { DefaultIndexManager, type LangiumDocument } from 'langium';
import { importClosure } from '../scoping/imports.js';

/**
 * A survey depends on more of the files it imports than the names it references: their texts
 * (translations are checked at the import), their blocks' routing, their import cycles. So a
 * change to an imported file, however deep, re-checks every survey that imports it.
 */
export class KtoIndexManager extends DefaultIndexManager {
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) return true;
        return importClosure(document, this.documents).some(d => d !== document && changedUris.has(d.uri.toString()));
    }
}
