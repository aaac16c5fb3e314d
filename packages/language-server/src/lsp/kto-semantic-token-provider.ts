import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isBlock, isBuiltinUri, isCall, isDerived, isDrivers, isGrid, isGridRow, isInclude, isIndicator, isLibraryHeader, isNote, isQuestion, isRef,
    isSampleVariable, isScale, isScaleCode, isSection, isSurveyHeader, isTestVariant, isTypeRef, isVariant, isVariantWording
} from '@kto/language';
import { AstUtils } from 'langium';

/**
 * Semantic highlighting: what a name is, which a TextMate grammar cannot know. One token type
 * per kind of name, the same at the declaration (modifier `declaration`) and at every use;
 * names from the built-ins (`yesno`, `yes`, `no`) and the functions carry `defaultLibrary`.
 *
 * | kind of name | token type |
 * | --- | --- |
 * | question, grid, note | variable |
 * | derived value | variable + readonly |
 * | sample variable | parameter |
 * | scale | type |
 * | label (scale code) | enumMember |
 * | grid statement | property |
 * | respondent variant | typeParameter |
 * | indicator, key-driver analysis | function + declaration; function calls: function + defaultLibrary |
 * | section, block, survey, library | namespace |
 */
export class KtoSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' {
        const declaration = [SemanticTokenModifiers.declaration];
        if (isQuestion(node) || isGrid(node) || isNote(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
        } else if (isDerived(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: [...declaration, SemanticTokenModifiers.readonly] });
        } else if (isSampleVariable(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter, modifier: declaration });
        } else if (isScale(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: this.builtin(node, declaration) });
        } else if (isScaleCode(node) && node.name) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember, modifier: this.builtin(node, declaration) });
        } else if (isGridRow(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property, modifier: declaration });
        } else if (isVariant(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.typeParameter, modifier: declaration });
        } else if (isIndicator(node) || isDrivers(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
        } else if (isSection(node) || isBlock(node) || isSurveyHeader(node) || isLibraryHeader(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        } else if (isTypeRef(node) && node.scale) {
            acceptor({ node, property: 'scale', type: SemanticTokenTypes.type, modifier: this.builtin(node.scale.ref, []) });
        } else if (isVariantWording(node) || isTestVariant(node)) {
            acceptor({ node, property: 'variant', type: SemanticTokenTypes.typeParameter });
        } else if (isInclude(node)) {
            acceptor({ node, property: 'block', type: SemanticTokenTypes.namespace });
        } else if (isCall(node)) {
            acceptor({ node, property: 'function', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.defaultLibrary });
        } else if (isRef(node)) {
            const target = node.target.ref;
            const type = isScaleCode(target) ? SemanticTokenTypes.enumMember
                : isSampleVariable(target) ? SemanticTokenTypes.parameter
                    : SemanticTokenTypes.variable;
            const modifier = isDerived(target) ? [SemanticTokenModifiers.readonly] : this.builtin(target, []);
            if (target) acceptor({ node, property: 'target', type, modifier });
            if (node.member) acceptor({ node, property: 'member', type: SemanticTokenTypes.property });
        }
    }

    private builtin(node: AstNode | undefined, modifiers: string[]): string[] {
        return node && isBuiltinUri(AstUtils.getDocument(node).uri) ? [...modifiers, SemanticTokenModifiers.defaultLibrary] : modifiers;
    }
}
