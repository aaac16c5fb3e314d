import { AstUtils, DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { isExpr, isGridRow, isScaleCode, isText, isWording } from '../generated/ast.js';

/**
 * A survey has one flat namespace, like the variables of an SPSS file: an item nested in a
 * section or `if` block is visible everywhere, and to the files that import its file.
 * Scale codes and grid rows are the exception: they are only visible beside their scale or grid
 * (see KtoScopeProvider), so they are not exported.
 */
export class KtoScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        const visit = (node: AstNode): void => {
            for (const child of AstUtils.streamContents(node)) {
                // Expressions and texts hold no declarations; skipping them keeps indexing cheap.
                if (isExpr(child) || isText(child) || isWording(child) || isScaleCode(child) || isGridRow(child)) continue;
                const name = this.nameProvider.getName(child);
                if (name) exports.push(this.descriptions.createDescription(child, name, document));
                visit(child);
            }
        };
        visit(document.parseResult.value);
        return exports;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
