import type { LoadFormSuccessResult, RootNode } from '@getodk/xforms-engine';
import type { Value } from '@kto/language';
import { elementsOf, isItem, type AnswerValue, type Respondent, type SurveyModel } from '@kto/model';
import { xformLayout, xpathVariables } from '../../packages/emitters/src/xform.js';
import { XPathTranslator } from '../../packages/emitters/src/xpath.js';
import { loadOdkEngine } from './odk-engine.js';

/**
 * Drives an emitted XForm in ODK's own engine (`@getodk/xforms-engine`) the way a respondent
 * fills it in: sample variables are preloaded into the instance, then the nodes are visited in
 * document order and every node that is relevant when reached is answered (or, for a note, seen).
 */

/** The engine's node, loosely typed: the walk only needs what every node has. */
export interface EngineNode {
    nodeType: string;
    selectType?: 'select' | 'select1';
    valueType?: string;
    currentState: {
        reference: string;
        relevant: boolean;
        value: unknown;
        children: readonly EngineNode[] | null;
        label: { asString: string } | null;
        hint: { asString: string } | null;
        valueOptions?: ReadonlyArray<{ value: string; label: { asString: string } }> | null;
    };
    setValue?(value: unknown): unknown;
    selectValue?(value: string | null): unknown;
    selectValues?(values: readonly string[]): unknown;
}

/** Loads a form; the engine must report neither an error nor a warning. */
export async function loadOdkForm(xml: string): Promise<LoadFormSuccessResult> {
    const engine = await loadOdkEngine();
    const result = await engine.loadForm(xml);
    if (result.status !== 'success') throw result.error ?? new Error(`the engine loaded the form with warnings: ${JSON.stringify(result.warnings)}`);
    return result;
}

export function nodesOf(root: RootNode | EngineNode): EngineNode[] {
    const all: EngineNode[] = [];
    const visit = (node: EngineNode) => {
        all.push(node);
        for (const child of node.currentState.children ?? []) visit(child);
    };
    for (const child of (root as EngineNode).currentState.children ?? []) visit(child);
    return all;
}

/** A new instance, with the respondent's sample variables preloaded (as a prefilled instance). */
export async function startInstance(form: LoadFormSuccessResult, xml: string, model: SurveyModel, answers: Respondent['answers']): Promise<RootNode> {
    const layout = xformLayout(model);
    const preload = model.sampleVariables.filter(s => answers[s.name] !== undefined);
    if (preload.length === 0) return (await form.createInstance()).root;
    const data = primaryInstance(xml).cloneNode(true) as Element;
    for (const sample of preload) {
        const name = layout.variables.get(sample.name)!.slice('/data/'.length);
        const node = [...data.children].find(c => c.localName === name)!;
        node.textContent = engineText(answers[sample.name]!);
    }
    const file = new File([new XMLSerializer().serializeToString(data)], 'xml_submission_file', { type: 'text/xml' });
    const input = new FormData();
    input.set('xml_submission_file', file);
    return (await form.restoreInstance({ data: [input as never] })).root;
}

const primaryInstances = new Map<string, Element>();

/** The form's primary instance (`<data>`), parsed once per form. */
function primaryInstance(xml: string): Element {
    let data = primaryInstances.get(xml);
    if (!data) {
        const document = new DOMParser().parseFromString(xml, 'text/xml');
        data = [...document.getElementsByTagName('instance')].find(i => !i.hasAttribute('id'))!.firstElementChild!;
        primaryInstances.set(xml, data);
    }
    return data;
}

export interface OdkRun {
    root: RootNode;
    /** Items that were relevant when the respondent reached them, in document order. */
    asked: string[];
    /** The screen-out that became relevant (the one that ends the interview). */
    screenOut?: string;
    /** Answers of relevant nodes, and the sample variables, as kto values. */
    answers: Record<string, Value>;
    /** The `calculate` nodes of the derived values, as kto values. */
    derived: Record<string, Value>;
    /** Items that became relevant after a screen-out had become relevant. */
    shownAfterEnd: string[];
}

/** Fills in the form in order, answering what is relevant with the respondent's answers. */
export async function fillIn(form: LoadFormSuccessResult, xml: string, model: SurveyModel, respondent: Respondent): Promise<OdkRun> {
    const root = await startInstance(form, xml, model, respondent.answers);
    const layout = xformLayout(model);
    const byPath = new Map<string, { name: string; item: boolean }>();
    for (const element of elementsOf(model)) byPath.set(layout.elements.get(element.order)!, { name: element.name, item: isItem(element) });
    const asked: string[] = [];
    const shownAfterEnd: string[] = [];
    let screenOut: string | undefined;
    const answer = (node: EngineNode, key: string) => {
        const value = respondent.answers[key];
        if (value === undefined) return;
        if (node.nodeType === 'select') {
            if (node.selectType === 'select') node.selectValues!((value as number[]).map(String));
            else node.selectValue!(engineText(value));
        } else if (node.nodeType === 'input') {
            node.setValue!(typeof value === 'number' ? value : engineText(value));
        } else {
            throw new Error(`${key}: cannot answer a ${node.nodeType} node`);
        }
    };
    for (const child of (root as unknown as EngineNode).currentState.children ?? []) {
        const element = byPath.get(child.currentState.reference);
        if (!element || !child.currentState.relevant) continue;
        if (!element.item) {
            screenOut ??= element.name;
            continue;
        }
        if (screenOut) shownAfterEnd.push(element.name);
        asked.push(element.name);
        if (child.nodeType === 'group') {
            for (const row of child.currentState.children ?? []) {
                if (row.currentState.relevant) answer(row, `${element.name}.${row.currentState.reference.split('/').pop()}`);
            }
        } else if (child.nodeType !== 'note') {
            answer(child, element.name);
        }
    }
    return { root, asked, screenOut, shownAfterEnd, ...readValues(root, model) };
}

/** The answers and derived values in the instance, as kto values (non-relevant nodes have none). */
export function readValues(root: RootNode, model: SurveyModel): { answers: Record<string, Value>; derived: Record<string, Value> } {
    const layout = xformLayout(model);
    const variables = xpathVariables(model, layout);
    const translator = new XPathTranslator(variables, new Map(model.derived.map(d => [d.name, d.expression])));
    const nodes = new Map(nodesOf(root).map(n => [n.currentState.reference, n]));
    const answers: Record<string, Value> = {};
    for (const [key, variable] of variables) {
        const node = nodes.get(variable.path)!;
        if (!node.currentState.relevant) continue;
        const type = variable.multi ? 'set' : variable.kind === 'text' ? 'string' : variable.kind === 'date' ? 'date' : 'number';
        const value = parse(rawValue(node), type);
        if (value !== undefined) answers[key] = value;
    }
    const derived: Record<string, Value> = {};
    for (const d of model.derived) derived[d.name] = parse(rawValue(nodes.get(layout.variables.get(d.name)!)!), translator.typeOf(d.expression));
    return { answers, derived };
}

/** A node's value as the text in the instance. */
export function rawValue(node: EngineNode): string {
    const value = node.currentState.value;
    if (Array.isArray(value)) return value.join(' ');
    if (value === null || value === undefined) return '';
    return String(value);
}

function parse(raw: string, type: string): Value {
    if (raw === '') return undefined;
    switch (type) {
        case 'number': return Number(raw);
        case 'boolean': return raw === 'true' ? true : raw === 'false' ? false : raw;
        case 'set': return new Set(raw.split(/\s+/).map(Number));
        default: return raw;
    }
}

/** An answer as the engine takes it: codes and numbers as their decimal text. */
function engineText(value: AnswerValue): string {
    if (Array.isArray(value)) return value.join(' ');
    return String(value);
}
