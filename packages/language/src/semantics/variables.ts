import { isGrid, isScaleCode, type Ref } from '../generated/ast.js';

/** The key an answer is stored under: the item's name, or `grid.row` for a grid statement. */
export function variableKey(ref: Ref): string | undefined {
    const target = ref.target.ref;
    if (!target || isScaleCode(target)) return undefined;
    if (isGrid(target)) return ref.member?.ref ? `${target.name}.${ref.member.ref.name}` : undefined;
    return target.name;
}
