import type { Expression } from '@kto/language/ir';

/**
 * The survey as every downstream tool sees it: names resolved, scales resolved, imports merged,
 * expressions typed and resolved, and the routing turned into each item's "asked when"
 * condition. Plain JSON data: the `schema` target writes it out as it is.
 */
export interface SurveyModel {
    id: string;
    title: LocalizedText;
    version?: string;
    /** Declared languages, the default first. */
    languages: string[];
    wave?: { name: string; from?: string; to?: string };
    previousWave?: string;
    population?: number;
    invited?: number;
    ineligible?: number;
    variants: VariantModel[];
    scales: ScaleModel[];
    sampleVariables: SampleVariableModel[];
    /** The questionnaire in interview order. */
    sections: SectionModel[];
    derived: DerivedModel[];
    indicators: IndicatorModel[];
    indicatorDefaults: { weight?: string; minN?: MinN };
    drivers: DriversModel[];
    tests: TestModel[];
}

/** A text per language code; the default language is always present. */
export type LocalizedText = Record<string, string>;

export interface Wording {
    text: LocalizedText;
    /** Alternative wording per respondent variant. */
    variants?: Record<string, LocalizedText>;
}

export interface VariantModel {
    name: string;
    label: LocalizedText;
}

export type ScaleKind = 'grade' | 'ordinal' | 'nominal' | 'yesno' | 'integer' | 'decimal' | 'text' | 'date';

export interface CodeModel {
    value: number;
    /** The name conditions use (`akkoord`), when the code has one. */
    name?: string;
    label: LocalizedText;
}

export interface ScaleModel {
    /** The scale's name; an inline type gets its item's name with a `#type` suffix. */
    name: string;
    kind: ScaleKind;
    min?: number;
    max?: number;
    unit?: LocalizedText;
    /** Valid codes with a label: every code of a code list, the anchor labels of a grade. */
    codes: CodeModel[];
    /** "Weet niet", "n.v.t.": answers kept out of every base. */
    missing: CodeModel[];
    description?: string;
}

export interface SampleVariableModel {
    name: string;
    scale: string;
    label?: LocalizedText;
}

export interface SectionModel {
    name: string;
    title?: LocalizedText;
    elements: ElementModel[];
}

export type ElementModel = ItemModel | ScreenOutModel;

interface ElementBase {
    /** Position in interview order, over the whole survey. */
    order: number;
    /** The `if` conditions that must hold for this element to be reached; `undefined` = always. */
    askedWhen?: Expression;
    /** The same condition in kto syntax, for people. */
    askedWhenText?: string;
}

export interface ItemModel extends ElementBase {
    kind: 'question' | 'grid' | 'note';
    name: string;
    /** The answer scale (questions and grids). */
    scale?: string;
    multi?: boolean;
    wording: Wording;
    hint?: Wording;
    optional: boolean;
    reversed: boolean;
    rows?: GridRowModel[];
    /** The block this item comes from, if it was included. */
    block?: string;
    description?: string;
}

export interface GridRowModel {
    name: string;
    wording: Wording;
    reversed: boolean;
}

/** `end "..." if cond`: the interview ends here for those who meet `when`. */
export interface ScreenOutModel extends ElementBase {
    kind: 'screen-out';
    name: string;
    text: Wording;
    /** The screen-out's own condition (`undefined`: everyone who gets here). */
    condition?: Expression;
    conditionText?: string;
}

export interface DerivedModel {
    name: string;
    label?: LocalizedText;
    expression: Expression;
    expressionText: string;
    type: 'number' | 'string' | 'boolean' | 'code';
    /** For a derived value with codes (a label or an item answer), its scale. */
    scale?: string;
    description?: string;
}

export interface MinN {
    /** Below this base the figure is flagged as indicative. */
    indicative: number;
    /** Below this base the figure is not shown. */
    suppress?: number;
}

export type IndicatorKind = 'mean' | 'share' | 'nps' | 'count' | 'response_rate';

export interface IndicatorModel {
    name: string;
    label?: LocalizedText;
    kind: IndicatorKind;
    /** What is averaged (mean, nps). */
    target?: Expression;
    /** What is counted (share, count). */
    condition?: Expression;
    formulaText: string;
    filter?: Expression;
    filterText?: string;
    breakdowns: string[];
    compare?: { wave: string; alpha: number };
    minN?: MinN;
    /** The weight variable, or `null` for explicitly unweighted. */
    weight?: string | null;
    description?: string;
}

export interface DriversModel {
    name: string;
    label?: LocalizedText;
    outcome: string;
    drivers: string[];
    method: 'correlation' | 'regression';
}

export interface TestModel {
    name: string;
    variant?: string;
    given: Record<string, AnswerValue>;
    expectations: ExpectationModel[];
}

/** A scripted answer: a code or number, a text, or the codes chosen in a multi-select. */
export type AnswerValue = number | string | boolean | number[];

export type ExpectationModel =
    | { kind: 'asked'; items: string[]; negated: boolean }
    | { kind: 'screened-out'; negated: boolean }
    | { kind: 'that'; condition: Expression; text: string };

export function isItem(element: ElementModel): element is ItemModel {
    return element.kind !== 'screen-out';
}

/** Every element in interview order. */
export function elementsOf(model: SurveyModel): ElementModel[] {
    return model.sections.flatMap(s => s.elements);
}

export function itemsOf(model: SurveyModel): ItemModel[] {
    return elementsOf(model).filter(isItem);
}

export function scaleOf(model: SurveyModel, name: string | undefined): ScaleModel | undefined {
    return name === undefined ? undefined : model.scales.find(s => s.name === name);
}
