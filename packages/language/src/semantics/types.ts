import type { AstNode } from 'langium';
import {
    isBinaryExpr, isBooleanLiteral, isCall, isConditionalExpr, isDerived, isGrid, isInExpr, isNegationExpr, isNote,
    isNotExpr, isNumberLiteral, isQuestion, isRef, isSampleVariable, isScale, isScaleCode, isSetLiteral, isStringLiteral,
    type Derived, type Expr, type Ref, type ScaleCode
} from '../generated/ast.js';
import type { DiagnosticCode } from '../diagnostics.js';
import { sourceText } from '../utils/source-text.js';
import {
    acceptsValue, describeDomain, domainOfReferable, domainOfScale, domainOfTypeRef, isCoded, isNumericDomain, isOrdered, type Domain
} from './domains.js';

/** The static type of an expression. */
export type KtoType =
    | { kind: 'answer'; domain: Domain }          // the answer to an item (single value)
    | { kind: 'set'; domain: Domain }             // the answer to a multi-select item
    | { kind: 'label'; domain: Domain; code: ScaleCode }
    | { kind: 'number' }
    | { kind: 'string' }
    | { kind: 'boolean' }
    | { kind: 'error' };                           // already reported; suppresses follow-up errors

const NUMBER: KtoType = { kind: 'number' };
const STRING: KtoType = { kind: 'string' };
const BOOLEAN: KtoType = { kind: 'boolean' };
const ERROR: KtoType = { kind: 'error' };

interface DerivedTypes {
    types: Map<Derived, KtoType>;
    inProgress: Set<Derived>;
}

export type TypeProblem = (code: DiagnosticCode, message: string, node: AstNode) => void;

export const ROW_FUNCTIONS = new Set(['answered', 'valid', 'sum', 'min', 'max', 'count', 'round', 'abs']);
export const AGGREGATES = new Set(['mean', 'share', 'nps', 'count', 'response_rate']);

export function describeType(type: KtoType): string {
    switch (type.kind) {
        case 'answer': return `an answer on ${type.domain.name}`;
        case 'set': return `a multi-select answer on ${type.domain.name}`;
        case 'label': return `a label of ${type.domain.name}`;
        case 'number': return 'a number';
        case 'string': return 'a text';
        case 'boolean': return 'a condition';
        default: return 'an invalid value';
    }
}

export function isBooleanType(t: KtoType): boolean {
    return t.kind === 'boolean' || t.kind === 'error';
}

/** Whether arithmetic and means apply (numbers, grades, numeric and ordinal answers). */
export function isNumericType(t: KtoType): boolean {
    return t.kind === 'number' || t.kind === 'error' || (t.kind === 'answer' && isNumericDomain(t.domain));
}

/**
 * Infers expression types and reports what is wrong with them. Types of derived values are
 * inferred on demand (and cached) so a derived value can be used before it is declared.
 */
export class TypeChecker {
    constructor(
        private readonly problem: TypeProblem,
        private readonly derived: DerivedTypes = { types: new Map(), inProgress: new Set() }
    ) {}

    /** Types an expression that must be a condition (if, where, share, expect). */
    checkCondition(expr: Expr | undefined, code: DiagnosticCode = 'condition-not-boolean'): void {
        if (!expr) return;
        const type = this.typeOf(expr);
        if (!isBooleanType(type)) {
            const hint = type.kind === 'answer' && type.domain.kind === 'yesno' ? ` Write \`${sourceText(expr)} = yes\`.` : '';
            this.problem(code, `This should be a condition (true or false), but it is ${describeType(type)}.${hint}`, expr);
        }
    }

    typeOf(expr: Expr): KtoType {
        if (isNumberLiteral(expr)) return NUMBER;
        if (isStringLiteral(expr)) return STRING;
        if (isBooleanLiteral(expr)) return BOOLEAN;
        if (isRef(expr)) return this.typeOfRef(expr);
        if (isNotExpr(expr)) {
            this.expectBoolean(expr.operand, "'not'");
            return BOOLEAN;
        }
        if (isNegationExpr(expr)) {
            this.expectNumeric(expr.operand, 'A minus sign');
            return NUMBER;
        }
        if (isConditionalExpr(expr)) {
            this.expectBoolean(expr.condition, 'The condition before `?`');
            const a = this.typeOf(expr.then);
            const b = this.typeOf(expr.otherwise);
            if (a.kind === 'error' || b.kind === 'error') return ERROR;
            if ((a.kind === 'answer' || a.kind === 'label') && (b.kind === 'answer' || b.kind === 'label') && sameScale(a.domain, b.domain)) {
                return { kind: 'answer', domain: a.domain };
            }
            const ka = valueKind(a), kb = valueKind(b);
            if (ka !== kb) {
                this.problem('type-mismatch', `Both outcomes of \`? :\` must be of one kind, but one is ${describeType(a)} and the other ${describeType(b)}.`, expr);
                return ERROR;
            }
            return ka === 'number' ? NUMBER : ka === 'string' ? STRING : ka === 'boolean' ? BOOLEAN : a;
        }
        if (isInExpr(expr)) {
            const left = this.typeOf(expr.left);
            for (const value of expr.values) this.checkComparable('=', left, this.typeOf(value), value);
            return BOOLEAN;
        }
        if (isSetLiteral(expr)) {
            for (const value of expr.values) this.typeOf(value);
            return ERROR; // only meaningful as a scripted multi-select answer, checked there
        }
        if (isBinaryExpr(expr)) return this.typeOfBinary(expr.operator, expr.left, expr.right);
        if (isCall(expr)) return this.typeOfCall(expr.function, expr.args, expr);
        return ERROR;
    }

    private typeOfRef(ref: Ref): KtoType {
        const target = ref.target.ref;
        if (!target) return ERROR; // linking error already reported
        if (ref.all) {
            this.problem('wildcard-misplaced', '`.*` (all statements of a grid) can only be used in a `drivers` list.', ref);
            return ERROR;
        }
        if (isScaleCode(target)) {
            const owner = target.$container.$container;
            const domain = isScale(owner) ? domainOfScale(owner) : domainOfTypeRef(owner);
            return domain ? { kind: 'label', domain, code: target } : ERROR;
        }
        if (isDerived(target)) return this.typeOfDerived(target);
        if (isNote(target)) {
            this.problem('type-mismatch', `'${target.name}' is a note; it has no answer to compare.`, ref);
            return ERROR;
        }
        if (isGrid(target) && !ref.member) {
            const first = target.rows[0]?.name ?? 'statement';
            this.problem('grid-row-required', `'${target.name}' is a grid with one answer per statement; name one, e.g. \`${target.name}.${first}\`.`, ref);
            return ERROR;
        }
        if (isGrid(target) && !ref.member?.ref) return ERROR;
        if (isQuestion(target) || isGrid(target) || isSampleVariable(target)) {
            const domain = domainOfReferable(target, ref.member?.ref);
            if (!domain) return ERROR;
            return domain.multi ? { kind: 'set', domain } : { kind: 'answer', domain };
        }
        return ERROR;
    }

    typeOfDerived(derived: Derived): KtoType {
        const known = this.derived.types.get(derived);
        if (known) return known;
        if (this.derived.inProgress.has(derived) || !derived.expr) return ERROR; // cycles are reported by the routing checks
        this.derived.inProgress.add(derived);
        // Problems inside a derived expression are reported once, where it is declared.
        const type = new TypeChecker(() => undefined, this.derived).typeOf(derived.expr);
        this.derived.inProgress.delete(derived);
        this.derived.types.set(derived, type);
        return type;
    }

    private typeOfBinary(operator: string, left: Expr, right: Expr): KtoType {
        switch (operator) {
            case 'and': case 'or':
                this.expectBoolean(left, `'${operator}'`);
                this.expectBoolean(right, `'${operator}'`);
                return BOOLEAN;
            case 'contains': {
                const set = this.typeOf(left);
                const item = this.typeOf(right);
                if (set.kind === 'error' || item.kind === 'error') return BOOLEAN;
                if (set.kind !== 'set') {
                    this.problem('type-mismatch', `\`contains\` applies to a multi-select item, but the left side is ${describeType(set)}.`, left);
                    return BOOLEAN;
                }
                this.checkComparable('=', { kind: 'answer', domain: set.domain }, item, right);
                return BOOLEAN;
            }
            case '=': case '!=': case '<': case '<=': case '>': case '>=':
                this.checkComparable(operator, this.typeOf(left), this.typeOf(right), right, left);
                return BOOLEAN;
            default:
                this.expectNumeric(left, `'${operator}'`);
                this.expectNumeric(right, `'${operator}'`);
                return NUMBER;
        }
    }

    private typeOfCall(name: string, args: Expr[], call: Expr): KtoType {
        if (AGGREGATES.has(name) && !ROW_FUNCTIONS.has(name)) {
            this.problem('aggregate-outside-indicator', `\`${name}()\` summarises all respondents and can only be the formula of an \`indicator\`.`, call);
            args.forEach(a => this.typeOf(a));
            return ERROR;
        }
        switch (name) {
            case 'answered': case 'valid': {
                const arg = args[0];
                if (args.length !== 1 || !isRef(arg)) {
                    this.problem('wrong-arguments', `\`${name}()\` takes one item, e.g. \`${name}(leeftijd)\`.`, call);
                    return BOOLEAN;
                }
                this.typeOf(arg);
                return BOOLEAN;
            }
            case 'sum': case 'min': case 'max':
                if (args.length === 0) this.problem('wrong-arguments', `\`${name}()\` needs at least one value.`, call);
                args.forEach(a => this.expectNumeric(a, `\`${name}()\``));
                return NUMBER;
            case 'round': case 'abs':
                if (args.length !== 1) this.problem('wrong-arguments', `\`${name}()\` takes one number.`, call);
                args.forEach(a => this.expectNumeric(a, `\`${name}()\``));
                return NUMBER;
            case 'count': {
                const t = args.length === 1 ? this.typeOf(args[0]) : undefined;
                if (!t || (t.kind !== 'set' && t.kind !== 'error')) {
                    this.problem('wrong-arguments', '`count()` in an expression takes one multi-select item and gives the number of chosen answers.', call);
                }
                return NUMBER;
            }
            default:
                this.problem('unknown-function', `Unknown function \`${name}\`. Expressions can use: ${[...ROW_FUNCTIONS].join(', ')}.`, call);
                args.forEach(a => this.typeOf(a));
                return ERROR;
        }
    }

    expectBoolean(expr: Expr, what: string): void {
        const type = this.typeOf(expr);
        if (!isBooleanType(type)) {
            this.problem('type-mismatch', `${what} needs conditions (true or false), but this is ${describeType(type)}.`, expr);
        }
    }

    expectNumeric(expr: Expr, what: string): KtoType {
        const type = this.typeOf(expr);
        if (!isNumericType(type)) {
            const why = type.kind === 'answer' && !isNumericDomain(type.domain)
                ? ` ('${sourceText(expr)}' is on ${type.domain.kind} scale ${type.domain.name}, whose codes are not amounts)` : '';
            this.problem('type-mismatch', `${what} needs numbers, but this is ${describeType(type)}${why}.`, expr);
        }
        return type;
    }

    /**
     * Checks `left op right`: kinds must match, labels must belong to the item's scale, numbers
     * compared for equality must be codes the item can take, and ordering needs an ordered scale.
     */
    checkComparable(operator: string, left: KtoType, right: KtoType, rightNode: Expr, leftNode?: Expr): void {
        if (left.kind === 'error' || right.kind === 'error') return;
        const ordering = operator !== '=' && operator !== '!=';
        const at = leftNode ?? rightNode;
        if (ordering) {
            for (const [t, n] of [[left, leftNode ?? rightNode], [right, rightNode]] as const) {
                if ((t.kind === 'answer' || t.kind === 'label') && !isOrdered(t.domain)) {
                    this.problem('type-mismatch', `${t.domain.name} is a ${t.domain.kind} scale without order, so \`${operator}\` means nothing; use \`=\` or \`in {...}\`.`, n);
                    return;
                }
                if (t.kind === 'set' || t.kind === 'boolean') {
                    this.problem('type-mismatch', `\`${operator}\` compares amounts or ordered answers, not ${describeType(t)}.`, n);
                    return;
                }
            }
        }
        if (left.kind === 'answer' || left.kind === 'set') {
            this.checkAgainstDomain(left.domain, right, rightNode, ordering);
            return;
        }
        if (right.kind === 'answer' && (left.kind === 'number' || left.kind === 'string' || left.kind === 'label')) {
            this.checkAgainstDomain(right.domain, left, leftNode ?? rightNode, ordering);
            return;
        }
        if (valueKind(left) !== valueKind(right)) {
            this.problem('type-mismatch', `Cannot compare ${describeType(left)} with ${describeType(right)}.`, at);
        }
    }

    private checkAgainstDomain(domain: Domain, other: KtoType, node: Expr, ordering: boolean): void {
        if (other.kind === 'label') {
            if (!sameScale(domain, other.domain)) {
                this.problem('foreign-label', `'${other.code.name}' is a label of ${other.domain.name}, but this item answers on ${domain.name}.`, node);
            }
            return;
        }
        if (other.kind === 'answer') {
            const a = domain, b = other.domain;
            const compatible = sameScale(a, b) || (isNumericDomain(a) && isNumericDomain(b) && a.kind !== 'ordinal' && b.kind !== 'ordinal')
                || (a.kind === b.kind && !isCoded(a)) || (isCoded(a) && isCoded(b) && a.kind === b.kind && a.kind !== 'nominal');
            if (!compatible) {
                this.problem('type-mismatch', `Cannot compare an answer on ${a.name} with an answer on ${b.name}.`, node);
            }
            return;
        }
        if (domain.kind === 'text' || domain.kind === 'date') {
            if (other.kind !== 'string') this.problem('type-mismatch', `A ${domain.kind} answer can only be compared with a text in quotes, not ${describeType(other)}.`, node);
            return;
        }
        if (other.kind === 'string') {
            this.problem('type-mismatch', `Cannot compare an answer on ${domain.name} with a text; use a code${domain.codes.some(c => c.name) ? ' or a label' : ''}.`, node);
            return;
        }
        const literal = isNumberLiteral(node) ? node.value
            : isNegationExpr(node) && isNumberLiteral(node.operand) ? -node.operand.value : undefined;
        if (other.kind === 'number' && literal !== undefined && !ordering && !acceptsValue(domain, literal)) {
            this.problem('code-out-of-range', `${literal} is not a value of ${domain.name} (${describeDomain(domain)}).`, node);
            return;
        }
        if (other.kind === 'boolean' || other.kind === 'set') {
            this.problem('type-mismatch', `Cannot compare an answer on ${domain.name} with ${describeType(other)}.`, node);
        }
    }
}

export function sameScale(a: Domain, b: Domain): boolean {
    if (a.scale && b.scale) return a.scale === b.scale || (a.kind === 'yesno' && b.kind === 'yesno');
    return a.definition === b.definition || (a.kind === 'yesno' && b.kind === 'yesno');
}

function valueKind(t: KtoType): string {
    if (t.kind === 'answer' || t.kind === 'label') {
        if (t.domain.kind === 'text' || t.domain.kind === 'date') return 'string';
        return isNumericDomain(t.domain) ? 'number' : `coded:${t.domain.name}`;
    }
    return t.kind;
}

/**
 * The scale of what a reference holds: an item's or sample variable's scale, or, for a derived
 * value that is an answer or a label (`derive oordeel = stelling_a`), the scale of that answer.
 */
export function domainOfValue(ref: Ref): Domain | undefined {
    const target = ref.target.ref;
    if (isDerived(target)) {
        try {
            const type = new TypeChecker(() => undefined).typeOfDerived(target);
            return type.kind === 'answer' || type.kind === 'label' ? type.domain : undefined;
        } catch {
            return undefined; // a reference cycle while linking; the checker reports cycles
        }
    }
    return domainOfReferable(target, ref.member?.ref);
}
