import { Model, type Question } from 'survey-core';
import { itemsOf, elementsOf, isItem, type AnswerValue, type Respondent, type SurveyModel } from '@kto/model';
import type { Value } from '@kto/language';
import { MULTI_GRID_COLUMN } from '../../packages/emitters/src/surveyjs-expressions.js';

/** What a respondent went through in survey-core. */
export interface SurveyJsRun {
    /** The items shown (questions, grids, notes), in the order the respondent met them. */
    asked: string[];
    /** The screen-out whose text was shown, if any. */
    screenOut?: string;
    /** The survey ended through a complete trigger (only with `navigate`). */
    completedByTrigger: boolean;
    /** The survey reached the "completed" state (only with `navigate`). */
    completed: boolean;
    /** The page the respondent completed the survey on (only with `navigate`). */
    completedOnPage?: string;
    /** Items or screen-outs that were visible after the screen-out (there should be none). */
    shownAfterEnd: string[];
    survey: Model;
}

export interface RunOptions {
    /**
     * Reuse one survey-core model per JSON, restarted with `clear()` (SurveyJS's "start again"),
     * instead of building a new one for every respondent (building takes most of the time).
     */
    reuse?: boolean;
    /**
     * Go through the survey as a respondent does: page by page, answering what is visible, then
     * Next (which validates the page) or Complete. Without it the questions are walked in order
     * and answered where visible, without validation (scripted `test` respondents answer only a
     * few questions).
     */
    navigate: boolean;
}

/**
 * Runs a respondent through the emitted SurveyJS JSON in a stock survey-core: sample variables are
 * set as data first (they are hidden questions in the JSON), then each question that is visible
 * when the respondent gets to it is answered with the respondent's answer (a grid: the statements
 * answered; a multi-select: the codes chosen).
 */
export function runInSurveyJs(json: object, model: SurveyModel, respondent: Respondent, options: RunOptions): SurveyJsRun {
    const survey = options.reuse ? restarted(json) : new Model(json);
    const run: SurveyJsRun = { asked: [], completedByTrigger: false, completed: false, shownAfterEnd: [], survey };
    const onComplete = (_: Model, o: { isCompleteOnTrigger?: boolean }): void => {
        run.completed = true;
        run.completedByTrigger = o.isCompleteOnTrigger === true;
    };
    survey.onComplete.add(onComplete);
    try {
        walk(survey, model, respondent, options, run);
    } finally {
        survey.onComplete.remove(onComplete);
    }
    return run;
}

const models = new WeakMap<object, Model>();

function restarted(json: object): Model {
    let survey = models.get(json);
    if (!survey) {
        survey = new Model(json);
        models.set(json, survey);
    } else {
        survey.clear(true, true);
    }
    if (survey.state !== 'running' && survey.state !== 'empty') throw new Error(`a restarted survey is ${survey.state}`);
    const left = survey.getAllQuestions().filter(q => !q.isEmpty()).map(q => q.name);
    if (left.length > 0) throw new Error(`a restarted survey still has answers to ${left.join(', ')}`);
    return survey;
}

function walk(survey: Model, model: SurveyModel, respondent: Respondent, options: RunOptions, run: SurveyJsRun): void {
    const items = new Map(itemsOf(model).map(i => [i.name, i]));
    const screenOuts = new Set(elementsOf(model).filter(e => !isItem(e)).map(e => e.name));
    const samples = new Set(model.sampleVariables.map(s => s.name));
    for (const sample of model.sampleVariables) {
        const value = respondent.answers[sample.name];
        if (value !== undefined) survey.setValue(sample.name, toSurveyJs(value));
    }
    const visit = (question: Question): void => {
        if (!question.isVisible || samples.has(question.name)) return;
        if (screenOuts.has(question.name)) {
            if (run.screenOut === undefined) run.screenOut = question.name;
            else run.shownAfterEnd.push(question.name);
            return;
        }
        const item = items.get(question.name);
        if (!item) throw new Error(`survey-core shows '${question.name}', which is not an item of the survey`);
        if (run.screenOut !== undefined) run.shownAfterEnd.push(question.name);
        run.asked.push(item.name);
        if (item.kind === 'grid') {
            const value: Record<string, unknown> = {};
            for (const row of item.rows ?? []) {
                const answer = respondent.answers[`${item.name}.${row.name}`];
                if (answer !== undefined) value[row.name] = item.multi ? { [MULTI_GRID_COLUMN]: toSurveyJs(answer) } : toSurveyJs(answer);
            }
            if (Object.keys(value).length > 0) survey.setValue(item.name, value);
        } else if (item.kind === 'question') {
            const answer = respondent.answers[item.name];
            if (answer !== undefined) survey.setValue(item.name, toSurveyJs(answer));
        }
    };
    if (!options.navigate) {
        for (const page of survey.pages) for (const question of page.questions) visit(question);
        return;
    }
    for (let step = 0; survey.state === 'running'; step++) {
        if (step > survey.pages.length + 1) throw new Error('the survey does not end');
        const page = survey.currentPage;
        for (const question of page.questions) visit(question);
        // what the respondent is offered: "Complete" on the last page or once a complete trigger holds
        const finish = survey.isCompleteButtonVisible;
        if (!finish && !survey.isShowNextButton) throw new Error(`page '${page.name}' offers neither Next nor Complete`);
        if (finish) run.completedOnPage = page.name;
        const moved = finish ? survey.tryComplete() : survey.nextPage();
        if (!moved && survey.state === 'running') {
            const errors = page.questions.filter((q: Question) => q.errors.length > 0)
                .map((q: Question) => `${q.name}: ${q.errors.map(e => e.text).join(', ')} (value ${JSON.stringify(q.value)})`);
            throw new Error(`survey-core does not let the respondent leave page '${page.name}': ${errors.join('; ') || 'no question errors'}`);
        }
    }
}

function toSurveyJs(answer: AnswerValue): unknown {
    return Array.isArray(answer) ? [...answer] : answer;
}

/** The answers survey-core keeps, keyed like the reference evaluator's (`grid.row`, sets for multi-selects). */
export function keptAnswers(survey: Model, model: SurveyModel): Record<string, Value> {
    const result: Record<string, Value> = {};
    const derived = new Set(model.derived.map(d => d.name));
    const items = new Map(itemsOf(model).map(i => [i.name, i]));
    const data = survey.data as Record<string, unknown>;
    for (const [name, value] of Object.entries(data)) {
        if (derived.has(name) || value === undefined || value === null) continue;
        const item = items.get(name);
        if (item?.kind === 'grid' && typeof value === 'object') {
            for (const [row, v] of Object.entries(value as Record<string, unknown>)) {
                if (item.multi) {
                    const codes = (v as Record<string, unknown>)[MULTI_GRID_COLUMN];
                    if (Array.isArray(codes) && codes.length > 0) result[`${name}.${row}`] = new Set(codes as number[]);
                } else {
                    result[`${name}.${row}`] = v as Value;
                }
            }
        } else if (Array.isArray(value)) {
            result[name] = new Set(value as number[]);
        } else {
            result[name] = value as Value;
        }
    }
    return result;
}

/** A calculated value as kto sees it: SurveyJS's empty values are "no value". */
export function calculatedValue(survey: Model, name: string): Value {
    const value: unknown = survey.getVariable(name);
    if (value === undefined || value === null || value === '' || (typeof value === 'number' && Number.isNaN(value))) return undefined;
    return value as Value;
}
