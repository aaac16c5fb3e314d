import { AstUtils } from 'langium';
import {
    isBinaryExpr, isCall, isDerived, isGrid, isInExpr, isNegationExpr, isNumberLiteral, isQuestion, isRef,
    isSampleVariable, isScaleCode, isStringLiteral,
    type Expr, type Ref
} from '../generated/ast.js';
import { codeValues, domainOfReferable, type Domain } from './domains.js';
import { Evaluator, truthy, variableKey, type Value } from './evaluate.js';
import type { Formula } from './flow.js';

/** 'yes' and 'no' are proven over every possible answer; 'unknown' when the domains are too large or not finite. */
export type Verdict = 'yes' | 'no' | 'unknown';

export interface VariableFacts {
    domain: Domain | undefined;
    /** Whether the variable can be without value where it is read (optional, or asked on some paths only). */
    mayBeUnanswered: boolean;
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
    constructor(private readonly facts: (ref: Ref, key: string) => VariableFacts) {}

    satisfiable(formulas: readonly Formula[]): Verdict {
        const variables = this.collect(formulas);
        if (!variables) return 'unknown';
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
        const assignment = new Map<string, Value>();
        const evaluator = new Evaluator({ get: key => assignment.get(key) });
        const search = (i: number): boolean => {
            if (i === candidates.length) return formulas.every(f => holdsIn(f, evaluator));
            const [key, values] = candidates[i];
            for (const value of values) {
                assignment.set(key, value);
                if (search(i + 1)) return true;
            }
            return false;
        };
        if (search(0)) return 'yes';
        return exact ? 'no' : 'unknown';
    }

    /** Whether `premises` imply `conclusion` for every respondent. */
    implies(premises: readonly Formula[], conclusion: Formula): Verdict {
        const counter = this.satisfiable([...premises, { kind: 'not', formula: conclusion }]);
        return counter === 'yes' ? 'no' : counter === 'no' ? 'yes' : 'unknown';
    }

    private collect(formulas: readonly Formula[]): Map<string, VariableInfo> | undefined {
        const variables = new Map<string, VariableInfo>();
        const visitedDerived = new Set<unknown>();
        let complete = true;
        const visitExpr = (expr: Expr): void => {
            for (const node of [expr, ...AstUtils.streamAllContents(expr)]) {
                if (isBinaryExpr(node) && (!node.left || !node.right)) complete = false;
                if (!isRef(node)) continue;
                const target = node.target.ref;
                // An unknown name (already an error) could be anything: claim nothing about this condition.
                if (!target || (node.member && !node.member.ref)) complete = false;
                if (isDerived(target)) {
                    if (!visitedDerived.has(target) && target.expr) {
                        visitedDerived.add(target);
                        visitExpr(target.expr);
                    }
                    continue;
                }
                if (!(isQuestion(target) || isGrid(target) || isSampleVariable(target))) continue;
                const key = variableKey(node);
                if (!key) continue;
                let info = variables.get(key);
                if (!info) {
                    const facts = this.facts(node, key);
                    info = { facts, domain: facts.domain ?? domainOfReferable(target, node.member?.ref), constants: new Set(), onlyConstants: true };
                    variables.set(key, info);
                }
                recordUse(node, info);
            }
        };
        const visit = (f: Formula): void => {
            if (f.kind === 'expr') visitExpr(f.expr);
            else if (f.kind === 'not') visit(f.formula);
            else f.parts.forEach(visit);
        };
        formulas.forEach(visit);
        return complete ? variables : undefined;
    }
}

interface VariableInfo {
    facts: VariableFacts;
    domain: Domain | undefined;
    constants: Set<number | string>;
    /** Whether every use compares the variable with a constant (then representatives are exact). */
    onlyConstants: boolean;
}

function holdsIn(formula: Formula, evaluator: Evaluator): boolean {
    switch (formula.kind) {
        case 'expr': return truthy(evaluator.evaluate(formula.expr));
        case 'not': return !holdsIn(formula.formula, evaluator);
        default: return formula.parts.every(p => holdsIn(p, evaluator));
    }
}

/** Notes the constants a variable is compared with, and whether it is used in any other way. */
function recordUse(ref: Ref, info: VariableInfo): void {
    const parent = ref.$container;
    const constant = (e: Expr): number | string | undefined => {
        if (isNumberLiteral(e)) return e.value;
        if (isStringLiteral(e)) return e.value;
        if (isNegationExpr(e) && isNumberLiteral(e.operand)) return -e.operand.value;
        if (isRef(e) && isScaleCode(e.target.ref)) return e.target.ref.value;
        return undefined;
    };
    if (isBinaryExpr(parent) && ['=', '!=', '<', '<=', '>', '>=', 'contains'].includes(parent.operator)) {
        const other = parent.left === ref ? parent.right : parent.left;
        const c = constant(other);
        if (c !== undefined) {
            info.constants.add(c);
            return;
        }
    } else if (isInExpr(parent) && parent.left === ref) {
        const values = parent.values.map(constant);
        if (values.every(v => v !== undefined)) {
            values.forEach(v => info.constants.add(v!));
            return;
        }
    } else if (isCall(parent) && (parent.function === 'answered' || parent.function === 'valid')) {
        return;
    } else if (isScaleCode(ref.target.ref)) {
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
