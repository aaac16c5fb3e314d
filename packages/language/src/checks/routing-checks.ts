import { AstUtils, type AstNode } from 'langium';
import {
    isBlock, isCall, isDerived, isEndStatement, isGrid, isIfBlock, isQuestion, isRef, isSampleVariable,
    type Derived, type Expr, type IfBlock, type KtoFile, type Ref
} from '../generated/ast.js';
import { variableKey } from '../semantics/variables.js';
import { lowerExpression } from '../semantics/lower-expression.js';
import type { Expression } from '../semantics/ir.js';
import { holds, isAskedItem, pathOf, type FlowEntry, type Formula } from '../semantics/flow.js';
import { DomainReasoner, type VariableFacts, type Verdict } from '../semantics/reasoning.js';
import { domainOfReferable } from '../semantics/domains.js';
import { TypeChecker } from '../semantics/types.js';
import { placeOf, type CheckContext } from './check-context.js';
import { sourceText } from '../utils/source-text.js';

/**
 * Routing: what each condition may read at the point the interview reaches it, and what the
 * scales' domains say about whether a branch can be taken at all.
 */
export function checkRouting(ctx: CheckContext): void {
    checkDerivedCycles(ctx);
    if (!ctx.isSurvey) return;
    const reasoner = createReasoner(ctx);
    const reachable = pathVerdicts(reasoner);
    // In a half-typed file the routing is not what the author means yet; reasoning about it only adds noise.
    if (!hasSyntaxErrors(ctx)) checkReachability(ctx, reasoner, reachable);
    for (const entry of ctx.flow.entries) {
        const condition = isIfBlock(entry.node) || isEndStatement(entry.node) ? entry.node.condition : undefined;
        if (condition) checkReads(ctx, reasoner, condition, entry, reachable);
    }
    for (const node of AstUtils.streamAllContents(ctx.root)) {
        if (isDerived(node) && node.expr && AstUtils.getDocument(node) === ctx.document) checkDerivedReads(ctx, node);
    }
}

export function hasSyntaxErrors(ctx: CheckContext): boolean {
    const result = ctx.document.parseResult;
    return result.lexerErrors.length > 0 || result.parserErrors.length > 0;
}

/** What the reasoner may assume about a variable: its domain, and whether it can be unanswered. */
export function createReasoner(ctx: CheckContext): DomainReasoner {
    const derived = new Map<string, Expression | undefined>();
    return new DomainReasoner({
        facts(name: string): VariableFacts {
            const target = ctx.variable(name.split('.')[0]);
            const domain = domainOfReferable(target as never);
            if (isSampleVariable(target)) return { domain, mayBeUnanswered: false };
            return { domain, mayBeUnanswered: target ? mayBeUnanswered(ctx, target) : true };
        },
        derived(name: string): Expression | undefined {
            if (!derived.has(name)) {
                const node = ctx.variable(name);
                let lowered: Expression | undefined;
                try {
                    lowered = isDerived(node) ? lowerExpression(node.expr) : undefined;
                } catch {
                    lowered = undefined;
                }
                derived.set(name, lowered);
            }
            return derived.get(name);
        }
    });
}

function mayBeUnanswered(ctx: CheckContext, item: AstNode): boolean {
    const entry = ctx.entryOf(item);
    return !entry || entry.guards.length > 0 || isOptional(item);
}

function isOptional(item: AstNode): boolean {
    return (isQuestion(item) || isGrid(item)) && item.modifiers.includes('optional');
}

// ------------------------------------------------------------------ reachability

/** Whether anyone reaches an entry, decided once per distinct path (entries of one block share theirs). */
function pathVerdicts(reasoner: DomainReasoner): (entry: FlowEntry) => Verdict {
    const verdicts = new Map<string, Verdict>();
    return entry => {
        const key = pathKey(entry);
        let verdict = verdicts.get(key);
        if (!verdict) verdicts.set(key, verdict = reasoner.satisfiable(pathOf(entry)));
        return verdict;
    };
}

function checkReachability(ctx: CheckContext, reasoner: DomainReasoner, reachable: (entry: FlowEntry) => Verdict): void {
    const dead = new Set<string>(); // "ifBlock side" pairs found unreachable, so what is inside is not reported again
    let reportedAfterScreenOut = false;
    const deadKey = (ifBlock: IfBlock, side: string): string => `${ctx.flow.entryOf.get(ifBlock)?.index} ${side}`;
    for (const entry of ctx.flow.entries) {
        if (entry.branches.some(b => dead.has(deadKey(b.ifBlock, b.side)))) continue;
        const path = pathOf(entry);
        const node = entry.node;
        if (isIfBlock(node) && node.condition && !wellTyped(node.condition)) {
            // A condition with a type error is reported as such; what it would route is anyone's guess.
            dead.add(deadKey(node, 'then'));
            dead.add(deadKey(node, 'else'));
        } else if (isIfBlock(node) && node.condition) {
            const cond = holds(node.condition);
            if (entry.screenOuts.length > 0 && reachable(entry) === 'no') {
                ctx.report('unreachable-item', 'No respondent can get here: every path to this point ends at an earlier screen-out (`end`).', node.condition);
                dead.add(deadKey(node, 'then'));
                dead.add(deadKey(node, 'else'));
            } else if (reasoner.satisfiable([...path, cond]) === 'no') {
                ctx.report('unreachable-item', `No respondent can get here: given the scales and the routing before it, \`${sourceText(node.condition)}\` never holds, so the items inside are never asked.`, node.condition);
                dead.add(deadKey(node, 'then'));
            } else if (reasoner.implies(path, cond) === 'yes') {
                const elseNote = node.else.length > 0 || node.elseIf ? ', so the `else` part is never used' : '';
                ctx.report('condition-always-true', `\`${sourceText(node.condition)}\` holds for every respondent who gets here${elseNote}.`, node.condition);
                dead.add(deadKey(node, 'else'));
            }
        } else if (isEndStatement(node) && node.condition && wellTyped(node.condition)) {
            if (reasoner.satisfiable([...path, holds(node.condition)]) === 'no') {
                ctx.report('condition-never-true', `This screen-out never triggers: given the scales and the routing before it, \`${sourceText(node.condition)}\` never holds.`, node.condition);
            } else if (reasoner.implies(path, holds(node.condition)) === 'yes') {
                ctx.report('condition-always-true', `\`${sourceText(node.condition)}\` holds for every respondent who gets here, so this screen-out ends every interview here; nothing after it is asked.`, node.condition);
            }
        } else if (isAskedItem(node)) {
            // Items in an unreachable branch were reported at its condition; here only those cut off by a screen-out.
            const verdict = reachable(entry);
            if (verdict === 'no' && !reportedAfterScreenOut) {
                ctx.report('unreachable-item', `No respondent can reach '${node.name}': every path to it ends at an earlier screen-out (\`end\`).`, node, 'name');
                reportedAfterScreenOut = true;
            } else if (verdict !== 'no') {
                reportedAfterScreenOut = false;
            }
        }
    }
}

/** Whether a condition type-checks as a condition (its problems are reported by the type checks). */
function wellTyped(condition: Expr): boolean {
    let ok = true;
    new TypeChecker(() => { ok = false; }).checkCondition(condition);
    return ok;
}

const formulaIds = new WeakMap<object, number>();
let nextFormulaId = 0;
/** Entries in one block share their guard and screen-out arrays, so their identity is a cheap cache key. */
function pathKey(entry: FlowEntry): string {
    const id = (o: object): number => {
        let n = formulaIds.get(o);
        if (n === undefined) formulaIds.set(o, n = nextFormulaId++);
        return n;
    };
    return `${id(entry.guards)}:${id(entry.screenOuts)}`;
}

// ------------------------------------------------------------------ reads

export interface Read {
    /** The reference as written in the condition. */
    ref: Ref;
    /** The item finally read (through derived values). */
    itemRef: Ref;
    /** Derived values passed through, for the message. */
    via: Derived[];
}

/** The items an expression reads, following derived values to the items they are computed from. */
export function readsOf(expr: Expr): Read[] {
    const reads: Read[] = [];
    const visit = (e: Expr, outer: Ref | undefined, via: Derived[]): void => {
        for (const node of [e, ...AstUtils.streamAllContents(e)]) {
            if (!isRef(node)) continue;
            const target = node.target.ref;
            if (isDerived(target)) {
                if (!via.includes(target) && target.expr) visit(target.expr, outer ?? node, [...via, target]);
            } else if (isQuestion(target) || isGrid(target)) {
                reads.push({ ref: outer ?? node, itemRef: node, via });
            }
        }
    };
    visit(expr, undefined, []);
    return reads;
}

function checkReads(ctx: CheckContext, reasoner: DomainReasoner, condition: Expr, entry: FlowEntry, reachable: (entry: FlowEntry) => Verdict): void {
    // Where no respondent gets, the unreachable-item warning says all there is to say.
    if (reachable(entry) === 'no') return;
    const reported = new Set<string>();
    for (const read of readsOf(condition)) {
        const item = read.itemRef.target.ref!;
        const key = `${variableKey(read.itemRef)} ${read.ref.$cstNode?.offset}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const name = variableKey(read.itemRef) ?? '?';
        const through = read.via.length ? `'${read.via[0].name}' is computed from '${name}', and ` : '';
        const itemEntry = ctx.entryOf(item);
        if (!itemEntry) {
            ctx.report('read-before-asked', `${through}'${name}' is not asked anywhere in this survey${blockHint(item)}, so this condition reads an empty answer.`, read.ref);
        } else if (itemEntry.index > entry.index) {
            ctx.report('read-before-asked', `${through}'${name}' is asked later (${placeOf(ctx, item)}), so when the interview gets here it has no answer yet.`, read.ref);
        } else if (reasoner.satisfiable([...pathOf(entry), ...pathOf(itemEntry)]) === 'no') {
            ctx.report('never-asked-on-path', `${through}'${name}' is never asked on the way here: the routing that leads here excludes the branch it is in (${placeOf(ctx, item)}).`, read.ref);
        } else if (read.via.length === 0 && !guardedByAnswered(read, condition, entry.guards)) {
            // (Through a derived value, the warning stands at the derived value itself.)
            const optional = isOptional(item);
            // The condition itself may settle it: in `werk = yes and uren > 36` uren is asked whenever the condition holds.
            const conditional = !optional && itemEntry.guards.length > 0
                && reasoner.implies([...pathOf(entry), holds(condition)], conjunction(itemEntry.guards)) === 'no';
            if (optional || conditional) {
                const why = optional ? 'is optional' : 'is only asked on some paths to here';
                ctx.report('maybe-unanswered', `${through}'${name}' ${why}; comparisons with an unanswered item are false. Say what you mean with \`answered(${name}) and ...\`.`, read.ref, undefined, { item: name });
            }
        }
    }
}

function checkDerivedReads(ctx: CheckContext, derived: Derived): void {
    for (const node of AstUtils.streamAllContents(derived.expr)) {
        if (!isRef(node)) continue;
        const item = node.target.ref;
        if (!(isQuestion(item) || isGrid(item))) continue;
        const name = variableKey(node) ?? item.name;
        const entry = ctx.entryOf(item);
        if (!entry) {
            ctx.report('read-before-asked', `'${name}' is not asked anywhere in this survey${blockHint(item)}, so '${derived.name}' never has a value.`, node);
        } else if ((entry.guards.length > 0 || isOptional(item)) && !guardedByAnswered({ ref: node, itemRef: node, via: [] }, derived.expr, [])) {
            const why = isOptional(item) ? 'is optional' : 'is only asked on some paths';
            ctx.report('maybe-unanswered', `'${name}' ${why}, so '${derived.name}' may have no value; make that explicit with \`answered(${name})\`.`, node, undefined, { item: name });
        }
    }
}

function blockHint(item: AstNode): string {
    const block = AstUtils.getContainerOfType(item, isBlock);
    return block?.name ? ` (it is in block '${block.name}', which is not included)` : '';
}

/** Whether `answered(x)` or `valid(x)` for the read item appears in the condition or on the path to it. */
function guardedByAnswered(read: Read, condition: Expr, guards: readonly Formula[]): boolean {
    const key = variableKey(read.itemRef);
    const outerKey = read.ref.target.ref?.name;
    const mentions = (e: Expr): boolean => [e, ...AstUtils.streamAllContents(e)].some(n =>
        isCall(n) && (n.function === 'answered' || n.function === 'valid') && n.args.some(a => isRef(a) && (variableKey(a) === key || a.target.ref?.name === outerKey)));
    const inFormula = (f: Formula): boolean => f.kind === 'expr' ? mentions(f.expr) : f.kind === 'not' ? inFormula(f.formula) : f.parts.some(inFormula);
    return mentions(condition) || guards.some(inFormula);
}

function conjunction(formulas: readonly Formula[]): Formula {
    return { kind: 'and', parts: [...formulas] };
}

// ------------------------------------------------------------------ derived cycles

function checkDerivedCycles(ctx: CheckContext): void {
    const derivedIn = (root: KtoFile): Derived[] => AstUtils.streamAllContents(root).filter(isDerived).toArray();
    const dependsOn = (d: Derived): Array<{ target: Derived; ref: Ref }> => d.expr
        ? [d.expr, ...AstUtils.streamAllContents(d.expr)].filter(isRef).flatMap(r => isDerived(r.target.ref) ? [{ target: r.target.ref, ref: r }] : [])
        : [];
    const reported = new Set<Derived>();
    for (const start of derivedIn(ctx.root)) {
        if (reported.has(start)) continue;
        const cycle = findCycle(start, dependsOn);
        if (!cycle) continue;
        const path = [...cycle.map(c => c.name), start.name].join(' → ');
        for (const member of cycle) {
            if (reported.has(member) || AstUtils.getDocument(member) !== ctx.document) continue;
            reported.add(member);
            const rotated = rotate(cycle, member).map(c => c.name);
            ctx.report('derived-cycle', `'${member.name}' depends on itself: ${[...rotated, member.name].join(' → ')}.`, member, 'name', { cycle: path });
        }
    }
}

/** The cycle through `start`, as the list of derived values from `start` back to just before it. */
function findCycle(start: Derived, deps: (d: Derived) => Array<{ target: Derived }>): Derived[] | undefined {
    const stack: Derived[] = [];
    const done = new Set<Derived>();
    const dfs = (d: Derived): Derived[] | undefined => {
        stack.push(d);
        for (const { target } of deps(d)) {
            if (target === start) return [...stack];
            if (!done.has(target) && !stack.includes(target)) {
                const found = dfs(target);
                if (found) return found;
            }
        }
        stack.pop();
        done.add(d);
        return undefined;
    };
    return dfs(start);
}

function rotate<T>(list: T[], first: T): T[] {
    const i = list.indexOf(first);
    return [...list.slice(i), ...list.slice(0, i)];
}
