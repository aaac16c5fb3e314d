import fc from 'fast-check';
import { itemsOf, scaleOf, type AnswerValue, type Respondent, type ScaleModel, type SurveyModel } from '@kto/model';

/**
 * Random respondents for a survey: an answer for every question, grid statement and sample
 * variable, drawn from what its scale allows (valid codes, values in range, missing codes), and
 * sometimes none (optional items; the reference evaluator ignores answers to items not asked).
 * Runtimes are fed only the answers to items they show, in order, as a respondent would give them.
 */
export function respondentArbitrary(model: SurveyModel): fc.Arbitrary<Respondent> {
    const fields: Record<string, fc.Arbitrary<AnswerValue | undefined>> = {};
    for (const item of itemsOf(model)) {
        const scale = scaleOf(model, item.scale);
        if (!scale) continue;
        const answer = answerArbitrary(scale, item.multi === true);
        const maybe = item.optional ? fc.option(answer, { nil: undefined, freq: 4 }) : answer;
        if (item.kind === 'grid') for (const row of item.rows ?? []) fields[`${item.name}.${row.name}`] = maybe;
        else if (item.kind === 'question') fields[item.name] = maybe;
    }
    for (const sample of model.sampleVariables) {
        const scale = scaleOf(model, sample.scale);
        if (scale) fields[sample.name] = answerArbitrary(scale, false);
    }
    const variants = [undefined, ...model.variants.map(v => v.name)];
    return fc.record({
        answers: fc.record(fields),
        variant: fc.constantFrom(...variants)
    }).map(r => ({ answers: r.answers, ...(r.variant ? { variant: r.variant } : {}) }));
}

export function answerArbitrary(scale: ScaleModel, multi: boolean): fc.Arbitrary<AnswerValue> {
    const missing = scale.missing.map(c => c.value);
    const withMissing = (valid: fc.Arbitrary<AnswerValue>): fc.Arbitrary<AnswerValue> =>
        missing.length > 0 ? fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: fc.constantFrom(...missing), weight: 1 }) : valid;
    if (multi) {
        const codes = scale.codes.map(c => c.value);
        return fc.subarray(codes, { minLength: 1 });
    }
    switch (scale.kind) {
        case 'ordinal': case 'nominal':
            return withMissing(fc.constantFrom(...scale.codes.map(c => c.value)));
        case 'yesno':
            return withMissing(fc.constantFrom(1, 0));
        case 'grade':
        case 'integer':
            return withMissing(fc.integer({ min: scale.min ?? -1000, max: scale.max ?? 1000 }));
        case 'decimal':
            return withMissing(fc.integer({ min: Math.ceil((scale.min ?? -1000) * 10), max: Math.floor((scale.max ?? 1000) * 10) }).map(v => v / 10));
        case 'date':
            return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map(d => d.toISOString().slice(0, 10));
        default:
            return fc.constantFrom('ja', 'nee', 'Het kan beter', 'Prima geholpen');
    }
}
