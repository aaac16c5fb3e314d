import { resultOf, type Expression } from '@kto/language/ir';
import type { ScaleKind } from '@kto/model';

/**
 * Resolved kto expressions translated to XPath 1.0 (with the ODK XForms functions `if`,
 * `selected`, `count-selected`, `min`, `max`, `abs`), following kto's semantics exactly
 * (`packages/language/src/semantics/evaluate.ts`):
 *
 * - An answer that is absent is the empty string in XForms, and ODK treats the value of a
 *   non-relevant node as empty too, so "asked and answered" is `string-length(path) > 0`.
 * - Each expression is translated into three parts: whether it has a value (`defined`), its
 *   value when it has one (`value`), and whether it is `true` (`truth`). A comparison is
 *   `defined(left) and defined(right) and value(left) op value(right)`, so that every comparison
 *   with something that has no value is false, whichever the operator (also `!=`), as kto wants;
 *   XPath alone would say `'' != 3` is true.
 * - Ordering and arithmetic read answers through `numericDefined`, which also excludes the
 *   scale's missing codes ("weet niet" is never more than 5); `=`, `!=` and `in` see them.
 * - Derived values are inlined where they are read, so a derived value in routing has exactly
 *   the meaning of its expression (no round trip through a string-valued `calculate` node).
 *
 * Whatever XPath cannot express exactly is refused with an {@link XPathTranslationError}
 * rather than translated approximately.
 */
export class XPathTranslationError extends Error {}

/** What the translator needs to know about a variable (`item`, `grid.row`, sample variable). */
export interface XPathVariable {
    /** Absolute path in the primary instance. */
    path: string;
    kind: ScaleKind;
    multi: boolean;
    /** Every code the answer can hold (valid and missing), for set comparisons. */
    codes: number[];
}

type ValueType = 'number' | 'string' | 'date' | 'boolean' | 'set' | 'none';

/** XPath operator precedence, weakest first; an expression carries the level of its top operator. */
const enum Level { Or = 1, And, Equality, Relational, Additive, Multiplicative, Unary, Primary }

interface X {
    s: string;
    level: Level;
    /** The operands of an `and` or `or`, so that nested ones are flattened and repeats dropped. */
    parts?: X[];
}

const TRUE: X = { s: 'true()', level: Level.Primary };
const FALSE: X = { s: 'false()', level: Level.Primary };
const isTrue = (x: X): boolean => x.s === TRUE.s;
const isFalse = (x: X): boolean => x.s === FALSE.s;

const primary = (s: string): X => ({ s, level: Level.Primary });
const wrap = (x: X, min: Level): string => (x.level >= min ? x.s : `(${x.s})`);
const call = (name: string, ...args: X[]): X => primary(`${name}(${args.map(a => a.s).join(', ')})`);
const binary = (left: X, operator: string, right: X, level: Level, associative = false): X =>
    ({ s: `${wrap(left, level)} ${operator} ${wrap(right, associative ? level : level + 1)}`, level });

function and(...parts: X[]): X {
    const flat = parts.flatMap(p => (p.level === Level.And && p.parts ? p.parts : [p]));
    if (flat.some(isFalse)) return FALSE;
    const kept = dedupe(flat.filter(p => !isTrue(p)));
    if (kept.length === 0) return TRUE;
    if (kept.length === 1) return kept[0];
    return { s: kept.map(p => wrap(p, Level.And)).join(' and '), level: Level.And, parts: kept };
}

function or(...parts: X[]): X {
    const flat = parts.flatMap(p => (p.level === Level.Or && p.parts ? p.parts : [p]));
    if (flat.some(isTrue)) return TRUE;
    const kept = dedupe(flat.filter(p => !isFalse(p)));
    if (kept.length === 0) return FALSE;
    if (kept.length === 1) return kept[0];
    return { s: kept.map(p => wrap(p, Level.Or)).join(' or '), level: Level.Or, parts: kept };
}

/** A comparison, worked out when both sides are literals. */
function compare(left: X, operator: string, right: X): X {
    const level = operator === '=' || operator === '!=' ? Level.Equality : Level.Relational;
    if (isNumberLiteral(left) && isNumberLiteral(right)) {
        const a = Number(left.s);
        const b = Number(right.s);
        const holds = operator === '=' ? a === b : operator === '!=' ? a !== b : compareValues(operator, a, b);
        return holds ? TRUE : FALSE;
    }
    if (level === Level.Equality && isStringLiteral(left) && isStringLiteral(right)) {
        return (left.s.slice(1, -1) === right.s.slice(1, -1)) === (operator === '=') ? TRUE : FALSE;
    }
    return binary(left, operator, right, level);
}

function not(x: X): X {
    if (isTrue(x)) return FALSE;
    if (isFalse(x)) return TRUE;
    const inner = /^not\((.*)\)$/.exec(x.s);
    if (inner && balanced(inner[1])) return { s: inner[1], level: Level.Or };
    return call('not', x);
}

/** `if(c, a, b)` with the obvious simplifications. */
function iff(condition: X, then: X, otherwise: X): X {
    if (isTrue(condition)) return then;
    if (isFalse(condition)) return otherwise;
    if (then.s === otherwise.s) return then;
    if (isTrue(then) && isFalse(otherwise)) return condition;
    return call('if', condition, then, otherwise);
}

function dedupe(parts: X[]): X[] {
    const seen = new Set<string>();
    return parts.filter(p => (seen.has(p.s) ? false : (seen.add(p.s), true)));
}

function balanced(s: string): boolean {
    let depth = 0;
    let quote: string | undefined;
    for (const ch of s) {
        if (quote) {
            if (ch === quote) quote = undefined;
        } else if (ch === '\'' || ch === '"') quote = ch;
        else if (ch === '(') depth++;
        else if (ch === ')' && --depth < 0) return false;
    }
    return depth === 0;
}

/** A number as an XPath literal: XPath 1.0 has no exponent notation, so none is written. */
export function xpathNumber(n: number): X {
    if (!Number.isFinite(n)) throw new XPathTranslationError(`${n} cannot be written in XPath`);
    const text = plainDecimal(n);
    return n < 0 ? { s: text, level: Level.Unary } : primary(text);
}

/** The shortest round-tripping decimal of `n`, without exponent. */
export function plainDecimal(n: number): string {
    const text = String(n);
    const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
    if (!match) return text;
    const [, sign, int, frac = '', exp] = match;
    const digits = int + frac;
    const point = int.length + Number(exp);
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A string as an XPath literal (XPath 1.0 has no escapes: `concat` when both quotes occur). */
export function xpathString(value: string): X {
    if (!value.includes('\'')) return primary(`'${value}'`);
    if (!value.includes('"')) return primary(`"${value}"`);
    return call('concat', ...value.split('\'').flatMap((part, i) => (i === 0 ? [xpathString(part)] : [primary('"\'"'), xpathString(part)])).filter(p => p.s !== '\'\''));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class XPathTranslator {
    private readonly inProgress = new Set<string>();

    constructor(
        private readonly variables: ReadonlyMap<string, XPathVariable>,
        private readonly derivedValues: ReadonlyMap<string, Expression>
    ) {}

    /** An XPath boolean that holds exactly when kto's condition is `true`. */
    condition(e: Expression): string {
        return this.truth(e).s;
    }

    /**
     * An XPath expression for a `calculate`: the value as text, or '' when there is none.
     * Numbers are numbers; texts and dates are texts; `true`/`false` are the strings 'true' and
     * 'false'; a set of codes is its codes separated by spaces (as a multi-select stores it).
     */
    calculate(e: Expression): string {
        const type = this.typeOf(e);
        if (type === 'none') return '\'\'';
        const value = type === 'boolean' ? iff(this.truth(e), xpathString('true'), xpathString('false')) : this.value(e);
        return iff(this.defined(e), value, xpathString('')).s;
    }

    typeOf(e: Expression): ValueType {
        switch (e.kind) {
            case 'number': case 'label': case 'negate': return 'number';
            case 'string': return 'string';
            case 'boolean': case 'not': case 'in': return 'boolean';
            case 'set': return 'set';
            case 'answer': {
                const v = this.variables.get(e.name);
                if (!v) return 'none';
                if (v.multi) return 'set';
                if (v.kind === 'text') return 'string';
                if (v.kind === 'date') return 'date';
                return 'number';
            }
            case 'derived': return this.withDerived(e.name, x => this.typeOf(x), 'none');
            case 'binary': case 'call':
                return resultOf(e);
            case 'conditional': {
                const a = this.typeOf(e.then);
                const b = this.typeOf(e.otherwise);
                if (a === 'none') return b;
                if (b === 'none') return a;
                if (a !== b && isStringy(a) && isStringy(b)) return 'date';
                return a;
            }
        }
    }

    // ------------------------------------------------------------------ has a value

    private defined(e: Expression): X {
        switch (e.kind) {
            case 'number': case 'string': case 'boolean': case 'label': case 'set':
            case 'not': case 'in':
                return TRUE;
            case 'answer': {
                const v = this.variables.get(e.name);
                return v ? compare(call('string-length', primary(v.path)), '>', primary('0')) : FALSE;
            }
            case 'derived': return this.withDerived(e.name, x => this.defined(x), FALSE);
            case 'negate': return this.numericDefined(e.operand);
            case 'binary': {
                if (!['+', '-', '*', '/'].includes(e.operator)) return TRUE;
                const both = and(this.numericDefined(e.left), this.numericDefined(e.right));
                return e.operator === '/' ? and(both, compare(this.value(e.right), '!=', primary('0'))) : both;
            }
            case 'call':
                switch (e.function) {
                    case 'answered': case 'valid': return TRUE;
                    case 'sum': case 'min': case 'max': return or(...e.args.map(a => this.numericDefined(a)));
                    case 'count': return e.args.length === 1 && this.typeOf(e.args[0]) === 'set' ? this.defined(e.args[0]) : FALSE;
                    case 'round': case 'abs': return e.args.length === 1 ? this.numericDefined(e.args[0]) : FALSE;
                    default: return FALSE;
                }
            case 'conditional':
                return iff(this.truth(e.condition), this.defined(e.then), this.defined(e.otherwise));
        }
    }

    /** Has a value usable in ordering and arithmetic: a number, and for an answer not a missing code. */
    private numericDefined(e: Expression): X {
        if (this.typeOf(e) !== 'number') return FALSE;
        const defined = this.defined(e);
        if (e.kind !== 'answer' || e.missing.length === 0) return defined;
        const path = primary(this.variables.get(e.name)!.path);
        return and(defined, ...e.missing.map(m => compare(path, '!=', xpathNumber(m))));
    }

    // ------------------------------------------------------------------ the value (when defined)

    private value(e: Expression): X {
        switch (e.kind) {
            case 'number': case 'label': return xpathNumber(e.value);
            case 'string': return xpathString(e.value);
            case 'boolean': return e.value ? TRUE : FALSE;
            case 'answer': {
                const v = this.variables.get(e.name);
                return v ? primary(v.path) : xpathString('');
            }
            case 'derived': return this.withDerived(e.name, x => this.value(x), xpathString(''));
            case 'not': case 'in': return this.truth(e);
            case 'negate': {
                const operand = this.value(e.operand);
                return { s: `-${operand.level >= Level.Unary && !operand.s.startsWith('-') ? operand.s : `(${operand.s})`}`, level: Level.Unary };
            }
            case 'set': return xpathString(this.literalSet(e).join(' '));
            case 'binary':
                switch (e.operator) {
                    case '+': case '-': return binary(this.value(e.left), e.operator, this.value(e.right), Level.Additive);
                    case '*': return binary(this.value(e.left), '*', this.value(e.right), Level.Multiplicative);
                    case '/': return binary(this.value(e.left), 'div', this.value(e.right), Level.Multiplicative);
                    default: return this.truth(e);
                }
            case 'call': return this.callValue(e.function, e.args, e);
            case 'conditional': return iff(this.truth(e.condition), this.value(e.then), this.value(e.otherwise));
        }
    }

    private callValue(name: string, args: Expression[], e: Expression): X {
        switch (name) {
            case 'answered': case 'valid': return this.truth(e);
            case 'sum': {
                const terms = args.map(a => this.presentOr(a, primary('0')));
                return terms.slice(1).reduce((acc, t) => binary(acc, '+', t, Level.Additive), terms[0] ?? primary('0'));
            }
            case 'min': case 'max': {
                // ODK's min/max give NaN as soon as one argument is not a number: absent values are
                // replaced by the neutral infinity, and `defined` guarantees that one value is present.
                const neutral = binary(name === 'min' ? primary('1') : xpathNumber(-1), 'div', primary('0'), Level.Multiplicative);
                if (args.length === 1) return this.value(args[0]);
                return call(name, ...args.map(a => this.presentOr(a, neutral, true)));
            }
            case 'count': {
                const arg = args[0];
                if (arg?.kind === 'set') return xpathNumber(this.literalSet(arg).length);
                return arg ? call('count-selected', this.value(arg)) : primary('0');
            }
            case 'round': {
                // kto rounds halves up (Math.round: round(-2.5) = -2); ODK's round() rounds them away from zero.
                const v = this.value(args[0]);
                const floor = call('floor', v);
                return binary(floor, '+', call('number', compare(binary(v, '-', floor, Level.Additive), '>=', primary('0.5'))), Level.Additive);
            }
            case 'abs': return call('abs', this.value(args[0]));
            default: return xpathString('');
        }
    }

    /** The numeric value of `a` when it has one, otherwise `fallback`. */
    private presentOr(a: Expression, fallback: X, asNumber = false): X {
        const v = this.value(a);
        return iff(this.numericDefined(a), asNumber && !isNumberLiteral(v) ? call('number', v) : v, fallback);
    }

    // ------------------------------------------------------------------ truth

    private truth(e: Expression): X {
        switch (e.kind) {
            case 'boolean': return e.value ? TRUE : FALSE;
            case 'not': return not(this.truth(e.operand));
            case 'derived': return this.withDerived(e.name, x => this.truth(x), FALSE);
            case 'conditional': return iff(this.truth(e.condition), this.truth(e.then), this.truth(e.otherwise));
            case 'in': {
                const found = or(...e.values.map(v => and(this.defined(v), this.equal(e.operand, v))));
                if (!e.negated && e.values.every(v => this.equalityImpliesAnswered(e.operand, v))) return found;
                return and(this.defined(e.operand), e.negated ? not(found) : found);
            }
            case 'call':
                if (e.function === 'answered') return e.args.length === 1 ? this.defined(e.args[0]) : FALSE;
                if (e.function === 'valid') {
                    if (e.args.length !== 1) return FALSE;
                    return this.typeOf(e.args[0]) === 'number' ? this.numericDefined(e.args[0]) : this.defined(e.args[0]);
                }
                return FALSE;
            case 'binary': {
                const { left, right } = e;
                switch (e.operator) {
                    case 'and': return and(this.truth(left), this.truth(right));
                    case 'or': return or(this.truth(left), this.truth(right));
                    case '=':
                        if (this.equalityImpliesAnswered(left, right)) return this.equal(left, right);
                        if (this.equalityImpliesAnswered(right, left)) return this.equal(left, right);
                        return and(this.defined(left), this.defined(right), this.equal(left, right));
                    case '!=': return and(this.defined(left), this.defined(right), not(this.equal(left, right)));
                    case 'contains': {
                        if (this.typeOf(left) !== 'set' || this.typeOf(right) !== 'number') return FALSE;
                        const code = literalNumber(right);
                        return and(left.kind === 'answer' ? TRUE : this.defined(left), this.defined(right), this.member(left, code ?? right));
                    }
                    case '<': case '<=': case '>': case '>=': return this.order(e.operator, left, right);
                    default: return FALSE;
                }
            }
            default: return FALSE;
        }
    }

    /**
     * Whether `answer = literal` can only hold for an answered item, so that the test for an
     * answer may be left out: in XPath '' is neither a number nor a non-empty text.
     */
    private equalityImpliesAnswered(answer: Expression, literal: Expression): boolean {
        if (answer.kind !== 'answer' || !this.variables.has(answer.name)) return false;
        const type = this.typeOf(answer);
        if (type === 'number') return literalNumber(literal) !== undefined;
        return isStringy(type) && literal.kind === 'string' && literal.value !== '';
    }

    /** kto's `equal` for two values that are both present. */
    private equal(left: Expression, right: Expression): X {
        const a = this.typeOf(left);
        const b = this.typeOf(right);
        if (a === 'set' || b === 'set') return a === b ? this.setEqual(left, right) : FALSE;
        if (a === 'number' && b === 'number') {
            const l = this.value(left);
            const r = this.value(right);
            // Two node-sets would be compared as strings ('3' and '3.0' differ): compare numbers.
            if (literalNumber(left) !== undefined || literalNumber(right) !== undefined) return compare(l, '=', r);
            return compare(call('number', l), '=', call('number', r));
        }
        if (a === 'boolean' && b === 'boolean') {
            const l = this.truth(left);
            const r = this.truth(right);
            if (isTrue(l) || isFalse(l)) return isTrue(l) ? r : not(r);
            if (isTrue(r) || isFalse(r)) return isTrue(r) ? l : not(l);
            return compare(l, '=', r);
        }
        if (isStringy(a) && isStringy(b)) {
            const l = this.value(left);
            const r = this.value(right);
            if (left.kind === 'string' || right.kind === 'string') return compare(l, '=', r);
            return compare(call('string', l), '=', call('string', r));
        }
        return FALSE;
    }

    private setEqual(left: Expression, right: Expression): X {
        const universe = [...new Set([...this.universe(left), ...this.universe(right)])].sort((x, y) => x - y);
        return and(...universe.map(code => {
            const l = this.member(left, code);
            const r = this.member(right, code);
            if (isTrue(l) || isFalse(l)) return isTrue(l) ? r : not(r);
            if (isTrue(r) || isFalse(r)) return isTrue(r) ? l : not(l);
            return compare(l, '=', r);
        }));
    }

    /** Whether the set `set` holds the code (a number, or a numeric expression that is present). */
    private member(set: Expression, code: number | Expression): X {
        switch (set.kind) {
            case 'answer': {
                const v = this.variables.get(set.name);
                if (!v) return FALSE;
                const item = typeof code === 'number' ? xpathString(String(code)) : call('string', call('number', this.value(code)));
                return call('selected', primary(v.path), item);
            }
            case 'set': {
                const codes = this.literalSet(set);
                if (typeof code === 'number') return codes.includes(code) ? TRUE : FALSE;
                const v = this.value(code);
                return or(...codes.map(c => compare(isNumberLiteral(v) ? v : call('number', v), '=', xpathNumber(c))));
            }
            case 'derived': return this.withDerived(set.name, x => this.member(x, code), FALSE);
            case 'conditional': return iff(this.truth(set.condition), this.member(set.then, code), this.member(set.otherwise, code));
            default: return FALSE;
        }
    }

    private universe(set: Expression): number[] {
        switch (set.kind) {
            case 'answer': return this.variables.get(set.name)?.codes ?? [];
            case 'set': return this.literalSet(set);
            case 'derived': return this.withDerived(set.name, x => this.universe(x), []);
            case 'conditional': return [...this.universe(set.then), ...this.universe(set.otherwise)];
            default: return [];
        }
    }

    /** The codes of a set literal `{a, b}`; only literal codes can be translated. */
    private literalSet(e: Expression & { kind: 'set' }): number[] {
        const codes = e.values.map(v => literalNumber(v));
        if (codes.some(c => c === undefined)) throw new XPathTranslationError('a set `{...}` in a condition can only hold codes or labels for ODK XForms');
        return [...new Set(codes as number[])];
    }

    // ------------------------------------------------------------------ ordering

    private order(operator: string, left: Expression, right: Expression): X {
        const a = this.typeOf(left);
        const b = this.typeOf(right);
        if (a === 'number' && b === 'number') {
            return and(this.numericDefined(left), this.numericDefined(right), compare(this.value(left), operator, this.value(right)));
        }
        if (!isStringy(a) || !isStringy(b)) return FALSE;
        const present = and(this.defined(left), this.defined(right));
        const l = this.possibleStrings(left);
        const r = this.possibleStrings(right);
        const allDates = (values: string[] | 'date' | 'open') => values === 'date' || (Array.isArray(values) && values.every(v => DATE.test(v)));
        if (allDates(l) && allDates(r)) {
            // Dates are written yyyy-mm-dd, so their order is that of the number yyyymmdd.
            return and(present, compare(this.dateNumber(left), operator, this.dateNumber(right)));
        }
        if (Array.isArray(l) && Array.isArray(r)) {
            // Texts from a known list (a derived grouping): the pairs that are in order.
            const pairs = l.flatMap(x => r.filter(y => compareValues(operator, x, y)).map(y => [x, y] as const));
            return and(present, or(...pairs.map(([x, y]) => and(this.equal(left, { kind: 'string', value: x }), this.equal(right, { kind: 'string', value: y })))));
        }
        throw new XPathTranslationError('ODK XForms cannot order texts other than dates (yyyy-mm-dd) and texts from a fixed list');
    }

    private dateNumber(e: Expression): X {
        if (e.kind === 'string') return xpathNumber(Number(e.value.replaceAll('-', '')));
        return call('number', call('translate', this.value(e), xpathString('-'), xpathString('')));
    }

    /** The texts an expression can take: a list, 'date' for a date answer, 'open' when unknown. */
    private possibleStrings(e: Expression): string[] | 'date' | 'open' {
        switch (e.kind) {
            case 'string': return [e.value];
            case 'answer': return this.typeOf(e) === 'date' ? 'date' : 'open';
            case 'derived': return this.withDerived(e.name, x => this.possibleStrings(x), 'open');
            case 'conditional': {
                const a = this.possibleStrings(e.then);
                const b = this.possibleStrings(e.otherwise);
                if (Array.isArray(a) && Array.isArray(b)) return [...new Set([...a, ...b])];
                if (a === 'date' && (b === 'date' || (Array.isArray(b) && b.every(v => DATE.test(v))))) return 'date';
                if (b === 'date' && Array.isArray(a) && a.every(v => DATE.test(v))) return 'date';
                return 'open';
            }
            default: return 'open';
        }
    }

    private withDerived<T>(name: string, f: (e: Expression) => T, otherwise: T): T {
        const expression = this.derivedValues.get(name);
        if (!expression || this.inProgress.has(name)) return otherwise; // a cycle is a checker error
        this.inProgress.add(name);
        try {
            return f(expression);
        } finally {
            this.inProgress.delete(name);
        }
    }
}

function isStringy(t: ValueType): boolean {
    return t === 'string' || t === 'date';
}

function isNumberLiteral(x: X): boolean {
    return /^-?\d+(\.\d+)?$/.test(x.s);
}

function isStringLiteral(x: X): boolean {
    return /^'[^']*'$|^"[^"]*"$/.test(x.s);
}

function literalNumber(e: Expression): number | undefined {
    if (e.kind === 'number' || e.kind === 'label') return e.value;
    if (e.kind === 'negate') {
        const v = literalNumber(e.operand);
        return v === undefined ? undefined : -v;
    }
    return undefined;
}

function compareValues(operator: string, a: number | string, b: number | string): boolean {
    switch (operator) {
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        default: return a >= b;
    }
}
