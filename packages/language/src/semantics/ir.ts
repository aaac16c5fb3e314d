/**
 * Expressions in resolved form: names are resolved, labels are replaced by their codes, and each
 * answer carries the missing codes of its scale. This is what the checker reasons over, what the
 * reference evaluator runs, and what the survey schema and analysis spec carry (as JSON), so that
 * every consumer evaluates the same thing.
 */
export type Expression =
    | { kind: 'number'; value: number }
    | { kind: 'string'; value: string }
    | { kind: 'boolean'; value: boolean }
    /** A scale label used as a literal: `akkoord` stands for its code. */
    | { kind: 'label'; value: number; name: string; scale: string }
    /** The answer to a question, a grid statement (`grid.row`) or a sample variable. */
    | { kind: 'answer'; name: string; missing: number[] }
    | { kind: 'derived'; name: string }
    | { kind: 'not'; operand: Expression }
    | { kind: 'negate'; operand: Expression }
    | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
    | { kind: 'in'; operand: Expression; values: Expression[]; negated: boolean }
    | { kind: 'set'; values: Expression[] }
    | { kind: 'call'; function: RowFunction; args: Expression[] }
    | { kind: 'conditional'; condition: Expression; then: Expression; otherwise: Expression };

export type BinaryOperator = 'and' | 'or' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | '+' | '-' | '*' | '/';
export type RowFunction = 'answered' | 'valid' | 'sum' | 'min' | 'max' | 'count' | 'round' | 'abs';

export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=', 'contains']);

/**
 * What an operator or a function call yields, whatever its operands: arithmetic and the number
 * functions give a number; comparisons, logic, `answered` and `valid` give a condition.
 */
export function resultOf(e: Extract<Expression, { kind: 'binary' | 'call' }>): 'number' | 'boolean' {
    if (e.kind === 'binary') return ['+', '-', '*', '/'].includes(e.operator) ? 'number' : 'boolean';
    return e.function === 'answered' || e.function === 'valid' ? 'boolean' : 'number';
}

/** The expression's direct sub-expressions. */
export function childrenOf(e: Expression): Expression[] {
    switch (e.kind) {
        case 'not': case 'negate': return [e.operand];
        case 'binary': return [e.left, e.right];
        case 'in': return [e.operand, ...e.values];
        case 'set': return e.values;
        case 'call': return e.args;
        case 'conditional': return [e.condition, e.then, e.otherwise];
        default: return [];
    }
}

/** Every sub-expression, the expression itself first. */
export function* walkExpression(e: Expression): Generator<Expression> {
    yield e;
    for (const child of childrenOf(e)) yield* walkExpression(child);
}
