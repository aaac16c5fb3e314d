import type { AstNode } from 'langium';
import { isAnswer, isBinaryExpr, isInExpr, isRef, isSetLiteral, type Ref } from '../generated/ast.js';

/**
 * Scale labels are written bare (`stellingen.rechten >= akkoord`), so a label means something only
 * beside the item it is compared with. This finds that item: the left operand of a comparison,
 * `in {...}` or `contains`, or the target of a test's `given`. Labels stand on the right only, which
 * keeps resolution one-directional (the left side never depends on the right).
 */
export function labelContext(ref: Ref): Ref | undefined {
    let node: AstNode = ref;
    let parent = node.$container;
    if (isSetLiteral(parent)) {
        node = parent;
        parent = parent.$container;
    }
    if (isBinaryExpr(parent) && parent.right === node && COMPARISONS.has(parent.operator) && isRef(parent.left)) {
        return parent.left;
    }
    if (isInExpr(parent) && parent.values.includes(node as never) && isRef(parent.left)) {
        return parent.left;
    }
    if (isAnswer(parent) && parent.value === node) {
        return parent.target;
    }
    return undefined;
}

const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=', 'contains']);
