import { truthy } from '@kto/language/evaluate';
import { evaluateAfter, interview, type InterviewResult } from './interview.js';
import type { ExpectationModel, SurveyModel, TestModel } from './model.js';

export interface TestFailure {
    /** The expectation as written. */
    expectation: string;
    /** What happened instead. */
    actual: string;
}

export interface TestResult {
    name: string;
    passed: boolean;
    failures: TestFailure[];
    /** The items the scripted respondent was asked, in order (and where the interview ended). */
    path: string[];
    screenedOut?: string;
}

/** Runs the scripted respondents (`test` blocks) against the reference evaluator. */
export function runTests(model: SurveyModel): TestResult[] {
    return model.tests.map(test => runTest(model, test));
}

export function runTest(model: SurveyModel, test: TestModel): TestResult {
    const result = interview(model, { answers: test.given, variant: test.variant });
    const failures = test.expectations.flatMap(e => check(model, result, e));
    return { name: test.name, passed: failures.length === 0, failures, path: result.asked, screenedOut: result.screenOut };
}

function check(model: SurveyModel, result: InterviewResult, expectation: ExpectationModel): TestFailure[] {
    switch (expectation.kind) {
        case 'asked':
            return expectation.items.flatMap(item => {
                const asked = result.asked.includes(item);
                if (asked !== expectation.negated) return [];
                return [{
                    expectation: `expect ${expectation.negated ? 'not ' : ''}asked ${item}`,
                    actual: asked ? `'${item}' was asked` : `'${item}' was not asked${result.screenedOut ? ` (screened out at ${result.screenOut})` : ''}`
                }];
            });
        case 'screened-out':
            if (result.screenedOut !== expectation.negated) return [];
            return [{
                expectation: `expect ${expectation.negated ? 'not ' : ''}screened out`,
                actual: result.screenedOut ? `screened out at ${result.screenOut}` : 'the interview was completed'
            }];
        case 'that': {
            const value = evaluateAfter(model, result, expectation.condition);
            if (truthy(value)) return [];
            const derived = Object.entries(result.derived).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${show(v)}`);
            return [{ expectation: `expect that ${expectation.text}`, actual: `it does not hold${derived.length ? ` (${derived.join(', ')})` : ''}` }];
        }
    }
}

function show(value: unknown): string {
    if (value instanceof Set) return `{${[...value].join(', ')}}`;
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
