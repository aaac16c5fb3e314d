import { beforeAll, describe, expect, test } from 'vitest';
import { analysisDocument, surveyDocument } from '@kto/emitters';
import type { SurveyModel } from '@kto/model';
import { exampleModels } from './support/models.js';
import { schemaValidators } from './support/schemas.js';

const validators = schemaValidators();
let models: Map<string, SurveyModel>;

beforeAll(async () => {
    models = await exampleModels();
});

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('published JSON Schemas', () => {
    test('every example\'s survey schema and analysis spec validate', () => {
        expect(models.size).toBe(5);
        for (const [file, model] of models) {
            expect(validators.survey(surveyDocument(model)), `${file}: ${JSON.stringify(validators.survey.errors)}`).toBe(true);
            expect(validators.analysis(analysisDocument(model)), `${file}: ${JSON.stringify(validators.analysis.errors)}`).toBe(true);
        }
    });

    test.each([
        ['without a title', (d: any) => { delete d.title; }],
        ['of another format version', (d: any) => { d.formatVersion = '2.0'; }],
        ['with an unknown property', (d: any) => { d.colour = 'blue'; }],
        ['with an unknown scale kind', (d: any) => { d.scales[0].kind = 'likert'; }],
        ['with a grid without statements', (d: any) => { const grid = d.sections.flatMap((s: any) => s.elements).find((e: any) => e.kind === 'grid'); delete grid.rows; }],
        ['with an expression of an unknown kind', (d: any) => { const item = d.sections.flatMap((s: any) => s.elements).find((e: any) => e.askedWhen); item.askedWhen = { kind: 'maybe', value: 1 }; }],
        ['with an operator kto does not have', (d: any) => { const item = d.sections.flatMap((s: any) => s.elements).find((e: any) => e.askedWhen?.kind === 'binary'); item.askedWhen.operator = '=='; }],
        ['with a language code that is not one', (d: any) => { d.title = { Nederlands: 'x' }; }],
        ['with an item name that is not a name', (d: any) => { d.sections[0].elements[0].name = 'two words'; }],
        ['with a mean without its target', (d: any) => { const i = d.indicators.find((x: any) => x.kind === 'mean'); delete i.target; }]
    ])('the survey schema rejects a document %s', (_why, breakIt) => {
        const model = [...models.values()].find(m => m.sections.some(s => s.elements.some(e => e.kind === 'grid')) && m.indicators.some(i => i.kind === 'mean'))!;
        const doc = clone(surveyDocument(model));
        expect(validators.survey(doc)).toBe(true);
        breakIt(doc);
        expect(validators.survey(doc)).toBe(false);
    });

    test.each([
        ['without variables', (d: any) => { delete d.variables; }],
        ['with a measure SPSS does not know', (d: any) => { d.variables[0].measure = 'ratio'; }],
        ['with a derived variable without its expression', (d: any) => { const v = d.variables.find((x: any) => x.source === 'derived'); delete v.expression; }],
        ['with a comparison test that does not exist', (d: any) => { const i = d.indicators.find((x: any) => x.compare); i.compare.test = 'chi-square'; }],
        ['with a universe that is not an expression', (d: any) => { const v = d.variables.find((x: any) => x.universe); v.universe = 'schuldhulp = yes'; }]
    ])('the analysis schema rejects a spec %s', (_why, breakIt) => {
        const model = [...models.values()].find(m => m.indicators.some(i => i.compare) && m.derived.length > 0)!;
        const doc = clone(analysisDocument(model));
        expect(validators.analysis(doc)).toBe(true);
        breakIt(doc);
        expect(validators.analysis(doc)).toBe(false);
    });
});
