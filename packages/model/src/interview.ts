// The evaluator comes from its own entry point so that the interview runs in a browser without Langium.
import { Evaluator, truthy, type Value } from '@kto/language/evaluate';
import type { Expression } from '@kto/language/ir';
import { elementsOf, isItem, type AnswerValue, type SurveyModel } from './model.js';

/** A respondent for the reference evaluator: answers by variable name (`item`, `grid.row`, sample variables). */
export interface Respondent {
    answers: Record<string, AnswerValue | undefined>;
    variant?: string;
}

export interface InterviewResult {
    /** Items asked, in interview order. */
    asked: string[];
    screenedOut: boolean;
    /** The screen-out that ended the interview. */
    screenOut?: string;
    /** The answers that count: those to items that were asked, and the sample variables. */
    answers: Record<string, Value>;
    derived: Record<string, Value>;
}

/**
 * The reference evaluator: walks the survey in interview order the way every runtime must. An
 * item is asked when its `askedWhen` holds over the answers given so far; an answer to an item that
 * was not asked does not exist (it is never "0"); a screen-out whose condition holds ends the
 * interview. It is the oracle the compiled targets are tested against.
 */
export function interview(model: SurveyModel, respondent: Respondent): InterviewResult {
    const kept = new Map<string, Value>();
    for (const sample of model.sampleVariables) kept.set(sample.name, toValue(respondent.answers[sample.name]));
    const derived = new Map(model.derived.map(d => [d.name, d.expression]));
    const evaluator = new Evaluator({ answer: name => kept.get(name), derived: name => derived.get(name) });
    const holds = (e: Expression | undefined): boolean => e === undefined || truthy(evaluator.evaluate(e));
    const result: InterviewResult = { asked: [], screenedOut: false, answers: {}, derived: {} };
    for (const element of elementsOf(model)) {
        if (!holds(element.askedWhen)) continue;
        if (!isItem(element)) {
            if (holds(element.condition)) {
                result.screenedOut = true;
                result.screenOut = element.name;
                break;
            }
            continue;
        }
        result.asked.push(element.name);
        if (element.kind === 'grid') {
            for (const row of element.rows ?? []) {
                const key = `${element.name}.${row.name}`;
                kept.set(key, toValue(respondent.answers[key]));
            }
        } else if (element.kind === 'question') {
            kept.set(element.name, toValue(respondent.answers[element.name]));
        }
    }
    for (const [name, value] of kept) if (value !== undefined) result.answers[name] = value;
    for (const d of model.derived) result.derived[d.name] = evaluator.evaluate(d.expression);
    return result;
}

/** Evaluates an expression over the answers and derived values of a finished interview. */
export function evaluateAfter(model: SurveyModel, result: InterviewResult, expression: Expression): Value {
    const derived = new Map(model.derived.map(d => [d.name, d.expression]));
    return new Evaluator({ answer: name => result.answers[name], derived: name => derived.get(name) }).evaluate(expression);
}

function toValue(answer: AnswerValue | undefined): Value {
    if (Array.isArray(answer)) return new Set(answer);
    return answer;
}
