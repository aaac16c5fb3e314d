import type { Expression } from '@kto/language/ir';
import { elementsOf, isItem, type ElementModel, type SurveyModel } from './model.js';

/** `a and b`, leaving out what is absent; `undefined` when nothing is left (always true). */
export function and(...parts: Array<Expression | undefined>): Expression | undefined {
    const present = parts.filter((p): p is Expression => p !== undefined);
    if (present.length === 0) return undefined;
    return present.reduce((left, right) => ({ kind: 'binary', operator: 'and', left, right }));
}

/** What ends the interview at a screen-out: it is reached and its condition holds. */
export function screenOutWhen(element: ElementModel): Expression | undefined {
    if (isItem(element)) return undefined;
    return and(element.askedWhen, element.condition) ?? { kind: 'boolean', value: true };
}

/**
 * When an element is actually reached: its own `askedWhen`, and no earlier screen-out having
 * ended the interview. Runtimes without a "stop here" (or tests comparing visibility) use this.
 */
export function reachedWhen(model: SurveyModel, element: ElementModel): Expression | undefined {
    const before = screenOutsOf(model).filter(e => e.order < element.order);
    const notEnded = before.map(e => ({ kind: 'not', operand: screenOutWhen(e)! }) as Expression);
    return and(element.askedWhen, ...notEnded);
}

const screenOuts = new WeakMap<SurveyModel, ElementModel[]>();

/** The screen-outs in interview order, found once per model (emitters ask for every element). */
function screenOutsOf(model: SurveyModel): ElementModel[] {
    let found = screenOuts.get(model);
    if (!found) screenOuts.set(model, found = elementsOf(model).filter(e => !isItem(e)));
    return found;
}
