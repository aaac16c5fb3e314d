import type { Expr } from '../generated/ast.js';
import { codeValues, type Domain } from './domains.js';
import { Evaluator, truthy, type Value } from './evaluate.js';
import type { Formula } from './flow.js';
import { childrenOf, COMPARISON_OPERATORS, type Expression } from './ir.js';
import { lowerExpression } from './lower-expression.js';

/** 'yes' and 'no' are proven over every possible answer; 'unknown' when the domains are too large or not finite. */
export type Verdict = 'yes' | 'no' | 'unknown';

export interface VariableFacts {
    domain: Domain | undefined;
    /** Whether the variable can be without value where it is read (optional, or asked on some paths only). */
    mayBeUnanswered: boolean;
}

/** What the reasoner needs to know about the survey: each variable's domain, each derived value's expression. */
export interface ReasoningContext {
    facts(name: string): VariableFacts;
    derived(name: string): Expression | undefined;
}

const MAX_ASSIGNMENTS = 50_000;
const MAX_ENUMERATED_RANGE = 200;
const MAX_ENUMERATED_SUBSETS = 6;

/**
 * Decides questions about conditions by trying every answer the scales allow. Scales are small
 * (a grade has 10 values, an agreement scale 5 plus missing codes), so exhaustive search is
 * exact and fast; for wide numeric ranges only the values around the constants a condition
 * compares with are tried, which is still exact as long as the variable is only compared with
 * constants. Anything else gives 'unknown', and the checker stays silent.
 */
export class DomainReasoner {
    private readonly lowered = new WeakMap<Expr, Expression | null>();

    constructor(private readonly context: ReasoningContext) {}

    satisfiable(formulas: readonly Formula[]): Verdict {
        const lowered = formulas.map(f => this.lower(f));
        if (lowered.some(f => f === undefined)) return 'unknown';
        // Conditions that share no variable are independent: deciding them apart keeps an earlier
        // screen-out on age from multiplying every later search by the number of ages.
        let verdict: Verdict = 'yes';
        for (const component of this.components(lowered as LoweredFormula[])) {
            const v = this.solve(component);
            if (v === 'no') return 'no';
            if (v === 'unknown') verdict = 'unknown';
        }
        return verdict;
    }

    /** Groups formulas into sets that share variables (union-find over variable names). */
    private components(formulas: LoweredFormula[]): LoweredFormula[][] {
        const parent = formulas.map((_, i) => i);
        const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
        const owner = new Map<string, number>();
        formulas.forEach((f, i) => {
            for (const name of this.variablesOf(f)) {
                const j = owner.get(name);
                if (j === undefined) owner.set(name, i);
                else parent[find(i)] = find(j);
            }
        });
        const groups = new Map<number, LoweredFormula[]>();
        formulas.forEach((f, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), f]));
        return [...groups.values()];
    }

    /** Exhaustive search over one group, checking each formula as soon as its variables have values. */
    private solve(conditions: LoweredFormula[]): Verdict {
        const variables = this.collect(conditions);
        let exact = true;
        const candidates: Array<[string, Value[]]> = [];
        let product = 1;
        for (const [key, info] of variables) {
            const { values, exact: e } = candidateValues(info);
            exact &&= e;
            candidates.push([key, values]);
            product *= values.length;
            if (product > MAX_ASSIGNMENTS) return 'unknown';
        }
        const index = new Map(candidates.map(([key], i) => [key, i]));
        // checkAt[i]: the formulas whose last variable is the i-th; checkAt[-1 → 0 slot]: constant ones.
        const checkAt: LoweredFormula[][] = Array.from({ length: candidates.length + 1 }, () => []);
        for (const f of conditions) {
            const last = Math.max(-1, ...[...this.variablesOf(f)].map(v => index.get(v) ?? -1));
            checkAt[last + 1].push(f);
        }
        const assignment = new Map<string, Value>();
        const evaluator = new Evaluator({ answer: name => assignment.get(name), derived: name => this.context.derived(name) });
        const holdsAll = (fs: LoweredFormula[]): boolean => fs.every(f => holdsIn(f, evaluator));
        const search = (i: number): boolean => {
            if (i === candidates.length) return true;
            const [key, values] = candidates[i];
            for (const value of values) {
                assignment.set(key, value);
                if (holdsAll(checkAt[i + 1]) && search(i + 1)) return true;
            }
            assignment.delete(key);
            return false;
        };
        if (holdsAll(checkAt[0]) && search(0)) return 'yes';
        return exact ? 'no' : 'unknown';
    }

    private readonly variableCache = new WeakMap<LoweredFormula, Set<string>>();

    /** The answers a formula reads, through derived values. */
    private variablesOf(f: LoweredFormula): Set<string> {
        let names = this.variableCache.get(f);
        if (names) return names;
        names = new Set();
        const seen = new Set<string>();
        const visit = (e: Expression): void => {
            if (e.kind === 'answer') names!.add(e.name);
            else if (e.kind === 'derived') {
                const expr = this.context.derived(e.name);
                if (expr && !seen.has(e.name)) {
                    seen.add(e.name);
                    visit(expr);
                }
            } else childrenOf(e).forEach(visit);
        };
        const visitFormula = (g: LoweredFormula): void => {
            if (g.kind === 'expr') visit(g.expr);
            else if (g.kind === 'not') visitFormula(g.formula);
            else g.parts.forEach(visitFormula);
        };
        visitFormula(f);
        this.variableCache.set(f, names);
        return names;
    }

    /** Whether `premises` imply `conclusion` for every respondent. */
    implies(premises: readonly Formula[], conclusion: Formula): Verdict {
        const counter = this.satisfiable([...premises, { kind: 'not', formula: conclusion }]);
        return counter === 'yes' ? 'no' : counter === 'no' ? 'yes' : 'unknown';
    }

    /** The formula over resolved expressions; undefined when a part does not resolve (an error reported elsewhere). */
    private lower(f: Formula): LoweredFormula | undefined {
        if (f.kind === 'not') {
            const inner = this.lower(f.formula);
            return inner && { kind: 'not', formula: inner };
        }
        if (f.kind === 'and') {
            const parts = f.parts.map(p => this.lower(p));
            return parts.every(p => p !== undefined) ? { kind: 'and', parts: parts as LoweredFormula[] } : undefined;
        }
        let e = this.lowered.get(f.expr);
        if (e === undefined) {
            try {
                e = lowerExpression(f.expr);
            } catch {
                e = null;
            }
            this.lowered.set(f.expr, e);
        }
        return e === null ? undefined : { kind: 'expr', expr: e };
    }

    private collect(formulas: readonly LoweredFormula[]): Map<string, VariableInfo> {
        const variables = new Map<string, VariableInfo>();
        const visitedDerived = new Set<string>();
        const visit = (e: Expression, parent: Expression | undefined): void => {
            if (e.kind === 'derived') {
                const expr = this.context.derived(e.name);
                if (expr && !visitedDerived.has(e.name)) {
                    visitedDerived.add(e.name);
                    visit(expr, undefined);
                }
                return;
            }
            if (e.kind === 'answer') {
                let info = variables.get(e.name);
                if (!info) {
                    const facts = this.context.facts(e.name);
                    info = { facts, domain: facts.domain, constants: new Set(), onlyConstants: true };
                    variables.set(e.name, info);
                }
                recordUse(e, parent, info);
                return;
            }
            for (const child of childrenOf(e)) visit(child, e);
        };
        const visitFormula = (f: LoweredFormula): void => {
            if (f.kind === 'expr') visit(f.expr, undefined);
            else if (f.kind === 'not') visitFormula(f.formula);
            else f.parts.forEach(visitFormula);
        };
        formulas.forEach(visitFormula);
        return variables;
    }
}

type LoweredFormula =
    | { kind: 'expr'; expr: Expression }
    | { kind: 'not'; formula: LoweredFormula }
    | { kind: 'and'; parts: LoweredFormula[] };

interface VariableInfo {
    facts: VariableFacts;
    domain: Domain | undefined;
    constants: Set<number | string>;
    /** Whether every use compares the variable with a constant (then representatives are exact). */
    onlyConstants: boolean;
}

function holdsIn(formula: LoweredFormula, evaluator: Evaluator): boolean {
    switch (formula.kind) {
        case 'expr': return truthy(evaluator.evaluate(formula.expr));
        case 'not': return !holdsIn(formula.formula, evaluator);
        default: return formula.parts.every(p => holdsIn(p, evaluator));
    }
}

/** Notes the constants a variable is compared with, and whether it is used in any other way. */
function recordUse(answer: Expression, parent: Expression | undefined, info: VariableInfo): void {
    const constant = (e: Expression): number | string | undefined => {
        if (e.kind === 'number' || e.kind === 'string' || e.kind === 'label') return e.value;
        if (e.kind === 'negate' && e.operand.kind === 'number') return -e.operand.value;
        return undefined;
    };
    if (parent?.kind === 'binary' && COMPARISON_OPERATORS.has(parent.operator)) {
        const c = constant(parent.left === answer ? parent.right : parent.left);
        if (c !== undefined) {
            info.constants.add(c);
            return;
        }
    } else if (parent?.kind === 'in' && parent.operand === answer) {
        const values = parent.values.map(constant);
        if (values.every(v => v !== undefined)) {
            values.forEach(v => info.constants.add(v!));
            return;
        }
    } else if (parent?.kind === 'call' && (parent.function === 'answered' || parent.function === 'valid')) {
        return;
    }
    info.onlyConstants = false;
}

function candidateValues(info: VariableInfo): { values: Value[]; exact: boolean } {
    const domain = info.domain;
    const absent: Value[] = info.facts.mayBeUnanswered ? [undefined] : [];
    if (!domain) return { values: [...absent, ...info.constants], exact: false };
    const missing = domain.missing.map(c => c.value);
    if (domain.multi) {
        const codes = codeValues(domain);
        if (codes.length <= MAX_ENUMERATED_SUBSETS) {
            const subsets: Value[] = [];
            for (let mask = 0; mask < 1 << codes.length; mask++) {
                subsets.push(new Set(codes.filter((_, i) => mask & (1 << i))));
            }
            return { values: [...absent, ...subsets], exact: true };
        }
        return { values: [...absent, new Set<number>(), ...codes.map(c => new Set([c])), new Set(codes)], exact: false };
    }
    switch (domain.kind) {
        case 'ordinal': case 'nominal':
            return { values: [...absent, ...codeValues(domain)], exact: true };
        case 'yesno':
            return { values: [...absent, 1, 0, ...missing], exact: true };
        case 'text': case 'date': {
            const strings = [...info.constants].filter(c => typeof c === 'string');
            return { values: [...absent, ...strings, '\u0000another answer'], exact: info.onlyConstants };
        }
        default: {
            const integer = domain.kind !== 'decimal';
            const { min, max } = domain;
            if (integer && min !== undefined && max !== undefined && max - min <= MAX_ENUMERATED_RANGE) {
                const values: Value[] = [];
                for (let v = min; v <= max; v++) values.push(v);
                return { values: [...absent, ...values, ...missing], exact: true };
            }
            return { values: [...absent, ...representatives(info, integer, min, max), ...missing], exact: info.onlyConstants };
        }
    }
}

/** One value per interval between the constants, each constant itself, and the bounds. */
function representatives(info: VariableInfo, integer: boolean, min?: number, max?: number): number[] {
    const constants = [...info.constants].filter((c): c is number => typeof c === 'number').sort((a, b) => a - b);
    const points = new Set<number>();
    if (min !== undefined) points.add(min);
    if (max !== undefined) points.add(max);
    for (const c of constants) [c - 1, c, c + 1].forEach(p => points.add(p));
    for (let i = 0; i + 1 < constants.length; i++) points.add((constants[i] + constants[i + 1]) / 2);
    if (points.size === 0) points.add(0);
    return [...points].filter(p =>
        (!integer || Number.isInteger(p)) && (min === undefined || p >= min) && (max === undefined || p <= max));
}
