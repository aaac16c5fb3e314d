import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { describeType, domainOfReferable, isDerived, isDrivers, isGrid, isRef, isScaleCode, TypeChecker, type KtoType } from '@kto/language';
import { domainOfCode, textIn } from './kto-lsp-utils.js';

/**
 * Inlay hints where the source leaves out what the reader needs:
 * - after a label in a condition, its code: `x >= akkoord` ⟨= 4⟩ (labels survive a renumbering,
 *   but the data file holds the code);
 * - after a grid statement, the scale it is answered on: `stellingen.rechten` ⟨: Akkoord5⟩;
 * - after the name of a derived value, its type: `derive groep` ⟨: text⟩.
 */
export class KtoInlayHintProvider extends AbstractInlayHintProvider {
    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (!node.$cstNode) return;
        const document = AstUtils.getDocument(node);
        const at = (offset: number) => document.textDocument.positionAt(offset);
        if (isRef(node) && node.$cstNode) {
            const target = node.target.ref;
            if (isScaleCode(target)) {
                const scale = domainOfCode(target)?.name;
                acceptor({
                    position: at(node.$cstNode.end),
                    label: `= ${target.value}`,
                    kind: InlayHintKind.Parameter,
                    paddingLeft: true,
                    tooltip: `${target.missing ? 'Missing code' : 'Code'} ${target.value} of ${scale ?? 'its scale'}: "${textIn(target.label) ?? ''}"`
                });
            } else if (isGrid(target) && node.member?.ref && !isDrivers(node.$container)) {
                const domain = domainOfReferable(target, node.member.ref);
                if (domain) acceptor({ position: at(node.$cstNode.end), label: `: ${domain.name}`, kind: InlayHintKind.Type, paddingLeft: false });
            }
        } else if (isDerived(node) && node.expr) {
            const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
            if (!nameNode) return;
            let type: KtoType;
            try {
                type = new TypeChecker(() => undefined).typeOfDerived(node);
            } catch {
                return;
            }
            const label = typeLabel(type);
            if (label) acceptor({ position: at(nameNode.end), label: `: ${label}`, kind: InlayHintKind.Type, tooltip: describeType(type) });
        }
    }
}

function typeLabel(type: KtoType): string | undefined {
    switch (type.kind) {
        case 'answer': case 'label': return type.domain.name;
        case 'set': return `multi ${type.domain.name}`;
        case 'number': return 'number';
        case 'string': return 'text';
        case 'boolean': return 'condition';
        default: return undefined;
    }
}
