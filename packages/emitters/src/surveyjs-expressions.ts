import { resultOf, type Expression } from '@kto/language/ir';
import { itemsOf, scaleOf, type ScaleKind, type SurveyModel } from '@kto/model';

/**
 * Translates resolved kto expressions (the IR) into SurveyJS expression syntax with exactly kto's
 * semantics (`packages/language/src/semantics/evaluate.ts`), using only what a stock survey-core
 * evaluates. SurveyJS differs from kto in ways that matter, and each is compensated here:
 *
 * - a comparison with an empty value is not always false in SurveyJS (`{x} <> 3` holds when `x` is
 *   empty, `{x} = {y}` holds when both are), so every comparison is guarded by `notempty`;
 * - missing codes are ordinary values to SurveyJS, so ordering and arithmetic exclude them
 *   explicitly (`{x} notempty and {x} != 99 and {x} > 5`), also where they reach a
 *   comparison through a derived value or a branch of `? :`;
 * - `=` on texts ignores case and surrounding spaces and `<=`/`>=` go through that same equality,
 *   so text equality is written as "neither less nor greater" (`<` and `>` compare exactly; an
 *   open-text answer goes through `substring(x, 0)` there, which keeps survey-core's linter from
 *   taking it for a numeric comparison), and text variables are read with `{#x}`, which turns off
 *   SurveyJS's conversion of `"5"` to 5 and `"true"` to true;
 * - arithmetic treats an empty operand as 0 and `sum()` of nothing is 0, so a value is computed
 *   only under its "has a value" condition, and a derived value with no value is left empty with
 *   the two-argument `iif(condition, value)` (empty when the condition is false);
 * - `round()` rounds halves away from zero (kto: towards +infinity) and there is no `abs()` or
 *   unary minus, so they are spelled out with `%`, `iif` and `0 - x`;
 * - `not` is not an operator (`!` is), numbers cannot be written in exponent form.
 *
 * What remains different: SurveyJS rounds the result of `+`, `-`, `*` (and `sum`) to the number of
 * decimals of its operands (0.1 + 0.2 = 0.3, where kto computes 0.30000000000000004; integers and
 * short binary fractions such as 2.5 agree exactly); it cannot tell an empty text ("") or an empty
 * multi-select from no answer; and a text literal ending in a backslash cannot be written.
 */

/** The static type of an expression, as far as the translation needs it. */
export type ValueType = 'number' | 'string' | 'boolean' | 'set' | 'unknown';

/**
 * A grid of multi-selects is a SurveyJS `matrixdropdown` with one checkbox column of this name, so
 * the codes chosen for a statement are `{grid.statement.answer}`.
 */
export const MULTI_GRID_COLUMN = 'answer';

interface Variable {
    type: ValueType;
    /** Where SurveyJS keeps the value, when that is not the kto name. */
    path?: string;
    /** An open-text answer (a `comment` or `text` question in SurveyJS). */
    freeText?: boolean;
}

const TRUE = 'true';
const FALSE = 'false';

export class SurveyJsExpressions {
    private readonly variables = new Map<string, Variable>();
    private readonly derived = new Map<string, { type: ValueType; expression: Expression }>();

    constructor(model: SurveyModel) {
        const typeOfScale = (kind: ScaleKind | undefined, multi: boolean): ValueType => {
            if (multi) return 'set';
            switch (kind) {
                case 'text': case 'date': return 'string';
                case undefined: return 'unknown';
                default: return 'number';
            }
        };
        for (const item of itemsOf(model)) {
            const kind = scaleOf(model, item.scale)?.kind;
            const variable: Variable = { type: typeOfScale(kind, item.multi === true), freeText: kind === 'text' };
            if (item.kind === 'grid') {
                for (const row of item.rows ?? []) {
                    const key = `${item.name}.${row.name}`;
                    this.variables.set(key, item.multi ? { ...variable, path: `${key}.${MULTI_GRID_COLUMN}` } : variable);
                }
            }
            else if (item.kind === 'question') this.variables.set(item.name, variable);
        }
        for (const sample of model.sampleVariables) {
            const kind = scaleOf(model, sample.scale)?.kind;
            this.variables.set(sample.name, { type: typeOfScale(kind, false), freeText: kind === 'text' });
        }
        for (const d of model.derived) {
            const type: ValueType = d.type === 'code' ? 'number' : d.type;
            this.derived.set(d.name, { type, expression: d.expression });
        }
    }

    /** A SurveyJS condition that holds exactly when the kto condition holds (its value is `true`). */
    condition(e: Expression): string {
        switch (e.kind) {
            case 'boolean': return e.value ? TRUE : FALSE;
            case 'not': return not(this.condition(e.operand));
            case 'binary': return this.binaryCondition(e.operator, e.left, e.right);
            case 'in': return this.inCondition(e.operand, e.values, e.negated);
            case 'call':
                if (e.function === 'answered') return e.args.length === 1 ? this.defined(e.args[0]) : FALSE;
                if (e.function === 'valid') return e.args.length === 1 ? this.valid(e.args[0]) : FALSE;
                return FALSE;
            case 'derived':
                if (this.typeOf(e) !== 'boolean') return FALSE;
                return `${this.reference(e.name, 'boolean')} = true`;
            case 'conditional': {
                const c = this.condition(e.condition);
                return or(and(c, this.condition(e.then)), and(not(c), this.condition(e.otherwise)));
            }
            default:
                // numbers, texts, labels, answers and sets are never `true`
                return FALSE;
        }
    }

    /** The expression of a derived value for `calculatedValues`: empty when kto's value is absent. */
    calculated(e: Expression): string {
        const type = this.typeOf(e);
        if (type === 'boolean') return this.condition(e);
        const value = this.value(e);
        const defined = this.defined(e);
        return defined === TRUE ? value : `iif(${defined}, ${value})`;
    }

    /** The static type of an expression. */
    typeOf(e: Expression): ValueType {
        switch (e.kind) {
            case 'number': case 'label': case 'negate': return 'number';
            case 'string': return 'string';
            case 'boolean': case 'not': case 'in': return 'boolean';
            case 'set': return 'set';
            case 'answer': return this.variables.get(e.name)?.type ?? 'unknown';
            case 'derived': return this.derived.get(e.name)?.type ?? 'unknown';
            case 'binary': case 'call':
                return resultOf(e);
            case 'conditional': {
                const a = this.typeOf(e.then);
                const b = this.typeOf(e.otherwise);
                return a === b ? a : 'unknown';
            }
        }
    }

    /** A condition that holds when the expression has a value (`TRUE` when it always has). */
    defined(e: Expression): string {
        switch (e.kind) {
            case 'number': case 'string': case 'boolean': case 'label': case 'set':
            case 'not': case 'in':
                return TRUE;
            case 'answer':
                return `${this.value(e)} notempty`;
            case 'derived': {
                const d = this.derived.get(e.name);
                if (!d) return FALSE;
                if (this.alwaysDefined(e)) return TRUE;
                return `${this.reference(e.name, d.type)} notempty`;
            }
            case 'negate': return this.numericDefined(e.operand);
            case 'binary': {
                if (!['+', '-', '*', '/'].includes(e.operator)) return TRUE;
                const both = and(this.numericDefined(e.left), this.numericDefined(e.right));
                if (e.operator !== '/') return both;
                const divisor = e.right.kind === 'number' ? e.right.value : e.right.kind === 'negate' && e.right.operand.kind === 'number' ? -e.right.operand.value : undefined;
                const nonZero = divisor === undefined ? `${this.value(e.right)} != 0` : divisor !== 0 ? TRUE : FALSE;
                return and(both, nonZero);
            }
            case 'call':
                switch (e.function) {
                    case 'answered': case 'valid': return TRUE;
                    case 'sum': case 'min': case 'max': return or(...e.args.map(a => this.numericDefined(a)));
                    case 'count':
                        return e.args.length === 1 && this.typeOf(e.args[0]) === 'set' ? this.defined(e.args[0]) : FALSE;
                    default:
                        return e.args.length === 1 ? this.numericDefined(e.args[0]) : FALSE;
                }
            case 'conditional': {
                const then = this.defined(e.then);
                const otherwise = this.defined(e.otherwise);
                if (then === otherwise && (then === TRUE || then === FALSE)) return then;
                const c = this.condition(e.condition);
                return or(and(c, then), and(not(c), otherwise));
            }
        }
    }

    /**
     * A condition that holds when the expression has a value usable in ordering and arithmetic: a
     * number, and for an answer not one of its scale's missing codes.
     */
    numericDefined(e: Expression): string {
        if (this.typeOf(e) !== 'number') return FALSE;
        // missing codes reach ordering and arithmetic through derived values and `? :` too
        if (e.kind === 'derived') {
            const d = this.derived.get(e.name);
            if (!d) return FALSE;
            const [numeric, defined] = this.guardCycle(e.name, () => [this.numericDefined(d.expression), this.defined(d.expression)], [FALSE, FALSE]);
            // the calculated value is empty exactly when the expression has no value; only a
            // missing code reaching it through an answer needs the expression's own condition
            return numeric === defined ? this.defined(e) : numeric;
        }
        if (e.kind === 'conditional') {
            const then = this.numericDefined(e.then);
            const otherwise = this.numericDefined(e.otherwise);
            if (then === otherwise && (then === TRUE || then === FALSE)) return then;
            const c = this.condition(e.condition);
            return or(and(c, then), and(not(c), otherwise));
        }
        const defined = this.defined(e);
        if (e.kind === 'answer' && e.missing.length > 0) {
            const ref = this.value(e);
            const notMissing = e.missing.length === 1
                ? `${ref} != ${number(e.missing[0])}`
                : `${ref} noneof [${e.missing.map(number).join(', ')}]`;
            return and(defined, notMissing);
        }
        return defined;
    }

    /**
     * The expression's value in SurveyJS, meaningful where `defined` holds (elsewhere it may be
     * anything: an empty value or SurveyJS's 0 for an empty operand).
     */
    value(e: Expression): string {
        switch (e.kind) {
            case 'number': return number(e.value);
            case 'label': return number(e.value);
            case 'string': return text(e.value);
            case 'boolean': return e.value ? TRUE : FALSE;
            case 'answer': return this.reference(this.variables.get(e.name)?.path ?? e.name, this.typeOf(e));
            case 'derived': return this.reference(e.name, this.typeOf(e));
            case 'set': return `[${e.values.filter(v => this.typeOf(v) === 'number').map(v => this.value(v)).join(', ')}]`;
            case 'negate': return `(0 - ${this.value(e.operand)})`;
            case 'not': case 'in': return paren(this.condition(e));
            case 'binary':
                if (['+', '-', '*', '/'].includes(e.operator)) return `(${this.value(e.left)} ${e.operator} ${this.value(e.right)})`;
                return paren(this.condition(e));
            case 'call': return this.callValue(e.function, e.args);
            case 'conditional':
                if (this.typeOf(e) === 'boolean') return paren(this.condition(e));
                return `iif(${this.condition(e.condition)}, ${this.value(e.then)}, ${this.value(e.otherwise)})`;
        }
    }

    /** `{name}`, or `{#name}` for texts (SurveyJS would otherwise turn "5" into 5, "true" into true). */
    reference(name: string, type: ValueType): string {
        return type === 'string' ? `{#${name}}` : `{${name}}`;
    }

    /**
     * A text operand of `<`/`>`. An open-text answer is read through `substring(x, 0)` (the text
     * itself): survey-core's linter takes `<` on a text question for a numeric comparison that
     * "relies on implicit conversion", while here it is the exact comparison of texts.
     */
    private textOperand(e: Expression): string {
        if (e.kind === 'answer' && this.variables.get(e.name)?.freeText) return `substring(${this.value(e)}, 0)`;
        return this.value(e);
    }

    // ------------------------------------------------------------------------------------------

    private alwaysDefined(e: Expression): boolean {
        if (e.kind !== 'derived') return this.defined(e) === TRUE;
        const d = this.derived.get(e.name);
        if (!d) return false;
        return this.guardCycle(e.name, () => this.defined(d.expression) === TRUE, false);
    }

    private readonly inProgress = new Set<string>();

    private guardCycle<T>(name: string, run: () => T, onCycle: T): T {
        if (this.inProgress.has(name)) return onCycle;
        this.inProgress.add(name);
        try {
            return run();
        } finally {
            this.inProgress.delete(name);
        }
    }

    private valid(arg: Expression): string {
        // a number must be a real value (not a missing code of an answer); anything else must exist
        if (this.typeOf(arg) === 'number') return this.numericDefined(arg);
        return this.defined(arg);
    }

    private callValue(name: string, args: Expression[]): string {
        switch (name) {
            case 'answered': case 'valid': return paren(this.condition({ kind: 'call', function: name, args }));
            case 'sum': case 'min': case 'max': {
                const parts = args.map(a => {
                    const defined = this.numericDefined(a);
                    if (defined === TRUE) return this.value(a);
                    if (defined === FALSE) return undefined;
                    // an absent value is left out: the two-argument iif is empty when its condition is false
                    return `iif(${defined}, ${this.value(a)})`;
                }).filter((p): p is string => p !== undefined);
                return `${name}(${parts.join(', ')})`;
            }
            case 'count': return `count(${args.length === 1 ? this.value(args[0]) : ''})`;
            case 'round': {
                // kto rounds like JavaScript's Math.round (halves towards +infinity); SurveyJS's
                // round() rounds halves away from zero. With t = x - x % 1 (x truncated) and
                // f = x % 1 (exact), Math.round(x) is t + 1 when f >= 0.5, t - 1 when f < -0.5, else t.
                const x = this.value(args[0]);
                const fraction = `(${x} % 1)`;
                const truncated = `(${x} - ${fraction})`;
                return `iif(${fraction} >= 0.5, ${truncated} + 1, iif(${fraction} < -0.5, ${truncated} - 1, ${truncated}))`;
            }
            case 'abs': {
                const x = this.value(args[0]);
                return `iif(${x} < 0, 0 - ${x}, ${x})`;
            }
            default: return FALSE;
        }
    }

    private binaryCondition(operator: string, left: Expression, right: Expression): string {
        switch (operator) {
            case 'and': return and(this.condition(left), this.condition(right));
            case 'or': return or(this.condition(left), this.condition(right));
            case '=': case '!=': {
                const both = and(this.defined(left), this.defined(right));
                return and(both, this.equality(left, right, operator === '!='));
            }
            case '<': case '<=': case '>': case '>=': return this.ordering(operator, left, right);
            case 'contains': {
                if (this.typeOf(left) !== 'set') return FALSE;
                const item = this.typeOf(right);
                if (item !== 'number' && item !== 'unknown') return FALSE;
                // `contains` on an empty multi-select is false in SurveyJS too; the item must exist
                const guard = left.kind === 'answer' ? TRUE : this.defined(left);
                return and(guard, this.defined(right), `${this.value(left)} contains ${this.value(right)}`);
            }
            default:
                // arithmetic is a number, never `true`
                return FALSE;
        }
    }

    /** (In)equality of two values that both exist, with kto's meaning (exact texts, sets as sets). */
    private equality(left: Expression, right: Expression, negated = false): string {
        const a = this.typeOf(left);
        const b = this.typeOf(right);
        const l = this.value(left);
        const r = this.value(right);
        if (a !== b && a !== 'unknown' && b !== 'unknown') return negated ? TRUE : FALSE;
        const type = a === 'unknown' ? b : a;
        if (type === 'string') {
            // SurveyJS's `=` ignores case and surrounding spaces; `<` and `>` compare exactly
            const [sl, sr] = [this.textOperand(left), this.textOperand(right)];
            const equal = `!(${sl} < ${sr}) and !(${sl} > ${sr})`;
            return negated ? `(${sl} < ${sr} or ${sl} > ${sr})` : equal;
        }
        return `${l} ${negated ? '!=' : '='} ${r}`;
    }

    private ordering(operator: string, left: Expression, right: Expression): string {
        const a = this.typeOf(left);
        const b = this.typeOf(right);
        if (a !== b || (a !== 'number' && a !== 'string')) return FALSE;
        const l = this.value(left);
        const r = this.value(right);
        if (a === 'number') return and(this.numericDefined(left), this.numericDefined(right), `${l} ${operator} ${r}`);
        // texts: `<` and `>` compare exactly; `<=`/`>=` would go through SurveyJS's case-blind equality
        const [l2, r2] = [this.textOperand(left), this.textOperand(right)];
        const compared = operator === '<' || operator === '>' ? `${l2} ${operator} ${r2}`
            : operator === '<=' ? `!(${l2} > ${r2})` : `!(${l2} < ${r2})`;
        return and(this.defined(left), this.defined(right), compared);
    }

    private inCondition(operand: Expression, values: Expression[], negated: boolean): string {
        const type = this.typeOf(operand);
        const defined = this.defined(operand);
        const constants = values.every(v => v.kind === 'number' || v.kind === 'label');
        if (type === 'number' && constants) {
            const list = `[${values.map(v => this.value(v)).join(', ')}]`;
            const subject = this.value(operand);
            // `anyof` is false for an empty value; `noneof` is true for it, so it needs the guard
            return negated ? and(defined, `${subject} noneof ${list}`) : and(defined, `${subject} anyof ${list}`);
        }
        const found = or(...values.map(v => and(this.defined(v), this.equality(operand, v))));
        return and(defined, negated ? not(found) : found);
    }
}

// ---------------------------------------------------------------------------------------------

function isAtomic(e: string): boolean {
    return e === TRUE || e === FALSE || /^[{][^{}]*[}]$/.test(e) || /^!?\(.*\)$/.test(e) && balanced(e.slice(e.indexOf('(') + 1, -1));
}

/**
 * Walks an expression's characters outside quoted strings, with the bracket depth before each;
 * `visit` may return how many characters to skip, or `false` to stop. The one scanner behind
 * `balanced`, `topLevel` and `splitTopLevel`.
 */
function scanOutsideQuotes(e: string, brackets: string, visit: (i: number, depth: number) => number | false | void): void {
    const [open, close] = [brackets.slice(0, brackets.length / 2), brackets.slice(brackets.length / 2)];
    let depth = 0;
    let quote: string | undefined;
    for (let i = 0; i < e.length; i++) {
        const c = e[i];
        if (quote) {
            if (c === '\\') i++;
            else if (c === quote) quote = undefined;
            continue;
        }
        if (c === '\'' || c === '"') quote = c;
        else if (open.includes(c)) depth++;
        else if (close.includes(c)) depth--;
        else {
            const skip = visit(i, depth);
            if (skip === false) return;
            if (typeof skip === 'number') i += skip;
            continue;
        }
        if (depth < 0 && visit(i, depth) === false) return;
    }
}

/** Whether the parentheses in a string (outside quotes) balance, so `(…)` wraps it whole. */
function balanced(s: string): boolean {
    let ok = true;
    let final = 0;
    // The scanner reports the depth before each character; a trailing space shows the depth at the end.
    scanOutsideQuotes(s + ' ', '()', (_i, depth) => {
        if (depth < 0) return (ok = false);
        final = depth;
        return undefined;
    });
    return ok && final === 0;
}

function paren(e: string): string {
    return isAtomic(e) ? e : `(${e})`;
}

export function and(...parts: string[]): string {
    if (parts.includes(FALSE)) return FALSE;
    // a conjunction of conjunctions, each condition once (`{x} notempty` guards repeat)
    const flat = parts.flatMap(p => (isAnd(p) && !isOr(p) ? splitTopLevel(p, 'and') : [p]));
    const kept = [...new Set(flat.filter(p => p !== TRUE))];
    if (kept.length === 0) return TRUE;
    if (kept.length === 1) return kept[0];
    return kept.map(p => (isOr(p) ? `(${p})` : p)).join(' and ');
}

export function or(...parts: string[]): string {
    if (parts.includes(TRUE)) return TRUE;
    const kept = parts.filter(p => p !== FALSE);
    if (kept.length === 0) return FALSE;
    if (kept.length === 1) return kept[0];
    return kept.map(p => (isAnd(p) || isOr(p) ? `(${p})` : p)).join(' or ');
}

export function not(e: string): string {
    if (e === TRUE) return FALSE;
    if (e === FALSE) return TRUE;
    const empty = /^(\{[^{}]*\}) (notempty|empty)$/.exec(e);
    if (empty) return `${empty[1]} ${empty[2] === 'empty' ? 'notempty' : 'empty'}`;
    if (e.startsWith('!(') && e.endsWith(')') && balanced(e.slice(2, -1))) return e.slice(2, -1);
    return `!${paren(e)}`;
}

/** Whether an expression has a top-level `or` / `and` (outside parentheses and quotes). */
function topLevel(e: string, word: string): boolean {
    return splitTopLevel(e, word).length > 1;
}

function splitTopLevel(e: string, word: string): string[] {
    const parts: string[] = [];
    let start = 0;
    scanOutsideQuotes(e, '([{)]}', (i, depth) => {
        if (depth !== 0 || !e.startsWith(` ${word} `, i)) return undefined;
        parts.push(e.slice(start, i));
        start = i + word.length + 2;
        return word.length + 1;
    });
    parts.push(e.slice(start));
    return parts;
}

function isOr(e: string): boolean {
    return topLevel(e, 'or');
}

function isAnd(e: string): boolean {
    return topLevel(e, 'and');
}

/** A number literal SurveyJS parses: never in exponent form. */
export function number(value: number): string {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in a SurveyJS expression`);
    let s = String(value);
    if (/e/i.test(s)) {
        s = Math.abs(value) >= 1 ? BigInt(Math.round(value)).toString() : value.toFixed(20).replace(/0+$/, '');
    }
    return s;
}

/**
 * A quoted text literal. Neither quote may appear unescaped inside a SurveyJS text literal, and
 * SurveyJS knows only the escapes \\' and \\" (any other backslash is kept as it is), so a text that
 * ends with a backslash (which would escape the closing quote) cannot be written.
 */
export function text(value: string): string {
    if (value.endsWith('\\')) throw new Error(`cannot write the text ${JSON.stringify(value)} in a SurveyJS expression (it ends with a backslash)`);
    return `'${value.replace(/['"]/g, q => `\\${q}`)}'`;
}
