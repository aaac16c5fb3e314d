import type { AstNode } from 'langium';
import {
    isBlock, isEndStatement, isGrid, isIfBlock, isInclude, isNote, isQuestion, isSection,
    type Block, type EndStatement, type Expr, type Grid, type IfBlock, type Include, type Item, type KtoFile, type Note, type Question
} from '../generated/ast.js';

/** A condition over answers, built from routing: `and`, `not` and the conditions as written. */
export type Formula =
    | { kind: 'expr'; expr: Expr }
    | { kind: 'not'; formula: Formula }
    | { kind: 'and'; parts: Formula[] };

export const not = (formula: Formula): Formula => ({ kind: 'not', formula });
export const holds = (expr: Expr): Formula => ({ kind: 'expr', expr });

export type AskedItem = Question | Grid | Note;
export type FlowNode = AskedItem | IfBlock | EndStatement;

/** Where a routing decision put an entry: the `then` or `else` side of an `if`. */
export interface Branch {
    ifBlock: IfBlock;
    side: 'then' | 'else';
}

export interface FlowEntry {
    node: FlowNode;
    /** Position in interview order. */
    index: number;
    /** The `if` conditions (or their negation, in `else`) that must hold to get here. */
    guards: readonly Formula[];
    /** For each earlier screen-out: the negation of what ends the interview there. */
    screenOuts: readonly Formula[];
    /** The enclosing branches, outermost first. */
    branches: readonly Branch[];
    /** The `include` that placed this entry, when it comes from a block. */
    include?: Include;
}

/**
 * The survey in interview order, with for every item the conditions under which it is asked.
 * Blocks are expanded where they are included. Routing checks and (later) the compiler's
 * "asked when" conditions are read off this.
 */
export interface SurveyFlow {
    entries: FlowEntry[];
    entryOf: Map<AstNode, FlowEntry>;
    duplicateIncludes: Include[];
}

export function buildFlow(root: KtoFile): SurveyFlow {
    const flow: SurveyFlow = { entries: [], entryOf: new Map(), duplicateIncludes: [] };
    const included = new Set<Block>();
    let screenOuts: readonly Formula[] = [];

    const add = (node: FlowNode, guards: readonly Formula[], branches: readonly Branch[], include?: Include): void => {
        const entry: FlowEntry = { node, index: flow.entries.length, guards, screenOuts, branches, include };
        flow.entries.push(entry);
        flow.entryOf.set(node, entry);
    };

    const walk = (items: readonly Item[], guards: readonly Formula[], branches: readonly Branch[], include?: Include): void => {
        for (const item of items) {
            if (isQuestion(item) || isGrid(item) || isNote(item)) {
                add(item, guards, branches, include);
            } else if (isIfBlock(item)) {
                walkIf(item, guards, branches, include);
            } else if (isEndStatement(item)) {
                add(item, guards, branches, include);
                const ends: Formula[] = [...guards];
                if (item.condition) ends.push(holds(item.condition));
                screenOuts = [...screenOuts, not(ends.length === 1 ? ends[0] : { kind: 'and', parts: ends })];
            } else if (isInclude(item)) {
                const block = item.block.ref;
                if (!block) continue;
                if (included.has(block)) {
                    flow.duplicateIncludes.push(item);
                    continue;
                }
                included.add(block);
                walk(block.items, guards, branches, include ?? item);
            }
        }
    };

    const walkIf = (ifBlock: IfBlock, guards: readonly Formula[], branches: readonly Branch[], include?: Include): void => {
        add(ifBlock, guards, branches, include);
        if (!ifBlock.condition) return;
        walk(ifBlock.then, [...guards, holds(ifBlock.condition)], [...branches, { ifBlock, side: 'then' }], include);
        const elseGuards = [...guards, not(holds(ifBlock.condition))];
        const elseBranches = [...branches, { ifBlock, side: 'else' as const }];
        if (ifBlock.elseIf) walkIf(ifBlock.elseIf, elseGuards, elseBranches, include);
        else walk(ifBlock.else, elseGuards, elseBranches, include);
    };

    for (const declaration of root.declarations) {
        if (isSection(declaration)) walk(declaration.items, [], []);
        else if (!isBlock(declaration)) walk([declaration as Item], [], []);
    }
    return flow;
}

export function isAskedItem(node: AstNode): node is AskedItem {
    return isQuestion(node) || isGrid(node) || isNote(node);
}

/** The full condition for reaching an entry: its guards and every earlier screen-out not having ended the interview. */
export function pathOf(entry: FlowEntry): Formula[] {
    return [...entry.guards, ...entry.screenOuts];
}
