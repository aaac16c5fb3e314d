import type { Expression } from './ir.js';

/**
 * The meaning of kto expressions, shared by the checker's reasoning over domains, the reference
 * evaluator, and (by translation) every runtime the compiler targets. The rules, chosen so that
 * every runtime can follow them:
 * - an item that was not asked or not answered has no value (`undefined`);
 * - a comparison with something that has no value is false, whichever operator (also `!=`);
 * - missing codes ("weet niet") are answers: `=`, `!=` and `in` see their code, but ordering and
 *   arithmetic treat them as no value, so "weet niet" (99) is never "more than 5";
 * - `sum`, `min` and `max` skip values that are absent, and have no value when all are.
 */
export type Value = number | string | boolean | ReadonlySet<number> | undefined;

export interface Environment {
    /** The answer stored under a variable name (`item` or `grid.row`). */
    answer(name: string): Value;
    /** The expression of a derived value. */
    derived(name: string): Expression | undefined;
}

export class Evaluator {
    private readonly derivedInProgress = new Set<string>();

    constructor(private readonly env: Environment) {}

    evaluate(e: Expression): Value {
        switch (e.kind) {
            case 'number': case 'string': case 'boolean': case 'label':
                return e.value;
            case 'answer':
                return this.env.answer(e.name);
            case 'derived': {
                const expr = this.env.derived(e.name);
                if (!expr || this.derivedInProgress.has(e.name)) return undefined; // a cycle is a checker error
                this.derivedInProgress.add(e.name);
                try {
                    return this.evaluate(expr);
                } finally {
                    this.derivedInProgress.delete(e.name);
                }
            }
            case 'not': return !truthy(this.evaluate(e.operand));
            case 'negate': {
                const v = this.numeric(e.operand);
                return v === undefined ? undefined : -v;
            }
            case 'conditional':
                return truthy(this.evaluate(e.condition)) ? this.evaluate(e.then) : this.evaluate(e.otherwise);
            case 'in': {
                const left = this.evaluate(e.operand);
                if (left === undefined) return false;
                const found = e.values.some(v => equal(left, this.evaluate(v)));
                return e.negated ? !found : found;
            }
            case 'set':
                return new Set(e.values.map(v => this.evaluate(v)).filter((v): v is number => typeof v === 'number'));
            case 'binary': return this.binary(e.operator, e.left, e.right);
            case 'call': return this.call(e.function, e.args);
        }
    }

    /**
     * A value usable in ordering and arithmetic: missing codes count as no value, also when they
     * reach here through a derived value (`derive d = a`) or one branch of `? :`.
     */
    numeric(e: Expression): number | undefined {
        if (e.kind === 'derived') {
            const expr = this.env.derived(e.name);
            if (!expr || this.derivedInProgress.has(e.name)) return undefined;
            this.derivedInProgress.add(e.name);
            try {
                return this.numeric(expr);
            } finally {
                this.derivedInProgress.delete(e.name);
            }
        }
        if (e.kind === 'conditional') {
            return truthy(this.evaluate(e.condition)) ? this.numeric(e.then) : this.numeric(e.otherwise);
        }
        const value = this.evaluate(e);
        if (typeof value !== 'number') return undefined;
        if (e.kind === 'answer' && e.missing.includes(value)) return undefined;
        return value;
    }

    private binary(operator: string, left: Expression, right: Expression): Value {
        switch (operator) {
            case 'and': return truthy(this.evaluate(left)) && truthy(this.evaluate(right));
            case 'or': return truthy(this.evaluate(left)) || truthy(this.evaluate(right));
            case '=': case '!=': {
                const l = this.evaluate(left);
                const r = this.evaluate(right);
                if (l === undefined || r === undefined) return false;
                return operator === '=' ? equal(l, r) : !equal(l, r);
            }
            case 'contains': {
                const set = this.evaluate(left);
                const item = this.evaluate(right);
                return set instanceof Set && typeof item === 'number' && set.has(item);
            }
            case '<': case '<=': case '>': case '>=': {
                const l = this.ordered(left);
                const r = this.ordered(right);
                if (l === undefined || r === undefined) return false;
                return compare(operator, l, r);
            }
            default: {
                const l = this.numeric(left);
                const r = this.numeric(right);
                if (l === undefined || r === undefined) return undefined;
                if (operator === '+') return l + r;
                if (operator === '-') return l - r;
                if (operator === '*') return l * r;
                return r === 0 ? undefined : l / r;
            }
        }
    }

    private ordered(e: Expression): number | string | undefined {
        const value = this.evaluate(e);
        return typeof value === 'string' ? value : this.numeric(e);
    }

    private call(name: string, args: Expression[]): Value {
        switch (name) {
            case 'answered': return args.length === 1 && this.evaluate(args[0]) !== undefined;
            case 'valid': {
                if (args.length !== 1) return false;
                const value = this.evaluate(args[0]);
                return typeof value === 'number' ? this.numeric(args[0]) !== undefined : value !== undefined;
            }
            case 'sum': case 'min': case 'max': {
                const values = args.map(a => this.numeric(a)).filter((v): v is number => v !== undefined);
                if (values.length === 0) return undefined;
                if (name === 'sum') return values.reduce((a, b) => a + b, 0);
                return name === 'min' ? Math.min(...values) : Math.max(...values);
            }
            case 'count': {
                const set = args.length === 1 ? this.evaluate(args[0]) : undefined;
                return set instanceof Set ? set.size : undefined;
            }
            case 'round': case 'abs': {
                const v = args.length === 1 ? this.numeric(args[0]) : undefined;
                if (v === undefined) return undefined;
                return name === 'round' ? Math.round(v) : Math.abs(v);
            }
            default: return undefined;
        }
    }
}

export function truthy(value: Value): boolean {
    return value === true;
}

function equal(a: Value, b: Value): boolean {
    if (a instanceof Set || b instanceof Set) {
        return a instanceof Set && b instanceof Set && a.size === b.size && [...a].every(v => b.has(v));
    }
    return a === b;
}

function compare(operator: string, a: number | string, b: number | string): boolean {
    if (typeof a !== typeof b) return false;
    switch (operator) {
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        default: return a >= b;
    }
}
