import {
    isBinaryExpr, isBooleanLiteral, isCall, isConditionalExpr, isDerived, isGrid, isInExpr, isNegationExpr, isNotExpr,
    isNumberLiteral, isQuestion, isRef, isSampleVariable, isScaleCode, isSetLiteral, isStringLiteral,
    type Expr, type Ref
} from '../generated/ast.js';
import { domainOfReferable, isMissingCode } from './domains.js';

/**
 * The meaning of kto expressions, shared by the checker's reasoning over domains and by anything
 * that runs a survey. The rules, chosen so that every runtime can follow them:
 * - an item that was not asked or not answered has no value (`undefined`);
 * - a comparison with something that has no value is false, whichever operator (also `!=`);
 * - missing codes ("weet niet") are answers: `=`, `!=` and `in` see their code, but ordering and
 *   arithmetic treat them as no value, so "weet niet" (99) is never "more than 5";
 * - `sum`, `min` and `max` skip values that are absent, and have no value when all are.
 */
export type Value = number | string | boolean | ReadonlySet<number> | undefined;

export interface Answers {
    /** The answer stored under a variable key (see `variableKey`). */
    get(key: string): Value;
}

/** The key an answer is stored under: the item's name, or `grid.row` for a grid statement. */
export function variableKey(ref: Ref): string | undefined {
    const target = ref.target.ref;
    if (!target || isScaleCode(target)) return undefined;
    if (isGrid(target)) return ref.member?.ref ? `${target.name}.${ref.member.ref.name}` : undefined;
    return target.name;
}

export class Evaluator {
    private readonly derivedInProgress = new Set<unknown>();

    constructor(private readonly answers: Answers) {}

    evaluate(expr: Expr | undefined): Value {
        if (!expr) return undefined;
        if (isNumberLiteral(expr)) return expr.value;
        if (isStringLiteral(expr)) return expr.value;
        if (isBooleanLiteral(expr)) return expr.value === 'true';
        if (isRef(expr)) return this.evaluateRef(expr);
        if (isNotExpr(expr)) return !truthy(this.evaluate(expr.operand));
        if (isNegationExpr(expr)) {
            const v = this.numeric(expr.operand);
            return v === undefined ? undefined : -v;
        }
        if (isConditionalExpr(expr)) {
            return truthy(this.evaluate(expr.condition)) ? this.evaluate(expr.then) : this.evaluate(expr.otherwise);
        }
        if (isInExpr(expr)) {
            const left = this.evaluate(expr.left);
            if (left === undefined) return false;
            const found = expr.values.some(v => equal(left, this.evaluate(v)));
            return expr.negated ? !found : found;
        }
        if (isSetLiteral(expr)) {
            return new Set(expr.values.map(v => this.evaluate(v)).filter((v): v is number => typeof v === 'number'));
        }
        if (isBinaryExpr(expr)) return this.evaluateBinary(expr.operator, expr.left, expr.right);
        if (isCall(expr)) return this.evaluateCall(expr.function, expr.args);
        return undefined;
    }

    private evaluateRef(ref: Ref): Value {
        const target = ref.target.ref;
        if (isScaleCode(target)) return target.value;
        if (isDerived(target)) {
            if (this.derivedInProgress.has(target)) return undefined; // a cycle, reported by the checker
            this.derivedInProgress.add(target);
            try {
                return this.evaluate(target.expr);
            } finally {
                this.derivedInProgress.delete(target);
            }
        }
        const key = variableKey(ref);
        return key === undefined ? undefined : this.answers.get(key);
    }

    /** A value usable in ordering and arithmetic: missing codes count as no value. */
    private numeric(expr: Expr): number | undefined {
        const value = this.evaluate(expr);
        if (typeof value !== 'number') return undefined;
        if (isRef(expr) && (isQuestion(expr.target.ref) || isGrid(expr.target.ref) || isSampleVariable(expr.target.ref))) {
            const domain = domainOfReferable(expr.target.ref, expr.member?.ref);
            if (domain && isMissingCode(domain, value)) return undefined;
        }
        return value;
    }

    private evaluateBinary(operator: string, leftExpr: Expr, rightExpr: Expr): Value {
        switch (operator) {
            case 'and': return truthy(this.evaluate(leftExpr)) && truthy(this.evaluate(rightExpr));
            case 'or': return truthy(this.evaluate(leftExpr)) || truthy(this.evaluate(rightExpr));
            case '=': case '!=': {
                const left = this.evaluate(leftExpr);
                const right = this.evaluate(rightExpr);
                if (left === undefined || right === undefined) return false;
                return operator === '=' ? equal(left, right) : !equal(left, right);
            }
            case 'contains': {
                const set = this.evaluate(leftExpr);
                const item = this.evaluate(rightExpr);
                return set instanceof Set && typeof item === 'number' && set.has(item);
            }
            case '<': case '<=': case '>': case '>=': {
                const left = this.ordered(leftExpr);
                const right = this.ordered(rightExpr);
                if (left === undefined || right === undefined) return false;
                return compare(operator, left, right);
            }
            default: {
                const left = this.numeric(leftExpr);
                const right = this.numeric(rightExpr);
                if (left === undefined || right === undefined) return undefined;
                if (operator === '+') return left + right;
                if (operator === '-') return left - right;
                if (operator === '*') return left * right;
                return right === 0 ? undefined : left / right;
            }
        }
    }

    private ordered(expr: Expr): number | string | undefined {
        const value = this.evaluate(expr);
        return typeof value === 'string' ? value : this.numeric(expr);
    }

    private evaluateCall(name: string, args: Expr[]): Value {
        switch (name) {
            case 'answered': return args.length === 1 && this.evaluate(args[0]) !== undefined;
            case 'valid': return args.length === 1 && this.numericOrOther(args[0]) !== undefined;
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

    /** For `valid(x)`: answered, and not with a missing code. */
    private numericOrOther(expr: Expr): Value {
        const value = this.evaluate(expr);
        return typeof value === 'number' ? this.numeric(expr) : value;
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
