import {
    isBreakdownOption, isCall, isCompareOption, isDrivers, isFilterOption, isGrid, isIndicator, isIndicatorsBlock,
    isInvitedSetting, isMinNDefault, isMinNOption, isPreviousWaveSetting, isWeightDefault, isWeightOption,
    type Drivers, type Expr, type Indicator, type IndicatorsBlock, type Ref
} from '../generated/ast.js';
import { domainOfTypeRef, isCategorical, isNumericDomain } from '../semantics/domains.js';
import { holds } from '../semantics/flow.js';
import type { DomainReasoner } from '../semantics/reasoning.js';
import { AGGREGATES, describeType, isNumericType, type KtoType, type TypeChecker } from '../semantics/types.js';
import type { CheckContext } from './check-context.js';
import { readsOf } from './routing-checks.js';
import { sourceText } from '../utils/source-text.js';
import { variableKey } from '../semantics/variables.js';

/** Indicators: formulas that can be computed, bases that can be filled, thresholds where bases are small. */
export function checkIndicators(ctx: CheckContext, types: TypeChecker, reasoner: DomainReasoner | undefined): void {
    for (const block of ctx.root.declarations.filter(isIndicatorsBlock)) {
        for (const member of block.members) {
            if (isWeightDefault(member)) checkWeight(ctx, types, member.variable);
            else if (isIndicator(member)) checkIndicator(ctx, types, reasoner, member, block);
            else if (isDrivers(member)) checkDrivers(ctx, types, member);
        }
    }
}

function checkIndicator(ctx: CheckContext, types: TypeChecker, reasoner: DomainReasoner | undefined, indicator: Indicator, block: IndicatorsBlock): void {
    const formula = indicator.formula;
    if (!formula) return;
    const measured = checkFormula(ctx, types, formula);
    const filters: Expr[] = [];
    let hasMinN = block.members.some(isMinNDefault);
    for (const option of indicator.options) {
        if (isFilterOption(option) && option.condition) {
            types.checkCondition(option.condition);
            filters.push(option.condition);
        } else if (isBreakdownOption(option)) {
            option.variables.forEach(v => checkBreakdown(ctx, types, v));
        } else if (isCompareOption(option)) {
            if (!ctx.root.survey?.members.some(isPreviousWaveSetting)) {
                ctx.report('no-previous-wave', 'There is no previous wave to compare with; add `previous "<wave>"` to the survey header.', option);
            }
        } else if (isWeightOption(option)) {
            checkWeight(ctx, types, option.variable);
        } else if (isMinNOption(option)) {
            hasMinN = true;
        }
    }
    if (!reasoner) return;
    // The items the figure reads, also through derived values.
    const items = measured.flatMap(e => readsOf(e)).map(r => ({ read: r, entry: ctx.entryOf(r.itemRef.target.ref!) }));
    const askedOnlySometimes = items.some(i => i.entry !== undefined && i.entry.guards.length > 0);
    const filterFormulas = filters.map(holds);
    let reported = false;
    for (const filter of filters) {
        if (reasoner.satisfiable([holds(filter)]) === 'no') {
            ctx.report('empty-base', `No respondent can meet \`${sourceText(filter)}\`, so the base of '${indicator.name}' is always empty.`, filter);
            reported = true;
        }
    }
    for (const { read, entry } of items) {
        if (reported || !entry) continue;
        const path = [...entry.guards, ...entry.screenOuts];
        if (reasoner.satisfiable(path) === 'no') {
            ctx.report('empty-base', `'${variableKey(read.itemRef)}' is never asked (no path reaches it), so the base of '${indicator.name}' is always empty.`, read.ref);
            reported = true;
        } else if (filterFormulas.length > 0 && reasoner.satisfiable([...path, ...filterFormulas]) === 'no') {
            ctx.report('empty-base', `Nobody who is asked '${variableKey(read.itemRef)}' meets the filter, so the base of '${indicator.name}' is always empty.`, read.ref);
            reported = true;
        }
    }
    if ((filters.length > 0 || askedOnlySometimes) && !hasMinN) {
        const why = filters.length > 0 ? 'its base is filtered' : 'its item is only asked on some paths';
        ctx.report('min-n-missing', `'${indicator.name}' has no \`min_n\`, but ${why}: small bases would be reported as firm figures. Add e.g. \`min_n 30\`.`, indicator, 'name');
    }
}

/** Checks the aggregate and returns the expressions it measures (for base checks). */
function checkFormula(ctx: CheckContext, types: TypeChecker, formula: Expr): Expr[] {
    if (!isCall(formula) || !AGGREGATES.has(formula.function)) {
        ctx.report('invalid-indicator', 'An indicator is one of `mean(x)`, `share(condition)`, `nps(x)`, `count(condition)` or `response_rate()`.', formula);
        return [];
    }
    const args = formula.args;
    const arity = (n: number, usage: string): boolean => {
        if (args.length === n) return true;
        ctx.report('wrong-arguments', `\`${formula.function}()\` takes ${usage}.`, formula);
        return false;
    };
    switch (formula.function) {
        case 'mean': case 'nps': {
            if (!arity(1, 'one item')) return [];
            const type = types.typeOf(args[0]);
            checkMeasured(ctx, formula.function, type, args[0]);
            return [args[0]];
        }
        case 'share':
            if (!arity(1, 'one condition, e.g. `share(x >= eens)`')) return [];
            types.checkCondition(args[0], 'share-not-boolean');
            return [args[0]];
        case 'count':
            if (args.length > 1) arity(1, 'at most one condition');
            if (args[0]) types.checkCondition(args[0]);
            return [];
        default: // response_rate
            arity(0, 'no arguments');
            if (!ctx.root.survey?.members.some(isInvitedSetting)) {
                ctx.report('response-rate-needs-invited', 'A response rate needs the number of people invited: add `invited N` to the survey header.', formula);
            }
            return [];
    }
}

function checkMeasured(ctx: CheckContext, fn: string, type: KtoType, node: Expr): void {
    if (type.kind === 'error') return;
    if (type.kind === 'answer' && type.domain.kind === 'text') {
        ctx.report('indicator-on-text', `'${node.$cstNode?.text}' is an open text answer; code it before computing \`${fn}()\`.`, node);
        return;
    }
    if (!isNumericType(type)) {
        const hint = type.kind === 'answer' || type.kind === 'set' ? ` Use \`share(${node.$cstNode?.text} = ...)\` for a ${type.domain.kind} item.` : '';
        ctx.report('indicator-type', `\`${fn}()\` needs numbers, but '${node.$cstNode?.text}' is ${describeType(type)}.${hint}`, node);
        return;
    }
    if (fn === 'nps' && !(type.kind === 'answer' && type.domain.min === 0 && type.domain.max === 10)) {
        ctx.report('indicator-type', `NPS is computed on a 0..10 scale (9-10 promoters, 0-6 detractors), but '${node.$cstNode?.text}' is ${describeType(type)}.`, node);
    }
}

function checkBreakdown(ctx: CheckContext, types: TypeChecker, ref: Ref): void {
    const type = types.typeOf(ref);
    const categorical = type.kind === 'error' || type.kind === 'string' || type.kind === 'boolean' || type.kind === 'label'
        || (type.kind === 'answer' && isCategorical(type.domain) && type.domain.kind !== 'text');
    if (!categorical) {
        ctx.report('breakdown-not-categorical', `'${ref.$cstNode?.text}' is ${describeType(type)}, which has no categories to break down by; derive groups first (e.g. \`derive groep = x < 30 ? "jong" : "oud"\`).`, ref);
    }
}

function checkWeight(ctx: CheckContext, types: TypeChecker, ref: Ref | undefined): void {
    if (!ref) return;
    const type = types.typeOf(ref);
    if (!(type.kind === 'error' || type.kind === 'number' || (type.kind === 'answer' && isNumericDomain(type.domain) && type.domain.kind !== 'ordinal'))) {
        ctx.report('type-mismatch', `A weight must be a number, but '${ref.$cstNode?.text}' is ${describeType(type)}.`, ref);
    }
}

function checkDrivers(ctx: CheckContext, types: TypeChecker, drivers: Drivers): void {
    if (drivers.outcome) checkMeasured(ctx, 'drivers', types.typeOf(drivers.outcome), drivers.outcome);
    for (const driver of drivers.drivers) {
        if (driver.all) {
            const grid = driver.target.ref;
            if (!isGrid(grid) && grid) {
                ctx.report('wildcard-misplaced', `'${driver.target.$refText}' is not a grid; \`.*\` takes all statements of a grid.`, driver);
            } else if (isGrid(grid)) {
                const domain = domainOfTypeRef(grid.type);
                if (domain) checkMeasured(ctx, 'drivers', domain.multi ? { kind: 'set', domain } : { kind: 'answer', domain }, driver);
            }
            continue;
        }
        checkMeasured(ctx, 'drivers', types.typeOf(driver), driver);
    }
}
