import {
    isBinaryExpr, isBooleanLiteral, isCall, isConditionalExpr, isDerived, isGrid, isInExpr, isNegationExpr, isNotExpr,
    isNumberLiteral, isQuestion, isRef, isSampleVariable, isScale, isScaleCode, isSetLiteral, isStringLiteral,
    type Expr
} from '../generated/ast.js';
import { domainOfReferable } from './domains.js';
import { variableKey } from './variables.js';
import type { BinaryOperator, Expression, RowFunction } from './ir.js';

/** Thrown for an expression that does not resolve; only checked (error-free) expressions are lowered. */
export class UnresolvedExpressionError extends Error {}

/** Turns a checked expression into its resolved form (see ir.ts). */
export function lowerExpression(expr: Expr | undefined): Expression {
    if (!expr) throw new UnresolvedExpressionError('incomplete expression');
    if (isNumberLiteral(expr)) return { kind: 'number', value: expr.value };
    if (isStringLiteral(expr)) return { kind: 'string', value: expr.value };
    if (isBooleanLiteral(expr)) return { kind: 'boolean', value: expr.value === 'true' };
    if (isNotExpr(expr)) return { kind: 'not', operand: lowerExpression(expr.operand) };
    if (isNegationExpr(expr)) return { kind: 'negate', operand: lowerExpression(expr.operand) };
    if (isConditionalExpr(expr)) {
        return { kind: 'conditional', condition: lowerExpression(expr.condition), then: lowerExpression(expr.then), otherwise: lowerExpression(expr.otherwise) };
    }
    if (isInExpr(expr)) {
        return { kind: 'in', operand: lowerExpression(expr.left), values: expr.values.map(lowerExpression), negated: expr.negated };
    }
    if (isSetLiteral(expr)) return { kind: 'set', values: expr.values.map(lowerExpression) };
    if (isBinaryExpr(expr)) {
        return { kind: 'binary', operator: expr.operator as BinaryOperator, left: lowerExpression(expr.left), right: lowerExpression(expr.right) };
    }
    if (isCall(expr)) return { kind: 'call', function: expr.function as RowFunction, args: expr.args.map(lowerExpression) };
    if (isRef(expr)) {
        const target = expr.target.ref;
        if (isScaleCode(target)) {
            const owner = target.$container.$container;
            return { kind: 'label', value: target.value, name: target.name ?? String(target.value), scale: isScale(owner) ? owner.name : '' };
        }
        if (isDerived(target)) return { kind: 'derived', name: target.name };
        if (isQuestion(target) || isGrid(target) || isSampleVariable(target)) {
            const name = variableKey(expr);
            const domain = domainOfReferable(target, expr.member?.ref);
            if (name && domain) return { kind: 'answer', name, missing: domain.missing.map(c => c.value) };
        }
    }
    throw new UnresolvedExpressionError(`cannot resolve '${expr.$cstNode?.text ?? expr.$type}'`);
}
