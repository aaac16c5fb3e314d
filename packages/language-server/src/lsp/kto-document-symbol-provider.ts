import { AstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import {
    isBlock, isCall, isDerived, isDrivers, isExpr, isGrid, isIfBlock, isImport, isIndicator, isIndicatorsBlock, isQuestion, isSampleVariable,
    isScaleCode, isTestCase, isText, isTypeRef, isWording
} from '@kto/language';
import { shorten, textIn } from './kto-lsp-utils.js';

/**
 * The outline: the survey header, imports, scales with their codes, sections and blocks with
 * their items (items under an `if` stand with the others: routing is not structure), grids
 * with their statements, derived values, sample variables, the indicators, the tests. The
 * detail column shows the scale of an item, the code and text of a label, the formula of an
 * indicator.
 */
export class KtoDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, node: AstNode): DocumentSymbol[] {
        if (isIfBlock(node)) return this.getChildSymbols(document, node) ?? [];
        if (isIndicatorsBlock(node) && node.$cstNode) {
            const keyword = GrammarUtils.findNodeForKeyword(node.$cstNode, 'indicators') ?? node.$cstNode;
            return [{
                name: 'indicators', kind: SymbolKind.Object, range: node.$cstNode.range, selectionRange: keyword.range,
                children: this.getChildSymbols(document, node)
            }];
        }
        if (isImport(node) && node.$cstNode) {
            return [{ name: `import "${node.path}"`, kind: this.nodeKindProvider.getSymbolKind(node), range: node.$cstNode.range, selectionRange: node.$cstNode.range }];
        }
        if (isScaleCode(node) && !node.name && node.$cstNode) {
            return [{ name: String(node.value), detail: this.detailOf(node), kind: SymbolKind.EnumMember, range: node.$cstNode.range, selectionRange: node.$cstNode.range }];
        }
        return super.getSymbol(document, node);
    }

    protected override getChildSymbols(document: LangiumDocument, node: AstNode): DocumentSymbol[] | undefined {
        const children: DocumentSymbol[] = [];
        for (const child of AstUtils.streamContents(node)) {
            // Texts, expressions and inline types hold no declarations worth listing.
            if (isText(child) || isWording(child) || isExpr(child) || isTypeRef(child)) continue;
            children.push(...this.getSymbol(document, child));
        }
        return children.length > 0 ? children : undefined;
    }

    protected override createSymbol(document: LangiumDocument, node: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
        return { ...super.createSymbol(document, node, cstNode, nameNode, computedName), detail: this.detailOf(node) };
    }

    private detailOf(node: AstNode): string | undefined {
        if (isQuestion(node) || isGrid(node) || isSampleVariable(node)) {
            const type = node.type?.scale?.$refText ?? node.type?.inline?.$cstNode?.text.replace(/\s+/g, ' ');
            return type ? `${node.type?.multi ? 'multi ' : ''}${type}` : undefined;
        }
        if (isScaleCode(node)) return `${node.missing ? 'missing ' : ''}${node.value} "${shorten(textIn(node.label) ?? '', 40)}"`;
        if (isDerived(node)) return shorten(node.expr?.$cstNode?.text ?? '', 60);
        if (isIndicator(node)) return isCall(node.formula) ? shorten(node.formula.$cstNode?.text ?? '', 60) : undefined;
        if (isDrivers(node)) return `${node.outcome?.$cstNode?.text ?? ''} ~ ${node.drivers.map(d => d.$cstNode?.text).join(', ')}`;
        if (isBlock(node)) return 'block';
        if (isTestCase(node)) return `${node.steps.length} steps`;
        return undefined;
    }
}
