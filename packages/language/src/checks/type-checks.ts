import { AstUtils } from 'langium';
import {
    isAnswer, isAskedExpectation, isDerived, isEndStatement, isGrid, isIfBlock, isNote, isQuestion, isRef,
    isSampleVariable, isSetLiteral, isTypeRef, isValueExpectation,
    type Answer, type AskedExpectation, type TypeRef
} from '../generated/ast.js';
import { domainOfTypeRef } from '../semantics/domains.js';
import { TypeChecker } from '../semantics/types.js';
import type { CheckContext } from './check-context.js';
import { sourceText } from '../utils/source-text.js';

/** Types of routing conditions, derived values and scripted respondents. */
export function createTypeChecker(ctx: CheckContext): TypeChecker {
    return new TypeChecker((code, message, node) => ctx.report(code, message, node));
}

export function checkTypes(ctx: CheckContext, types: TypeChecker): void {
    for (const node of AstUtils.streamAllContents(ctx.root)) {
        if (isIfBlock(node) || isEndStatement(node)) types.checkCondition(node.condition);
        else if (isDerived(node) && node.expr) types.typeOf(node.expr);
        else if (isTypeRef(node)) checkMulti(ctx, node);
        else if (isAnswer(node)) checkGiven(ctx, types, node);
        else if (isAskedExpectation(node)) checkAsked(ctx, node);
        else if (isValueExpectation(node)) types.checkCondition(node.condition);
    }
}

function checkMulti(ctx: CheckContext, type: TypeRef): void {
    const domain = domainOfTypeRef(type);
    if (type.multi && domain && domain.kind !== 'nominal' && domain.kind !== 'ordinal') {
        ctx.report('type-mismatch', `A multi-select question chooses from a code list (nominal or ordinal), but ${domain.name} is a ${domain.kind} scale.`, type);
    }
}

/** `given x = value`: the value must be an answer the item can take. */
function checkGiven(ctx: CheckContext, types: TypeChecker, answer: Answer): void {
    const target = types.typeOf(answer.target);
    const value = answer.value;
    if (!value) return;
    const item = answer.target.target.ref;
    if (item && !(isQuestion(item) || isGrid(item) || isSampleVariable(item))) {
        ctx.report('type-mismatch', `Only questions, grid statements and sample variables can be given an answer; '${answer.target.target.$refText}' is computed or has no answer.`, answer.target);
        return;
    }
    if (target.kind === 'set') {
        if (!isSetLiteral(value)) {
            ctx.report('type-mismatch', `'${sourceText(answer.target)}' is a multi-select question; give its answers as a set, e.g. \`{a, b}\`.`, value);
            return;
        }
        for (const v of value.values) types.checkComparable('=', { kind: 'answer', domain: target.domain }, types.typeOf(v), v);
        return;
    }
    types.checkComparable('=', target, types.typeOf(value), value);
}

function checkAsked(ctx: CheckContext, expectation: AskedExpectation): void {
    for (const target of expectation.targets) {
        const item = target.target.ref;
        if (item && !(isQuestion(item) || isGrid(item) || isNote(item))) {
            ctx.report('type-mismatch', `'${target.target.$refText}' is not asked: only questions, grids and notes are.`, target);
        } else if (isRef(target) && target.member) {
            ctx.report('type-mismatch', 'A grid is asked as a whole; name the grid, not one statement.', target);
        }
    }
}
