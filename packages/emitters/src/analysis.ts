import type { Expression } from '@kto/language';
import { itemsOf, scaleOf, type IndicatorModel, type LocalizedText, type ScaleModel, type SurveyModel } from '@kto/model';
import type { Emitter } from './emitter.js';

export const ANALYSIS_FORMAT_VERSION = '1.0';
export const ANALYSIS_SCHEMA_ID = 'https://kto.dev/schemas/analysis-1.0.schema.json';

/** A column of the response table, as an analysis runtime needs to know it. */
export interface AnalysisVariable {
    name: string;
    source: 'question' | 'grid-row' | 'sample' | 'derived';
    /** For a grid statement, its grid. */
    item?: string;
    /** Measurement level, as SPSS names it (multi: a set of codes). */
    measure: 'scale' | 'ordinal' | 'nominal' | 'multi' | 'text' | 'date';
    label?: LocalizedText;
    scale?: string;
    valueLabels: Array<{ value: number; label: LocalizedText; name?: string }>;
    /** User-missing codes: left out of every base. */
    missingValues: Array<{ value: number; label: LocalizedText; name?: string }>;
    range?: { min?: number; max?: number };
    reversed?: boolean;
    /** Who was asked: the routing condition, derived from the routing. Absent: everyone who completed. */
    universe?: Expression;
    universeText?: string;
    /** For derived variables, how to compute them from the other columns. */
    expression?: Expression;
    expressionText?: string;
}

/** How to compute each kind of indicator, stated once for every runtime. */
const FORMULAS = {
    mean: 'Σ w·x / Σ w over respondents in the base (valid value of target: answered, not a missing code; filter holds).',
    share: 'Σ w·[condition] / Σ w over respondents in the base (every answer the condition reads is valid; filter holds). Reported as a percentage.',
    nps: '%(target ≥ 9) − %(target ≤ 6) over respondents with a valid target (filter holds); from −100 to +100.',
    count: 'Σ w·[condition] (all completed interviews if no condition; filter holds).',
    response_rate: 'completed interviews / (invited − ineligible).'
} as const;

export function analysisDocument(model: SurveyModel): Record<string, unknown> {
    return {
        $schema: ANALYSIS_SCHEMA_ID,
        formatVersion: ANALYSIS_FORMAT_VERSION,
        survey: {
            id: model.id, title: model.title, version: model.version, languages: model.languages, wave: model.wave,
            previousWave: model.previousWave, population: model.population, invited: model.invited, ineligible: model.ineligible
        },
        rules: {
            absent: 'A variable of an item that was not asked has no value (empty), never 0.',
            missing: 'Values listed in missingValues are answers such as "don\'t know": they are left out of every base and never averaged.',
            weight: 'w is the value of the indicator\'s weight variable, 1 when unweighted.',
            smallBases: 'Below minN.indicative the figure is flagged as indicative; below minN.suppress it is not shown.',
            compare: 'Change versus the previous wave: two-proportion z-test for shares, Welch t-test for means, at the given alpha.',
            formulas: FORMULAS,
            expressions: 'Expressions follow expression.schema.json; a comparison with an absent value is false.'
        },
        variables: variables(model),
        indicators: model.indicators.map(i => indicator(i)),
        drivers: model.drivers
    };
}

function variables(model: SurveyModel): AnalysisVariable[] {
    const result: AnalysisVariable[] = [];
    for (const sample of model.sampleVariables) {
        result.push({ name: sample.name, source: 'sample', label: sample.label, ...scaleFacts(scaleOf(model, sample.scale), false) });
    }
    for (const item of itemsOf(model)) {
        if (item.kind === 'note') continue;
        const scale = scaleOf(model, item.scale);
        const universe = item.askedWhen ? { universe: item.askedWhen, universeText: item.askedWhenText } : {};
        if (item.kind === 'grid') {
            for (const row of item.rows ?? []) {
                result.push({
                    name: `${item.name}.${row.name}`, source: 'grid-row', item: item.name,
                    label: joinTexts(item.wording.text, row.wording.text),
                    ...scaleFacts(scale, false), reversed: row.reversed || item.reversed, ...universe
                });
            }
        } else {
            result.push({ name: item.name, source: 'question', label: item.wording.text, ...scaleFacts(scale, item.multi === true), reversed: item.reversed, ...universe });
        }
    }
    for (const d of model.derived) {
        const scale = scaleOf(model, d.scale);
        const facts = scale ? scaleFacts(scale, false) : { measure: d.type === 'number' ? 'scale' as const : 'nominal' as const, valueLabels: [], missingValues: [] };
        result.push({ name: d.name, source: 'derived', label: d.label, ...facts, expression: d.expression, expressionText: d.expressionText });
    }
    return result;
}

function scaleFacts(scale: ScaleModel | undefined, multi: boolean): Pick<AnalysisVariable, 'measure' | 'scale' | 'valueLabels' | 'missingValues' | 'range'> {
    if (!scale) return { measure: 'nominal', valueLabels: [], missingValues: [] };
    const measure = multi ? 'multi'
        : scale.kind === 'grade' || scale.kind === 'integer' || scale.kind === 'decimal' ? 'scale'
        : scale.kind === 'ordinal' ? 'ordinal'
        : scale.kind === 'text' ? 'text'
        : scale.kind === 'date' ? 'date'
        : 'nominal';
    const label = (c: { value: number; label: LocalizedText; name?: string }) => ({ value: c.value, label: c.label, ...(c.name ? { name: c.name } : {}) });
    return {
        measure,
        scale: scale.name,
        valueLabels: scale.codes.map(label),
        missingValues: scale.missing.map(label),
        ...(scale.min !== undefined || scale.max !== undefined ? { range: { min: scale.min, max: scale.max } } : {})
    };
}

function indicator(i: IndicatorModel): Record<string, unknown> {
    return {
        name: i.name,
        label: i.label,
        kind: i.kind,
        formula: FORMULAS[i.kind],
        formulaText: i.formulaText,
        target: i.target,
        condition: i.condition,
        filter: i.filter,
        filterText: i.filterText,
        weight: i.weight ?? null,
        minN: i.minN,
        breakdowns: i.breakdowns,
        compare: i.compare ? { ...i.compare, test: i.kind === 'mean' ? 'welch-t' : 'two-proportion-z' } : undefined
    };
}

function joinTexts(a: LocalizedText, b: LocalizedText): LocalizedText {
    return Object.fromEntries(Object.keys(a).map(lang => [lang, `${a[lang]} — ${b[lang] ?? ''}`.trim()]));
}

export const analysisEmitter: Emitter = {
    target: 'analysis',
    description: 'the analysis spec: codebook with universes, derived variables, indicators (schemas/analysis.schema.json)',
    emit: model => [{ path: `${model.id}.analysis.json`, content: JSON.stringify(analysisDocument(model), null, 2) + '\n' }]
};
