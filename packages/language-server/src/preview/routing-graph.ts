import type { Expression } from '@kto/language/ir';
import { elementsOf, type ElementModel, type ItemModel, type ScreenOutModel, type SurveyModel } from '@kto/model';
import { conjunction, conjuncts } from './kto-syntax.js';

/**
 * The routing as a tree: the survey is a sequence in interview order, and each run of elements
 * behind the same `if` becomes a branch. The model keeps each element's full condition
 * (`askedWhen`, the `if`s around it joined by `and`), so the branches are found again from the
 * conditions' common parts: consecutive elements that share the next part of their condition
 * belong to one branch.
 */
export type FlowNode =
    | { kind: 'element'; element: ElementModel }
    | { kind: 'branch'; condition: Expression; children: FlowNode[]; otherwise?: boolean };

export function flowTree(model: SurveyModel): FlowNode[] {
    const entries = elementsOf(model).map(element => {
        const parts = conjuncts(element.askedWhen);
        return { element, parts, keys: parts.map(p => JSON.stringify(p)) };
    });
    type Entry = (typeof entries)[number];
    const build = (run: Entry[], depth: number): FlowNode[] => {
        const out: FlowNode[] = [];
        let i = 0;
        while (i < run.length) {
            const first = run[i];
            if (first.keys.length === depth) {
                out.push({ kind: 'element', element: first.element });
                i++;
                continue;
            }
            let j = i + 1;
            while (j < run.length && run[j].keys.length > depth && run[j].keys[depth] === first.keys[depth]) j++;
            const branch = run.slice(i, j);
            // The branch's own condition: every part its elements share beyond the enclosing ones.
            let shared = depth + 1;
            while (branch.every(e => e.keys.length > shared && e.keys[shared] === first.keys[shared])) shared++;
            const condition = conjunction(first.parts.slice(depth, shared))!;
            // `else` (and `else if`): the negation of the branch just before.
            const previous = out.at(-1);
            const otherwise = previous?.kind === 'branch' && condition.kind === 'not' && JSON.stringify(condition.operand) === JSON.stringify(previous.condition);
            out.push({ kind: 'branch', condition, children: build(branch, shared), otherwise: otherwise || undefined });
            i = j;
        }
        return out;
    };
    return build(entries, 0);
}

// ------------------------------------------------------------------ layout

export type GraphNodeKind = 'start' | 'finish' | 'item' | 'decision' | 'terminal';

export interface GraphNode {
    id: string;
    kind: GraphNodeKind;
    /** The item (item), the screen-out (its decision and its terminal). */
    element?: ElementModel;
    /** A decision's condition: an `if`, or a screen-out's own condition. */
    condition?: Expression;
    /** For a decision: the items in its branch (for the details panel). */
    branch?: string[];
    /** For a decision: the `else` of the decision just before it. */
    otherwise?: boolean;
    depth: number;
    row: number;
    x: number;
    y: number;
    width: number;
    height: number;
    /** The section the node belongs to (none for start and finish). */
    section?: string;
}

export type GraphEdgeKind = 'next' | 'yes' | 'no' | 'ends';

export interface GraphEdge {
    from: string;
    to: string;
    kind: GraphEdgeKind;
    /** An orthogonal polyline. */
    points: Array<[number, number]>;
    label?: { text: string; x: number; y: number };
}

export interface SectionBand {
    section: string;
    y: number;
    height: number;
}

export interface RoutingGraph {
    nodes: GraphNode[];
    edges: GraphEdge[];
    bands: SectionBand[];
    width: number;
    height: number;
}

/** Sizes of the layout, in SVG user units (px at zoom 1). */
export const LAYOUT = {
    gutter: 190, pad: 24, top: 16, rowHeight: 58, nodeWidth: 400, nodeHeight: 42, indent: 44,
    port: 18, terminalGap: 56, terminalWidth: 280, bottom: 24
};

/**
 * A top-down lane layout: one row per node in interview order; a branch's elements are indented
 * one step to the right of its decision, and the "no" edge runs down the decision's lane on the
 * left of the branch to where the flow joins again. Screen-outs are a decision with a terminal
 * node to the right. Rows keep it readable for long surveys (a 100-item survey is ~120 rows)
 * without a general graph-layout library: the flow is a sequence with nested branches.
 */
export function layoutRouting(model: SurveyModel): RoutingGraph {
    const L = LAYOUT;
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const sectionOf = new Map<string, string>();
    for (const section of model.sections) for (const element of section.elements) sectionOf.set(element.name, section.name);
    let row = 0;
    let decisions = 0;
    const place = (node: Omit<GraphNode, 'row' | 'x' | 'y' | 'width' | 'height'>, options: { sameRow?: GraphNode; width?: number } = {}): GraphNode => {
        const r = options.sameRow ? options.sameRow.row : row++;
        const x = options.sameRow
            ? options.sameRow.x + options.sameRow.width + L.terminalGap
            : L.gutter + L.pad + node.depth * L.indent;
        const placed: GraphNode = {
            ...node, row: r, x, y: L.top + r * L.rowHeight + (L.rowHeight - L.nodeHeight) / 2,
            width: options.width ?? L.nodeWidth, height: L.nodeHeight
        };
        nodes.push(placed);
        return placed;
    };

    interface Port { from: GraphNode; kind: GraphEdgeKind }
    const connect = (ports: Port[], to: GraphNode): void => {
        for (const port of ports) edges.push(route(port.from, to, port.kind));
    };

    const firstElement = (flow: FlowNode): ElementModel => (flow.kind === 'element' ? flow.element : firstElement(flow.children[0]));
    const itemsIn = (flow: FlowNode[]): string[] => flow.flatMap(f => (f.kind === 'element' ? (f.element.kind === 'screen-out' ? [] : [f.element.name]) : itemsIn(f.children)));

    const sequence = (flow: FlowNode[], depth: number, entry: Port[]): Port[] => {
        let open = entry;
        for (const node of flow) {
            if (node.kind === 'branch') {
                const decision = place({
                    id: `decision-${++decisions}`, kind: 'decision', condition: node.condition, otherwise: node.otherwise, depth,
                    branch: itemsIn(node.children), section: sectionOf.get(firstElement(node).name)
                });
                connect(open, decision);
                const exits = sequence(node.children, depth + 1, [{ from: decision, kind: 'yes' }]);
                open = [...exits, { from: decision, kind: 'no' }];
            } else if (node.element.kind === 'screen-out') {
                const screenOut = node.element as ScreenOutModel;
                const section = sectionOf.get(screenOut.name);
                if (screenOut.condition) {
                    const decision = place({ id: `decision-${++decisions}`, kind: 'decision', element: screenOut, condition: screenOut.condition, depth, section });
                    connect(open, decision);
                    const terminal = place({ id: `end-${screenOut.name}`, kind: 'terminal', element: screenOut, depth, section }, { sameRow: decision, width: L.terminalWidth });
                    connect([{ from: decision, kind: 'ends' }], terminal);
                    open = [{ from: decision, kind: 'no' }];
                } else {
                    const terminal = place({ id: `end-${screenOut.name}`, kind: 'terminal', element: screenOut, depth, section }, { width: L.nodeWidth });
                    connect(open, terminal);
                    open = [];
                }
            } else {
                const item = node.element as ItemModel;
                const placed = place({ id: `item-${item.name}`, kind: 'item', element: item, depth, section: sectionOf.get(item.name) });
                connect(open, placed);
                open = [{ from: placed, kind: 'next' }];
            }
        }
        return open;
    };

    const start = place({ id: 'start', kind: 'start', depth: 0 });
    const open = sequence(flowTree(model), 0, [{ from: start, kind: 'next' }]);
    const finish = place({ id: 'finish', kind: 'finish', depth: 0 });
    connect(open, finish);

    const width = Math.max(...nodes.map(n => n.x + n.width)) + L.pad;
    const height = L.top + row * L.rowHeight + L.bottom;
    return { nodes, edges, bands: bands(nodes), width, height };
}

/** Where an edge runs: down the source's lane, across just above the target, into its top. */
function route(from: GraphNode, to: GraphNode, kind: GraphEdgeKind): GraphEdge {
    const L = LAYOUT;
    const bottom = from.y + from.height;
    if (kind === 'ends') {
        const y = from.y + from.height / 2;
        return { from: from.id, to: to.id, kind, points: [[from.x + from.width, y], [to.x, y]], label: { text: 'ends', x: from.x + from.width + 8, y: y - 5 } };
    }
    const targetX = to.x + L.port;
    // The "yes" of an `if` leaves through the lane of its branch (one step in), the rest through their own lane.
    const sourceX = kind === 'yes' ? targetX : from.x + L.port;
    const join = to.y - (L.rowHeight - L.nodeHeight) / 2;
    const points: Array<[number, number]> = sourceX === targetX
        ? [[sourceX, bottom], [targetX, to.y]]
        : [[sourceX, bottom], [sourceX, join], [targetX, join], [targetX, to.y]];
    const label = kind === 'yes' ? { text: 'yes', x: sourceX + 4, y: bottom + 11 }
        : kind === 'no' ? { text: 'no', x: sourceX + 4, y: bottom + 11 }
            : undefined;
    return { from: from.id, to: to.id, kind, points, label };
}

/** Runs of rows in the same section, drawn as bands behind the nodes. */
function bands(nodes: GraphNode[]): SectionBand[] {
    const L = LAYOUT;
    const rowSection = new Map<number, string | undefined>();
    for (const node of nodes) if (!rowSection.has(node.row)) rowSection.set(node.row, node.section);
    const rows = [...rowSection.keys()].sort((a, b) => a - b);
    const out: SectionBand[] = [];
    let current: { section: string; from: number; to: number } | undefined;
    const flush = (): void => {
        if (current) out.push({ section: current.section, y: L.top + current.from * L.rowHeight, height: (current.to - current.from + 1) * L.rowHeight });
        current = undefined;
    };
    for (const r of rows) {
        const section = rowSection.get(r);
        if (section !== undefined && current?.section === section && current.to === r - 1) current.to = r;
        else {
            flush();
            if (section !== undefined) current = { section, from: r, to: r };
        }
    }
    flush();
    return out;
}
