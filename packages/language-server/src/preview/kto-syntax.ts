import type { Expression } from '@kto/language/ir';

/** Binding strength in kto's grammar (kto.langium): `? :` < or < and < not < comparison < + − < × ÷ < unary. */
const PRECEDENCE: Record<string, number> = {
    or: 1, and: 2,
    '=': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, contains: 4,
    '+': 5, '-': 5, '*': 6, '/': 6
};

function precedence(e: Expression): number {
    switch (e.kind) {
        case 'conditional': return 0;
        case 'binary': return PRECEDENCE[e.operator];
        case 'not': return 3;
        case 'in': return 4;
        case 'negate': return 7;
        default: return 8;
    }
}

/**
 * A resolved expression written back in kto syntax (labels by their names), for parts of a
 * condition: the model carries `askedWhenText` for a whole condition only, and the routing graph
 * shows each `if` on its own.
 */
export function ktoText(e: Expression): string {
    const operand = (x: Expression, min: number): string => (precedence(x) < min ? `(${ktoText(x)})` : ktoText(x));
    switch (e.kind) {
        case 'number': return String(e.value);
        case 'string': return JSON.stringify(e.value);
        case 'boolean': return String(e.value);
        case 'label': return e.name;
        case 'answer': case 'derived': return e.name;
        // `not x = 1` parses as `not (x = 1)`; the parentheses say so, as the compiler writes it.
        case 'not': return `not ${operand(e.operand, 8)}`;
        case 'negate': return `-${operand(e.operand, 7)}`;
        case 'in': return `${operand(e.operand, 5)} ${e.negated ? 'not in' : 'in'} {${e.values.map(v => operand(v, 5)).join(', ')}}`;
        case 'set': return `{${e.values.map(ktoText).join(', ')}}`;
        case 'call': return `${e.function}(${e.args.map(ktoText).join(', ')})`;
        case 'conditional': return `${operand(e.condition, 1)} ? ${operand(e.then, 1)} : ${operand(e.otherwise, 0)}`;
        case 'binary': {
            const p = PRECEDENCE[e.operator];
            // Comparisons do not chain; arithmetic and logic associate to the left.
            const rightMin = p === 4 ? 5 : p + 1;
            const leftMin = p === 4 ? 5 : p;
            return `${operand(e.left, leftMin)} ${e.operator} ${operand(e.right, rightMin)}`;
        }
    }
}

/** The parts of a conjunction (`a and b and c` → a, b, c); nothing for an absent condition. */
export function conjuncts(e: Expression | undefined): Expression[] {
    if (e === undefined) return [];
    if (e.kind === 'binary' && e.operator === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
    return [e];
}

/** `a and b and …` from parts; `undefined` for none. */
export function conjunction(parts: readonly Expression[]): Expression | undefined {
    if (parts.length === 0) return undefined;
    return parts.reduce((left, right) => ({ kind: 'binary', operator: 'and', left, right }));
}
