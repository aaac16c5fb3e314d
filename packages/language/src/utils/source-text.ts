import type { AstNode } from 'langium';

/** A node's source text on one line, as messages and generated texts quote it. */
export function sourceText(node: AstNode): string {
    return node.$cstNode?.text.replace(/\s+/g, ' ').trim() ?? '';
}
