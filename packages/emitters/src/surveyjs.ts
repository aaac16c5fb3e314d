import type { Expression } from '@kto/language';
import {
    elementsOf, isItem, reachedWhen, scaleOf,
    type CodeModel, type ElementModel, type ItemModel, type LocalizedText, type SampleVariableModel, type ScaleModel,
    type ScreenOutModel, type SurveyModel, type Wording
} from '@kto/model';
import type { EmittedFile, Emitter } from './emitter.js';
import { and, MULTI_GRID_COLUMN, number, SurveyJsExpressions } from './surveyjs-expressions.js';

/**
 * The SurveyJS target: a survey JSON that a stock `survey-core` (3.x) runs and its linter passes,
 * one per respondent variant (SurveyJS has no conditional wording). Names are the model's names.
 *
 * - sections → pages (a section named like an item gets `_page`: pages share the namespace);
 * - grade scale → `rating` (every grade, the anchors at both ends as min/max descriptions, the
 *   missing codes as extra rate values); ordinal/nominal → `radiogroup`; yes/no → `boolean`
 *   (valueTrue 1, valueFalse 0), or `radiogroup` when it has missing codes; multi-select →
 *   `checkbox` (missing codes exclusive); grid → `matrix` (columns: codes and missing codes;
 *   `matrixdropdown` with one checkbox column for a grid of multi-selects, `multipletext` for
 *   numbers, texts or dates); integer/decimal → `text` inputType number with min/max and a
 *   numeric validator (with missing codes outside the range: an expression validator that admits
 *   them, and their meaning in the description); date → `text` inputType date; text → `comment`;
 *   note → `html`; non-optional → `isRequired` (every row of a grid); hint → `description`; unit →
 *   `placeholder`;
 * - sample variables → hidden questions (`visible: false`, never cleared), set by the host;
 * - routing → each element's `visibleIf`: its `askedWhen` and "no earlier screen-out ended the
 *   interview" (`reachedWhen`), translated with kto's exact semantics (`surveyjs-expressions.ts`);
 *   values of hidden questions are cleared (`clearInvisibleValues: "onHidden"`), because in kto an
 *   item that is not asked has no answer, so it must not steer the routing after a changed answer;
 * - screen-out → an `html` element with its text, visible when it ends the interview (everything
 *   after it is then hidden), a complete trigger, and its text on the complete page;
 * - derived values → `calculatedValues` (included in the results);
 * - texts → one entry per language (see `text()` for where "default" goes), `locale` = the
 *   survey's default language.
 */
export const surveyJsEmitter: Emitter = {
    target: 'surveyjs',
    description: 'SurveyJS form JSON (survey-core), one file per respondent variant',
    emit(model: SurveyModel): EmittedFile[] {
        const files: EmittedFile[] = [{ path: `${model.id}.surveyjs.json`, content: json(surveyJsJson(model)) }];
        for (const variant of model.variants) {
            files.push({ path: `${model.id}.${variant.name}.surveyjs.json`, content: json(surveyJsJson(model, variant.name)) });
        }
        return files;
    }
};

/** A SurveyJS JSON object (plain data). */
export type SurveyJsJson = Record<string, unknown>;

/** The SurveyJS JSON of a survey, with the wording of `variant` (the default respondent when absent). */
export function surveyJsJson(model: SurveyModel, variant?: string): SurveyJsJson {
    return new SurveyJsBuilder(model, variant).build();
}

function json(value: unknown): string {
    return `${JSON.stringify(value, null, 2)}\n`;
}

/** A localizable SurveyJS string: plain, or one text per locale. */
type SurveyJsText = string | Record<string, string>;

/** The locale a stock survey-core reads the "default" text for (`surveyLocalization.defaultLocale`). */
const SURVEYJS_DEFAULT_LOCALE = 'en';

class SurveyJsBuilder {
    private readonly expressions: SurveyJsExpressions;
    private readonly defaultLanguage: string;

    constructor(private readonly model: SurveyModel, private readonly variant: string | undefined) {
        this.expressions = new SurveyJsExpressions(model);
        this.defaultLanguage = model.languages[0] ?? 'nl';
    }

    build(): SurveyJsJson {
        const model = this.model;
        const screenOuts = elementsOf(model).filter((e): e is ScreenOutModel => !isItem(e));
        const pages = model.sections
            .map(section => ({
                name: this.pageName(section.name),
                ...(section.title ? { title: this.text(section.title) } : {}),
                elements: section.elements.map(e => this.element(e))
            }))
            .filter(page => page.elements.length > 0);
        if (model.sampleVariables.length > 0) {
            const hidden = model.sampleVariables.map(s => this.sampleVariable(s));
            if (pages.length === 0) pages.push({ name: this.pageName('sample'), elements: [] });
            pages[0].elements.unshift(...hidden);
        }
        const result: SurveyJsJson = {
            title: this.text(model.title),
            ...(this.defaultLanguage !== SURVEYJS_DEFAULT_LOCALE ? { locale: this.defaultLanguage } : {}),
            showQuestionNumbers: 'on',
            clearInvisibleValues: 'onHidden',
            pages
        };
        if (model.derived.length > 0) {
            result.calculatedValues = model.derived.map(d => ({
                name: d.name,
                expression: this.expressions.calculated(d.expression),
                includeIntoResult: true
            }));
        }
        const conditional = screenOuts.filter(s => !['true', 'false'].includes(this.screenOutCondition(s)));
        const always = screenOuts.find(s => this.screenOutCondition(s) === 'true');
        if (always) result.completedHtml = this.html(this.wording(always.text));
        if (conditional.length > 0) {
            // The interview ends at a screen-out: its text is shown in place (an html element), every
            // element after it is hidden (so its page is the last one), and a complete trigger ends
            // the survey there, showing the text again on the complete page. SurveyJS runs a complete
            // trigger as soon as a value it reads changes and offers "Complete" on the page where the
            // respondent is then; the screen-out may lie pages further (its condition may read only
            // earlier answers), so the trigger also requires the respondent to be on the last page
            // that is left, which is the screen-out's own page once its condition holds.
            result.triggers = conditional.map(s => ({ type: 'complete', expression: and(this.screenOutCondition(s), '{pageno} = {pagecount}') }));
            result.completedHtmlOnCondition = conditional.map(s => ({
                expression: this.screenOutCondition(s),
                html: this.html(this.wording(s.text))
            }));
        }
        return result;
    }

    /** Pages share SurveyJS's namespace with questions: a section named like an item gets a suffix. */
    private takenNames?: Set<string>;

    private pageName(name: string): string {
        const taken = this.takenNames ??= new Set<string>([
            ...elementsOf(this.model).map(e => e.name),
            ...this.model.derived.map(d => d.name),
            ...this.model.sampleVariables.map(s => s.name)
        ]);
        let candidate = name;
        for (let i = 1; taken.has(candidate); i++) candidate = i === 1 ? `${name}_page` : `${name}_page${i}`;
        return candidate;
    }

    private element(element: ElementModel): SurveyJsJson {
        if (!isItem(element)) {
            return {
                type: 'html',
                name: element.name,
                html: this.html(this.wording(element.text)),
                ...this.visibility(this.screenOutCondition(element))
            };
        }
        return { ...this.item(element), ...this.visibility(this.visibleIf(element)) };
    }

    private visibility(condition: string): SurveyJsJson {
        if (condition === 'true') return {};
        if (condition === 'false') return { visible: false };
        return { visibleIf: condition };
    }

    private visibleIf(element: ElementModel): string {
        const reached = reachedWhen(this.model, element);
        return reached ? this.expressions.condition(reached) : 'true';
    }

    private screenOutCondition(element: ScreenOutModel): string {
        const reached = reachedWhen(this.model, element);
        const when: Expression | undefined = reached && element.condition
            ? { kind: 'binary', operator: 'and', left: reached, right: element.condition }
            : reached ?? element.condition;
        return when ? this.expressions.condition(when) : 'true';
    }

    private item(item: ItemModel): SurveyJsJson {
        const base: SurveyJsJson = { name: item.name, title: this.text(this.wording(item.wording)) };
        if (item.kind === 'note') return { type: 'html', name: item.name, html: this.html(this.wording(item.wording)) };
        const scale = scaleOf(this.model, item.scale);
        const description = this.description(item, scale);
        if (description) base.description = description;
        if (!item.optional) base.isRequired = true;
        if (!scale) return { type: 'comment', ...base };
        if (item.kind === 'grid') return this.grid(item, scale, base);
        if (item.multi) {
            return {
                type: 'checkbox', ...base,
                choices: [
                    ...scale.codes.map(c => this.choice(c)),
                    ...scale.missing.map(c => ({ ...this.choice(c), isExclusive: true }))
                ]
            };
        }
        switch (scale.kind) {
            case 'grade': return { type: 'rating', ...base, ...this.rating(scale) };
            case 'yesno':
                if (scale.missing.length === 0) {
                    const yes = scale.codes.find(c => c.value === 1);
                    const no = scale.codes.find(c => c.value === 0);
                    return {
                        type: 'boolean', ...base,
                        ...(yes ? { labelTrue: this.text(yes.label) } : {}),
                        ...(no ? { labelFalse: this.text(no.label) } : {}),
                        valueTrue: 1, valueFalse: 0
                    };
                }
                return { type: 'radiogroup', ...base, choices: this.choices(scale) };
            case 'ordinal': case 'nominal':
                return { type: 'radiogroup', ...base, choices: this.choices(scale) };
            case 'integer': case 'decimal':
                return { type: 'text', ...base, inputType: 'number', ...this.numberInput(item.name, scale) };
            case 'date':
                return { type: 'text', ...base, inputType: 'date' };
            case 'text':
                return { type: 'comment', ...base };
        }
    }

    private grid(item: ItemModel, scale: ScaleModel, base: SurveyJsJson): SurveyJsJson {
        const rows = (item.rows ?? []).map(r => ({ value: r.name, text: this.text(this.wording(r.wording)) }));
        const required = base.isRequired === true;
        delete base.isRequired;
        if (scale.kind === 'integer' || scale.kind === 'decimal' || scale.kind === 'text' || scale.kind === 'date') {
            // answers that are not codes: one input per statement
            return {
                type: 'multipletext', ...base,
                items: rows.map(r => ({
                    name: r.value, title: r.text,
                    ...(required ? { isRequired: true } : {}),
                    ...(scale.kind === 'integer' || scale.kind === 'decimal'
                        ? { inputType: 'number', ...(scale.missing.length === 0 ? { validators: this.numberValidators(scale) } : {}) }
                        : scale.kind === 'date' ? { inputType: 'date' } : {})
                }))
            };
        }
        if (item.multi) {
            // several codes per statement: one checkbox column
            return {
                type: 'matrixdropdown', ...base,
                columns: [{
                    name: MULTI_GRID_COLUMN, title: base.title, cellType: 'checkbox',
                    ...(required ? { isRequired: true } : {}),
                    choices: [...scale.codes.map(c => this.choice(c)), ...scale.missing.map(c => ({ ...this.choice(c), isExclusive: true }))]
                }],
                rows
            };
        }
        const columns = scale.kind === 'grade' ? this.gradeChoices(scale) : this.choices(scale);
        return { type: 'matrix', ...base, ...(required ? { eachRowRequired: true, isRequired: true } : {}), columns, rows };
    }

    private sampleVariable(sample: SampleVariableModel): SurveyJsJson {
        // a value from the sample file: a hidden question, filled in by the host (e.g. from the
        // invitation link) with `survey.setValue`, kept whatever the routing does
        const scale = scaleOf(this.model, sample.scale);
        const base: SurveyJsJson = {
            name: sample.name,
            ...(sample.label ? { title: this.text(sample.label) } : {}),
            visible: false,
            clearIfInvisible: 'none'
        };
        if (scale && (scale.kind === 'nominal' || scale.kind === 'ordinal' || scale.kind === 'yesno' || scale.kind === 'grade')) {
            return { type: 'dropdown', ...base, choices: scale.kind === 'grade' ? this.gradeChoices(scale) : this.choices(scale) };
        }
        if (scale && (scale.kind === 'integer' || scale.kind === 'decimal')) return { type: 'text', ...base, inputType: 'number' };
        if (scale && scale.kind === 'date') return { type: 'text', ...base, inputType: 'date' };
        return { type: 'text', ...base };
    }

    private choices(scale: ScaleModel): SurveyJsJson[] {
        return [...scale.codes, ...scale.missing].map(c => this.choice(c));
    }

    private choice(code: CodeModel): SurveyJsJson {
        return { value: code.value, text: this.text(code.label) };
    }

    /** Every grade from min to max (anchor labels beside their number), then the missing codes. */
    private gradeChoices(scale: ScaleModel): SurveyJsJson[] {
        const values: SurveyJsJson[] = [];
        const min = scale.min ?? Math.min(...scale.codes.map(c => c.value));
        const max = scale.max ?? Math.max(...scale.codes.map(c => c.value));
        for (let v = min; v <= max; v++) {
            const anchor = scale.codes.find(c => c.value === v);
            values.push({ value: v, text: anchor ? this.mapText(anchor.label, l => `${v} ${l}`) : String(v) });
        }
        return [...values, ...scale.missing.map(c => this.choice(c))];
    }

    private rating(scale: ScaleModel): SurveyJsJson {
        const min = scale.min ?? Math.min(...scale.codes.map(c => c.value));
        const max = scale.max ?? Math.max(...scale.codes.map(c => c.value));
        const rateValues: SurveyJsJson[] = [];
        for (let v = min; v <= max; v++) {
            const anchor = scale.codes.find(c => c.value === v);
            // the anchors at both ends are the rating's descriptions; others stay beside their number
            const inner = anchor && v !== min && v !== max;
            rateValues.push({ value: v, text: inner ? this.mapText(anchor.label, l => `${v} ${l}`) : String(v) });
        }
        rateValues.push(...scale.missing.map(c => this.choice(c)));
        const low = scale.codes.find(c => c.value === min);
        const high = scale.codes.find(c => c.value === max);
        return {
            rateValues,
            ...(low ? { minRateDescription: this.text(low.label) } : {}),
            ...(high ? { maxRateDescription: this.text(high.label) } : {})
        };
    }

    private numberInput(name: string, scale: ScaleModel): SurveyJsJson {
        const missing = scale.missing.map(c => c.value);
        const result: SurveyJsJson = {};
        if (scale.unit) result.placeholder = this.text(scale.unit);
        const integer = scale.kind === 'integer';
        if (missing.length === 0) {
            if (scale.min !== undefined) result.min = scale.min;
            if (scale.max !== undefined) result.max = scale.max;
            result.validators = this.numberValidators(scale);
            return result;
        }
        // a missing code may lie outside the range: the range holds for the other answers only
        const ref = `{${name}}`;
        const inRange = and(
            scale.min !== undefined ? `${ref} >= ${number(scale.min)}` : 'true',
            scale.max !== undefined ? `${ref} <= ${number(scale.max)}` : 'true',
            integer ? `${ref} % 1 = 0` : 'true'
        );
        result.validators = [
            { type: 'numeric' },
            ...(inRange === 'true' ? [] : [{ type: 'expression', expression: `${ref} empty or ${ref} anyof [${missing.map(number).join(', ')}] or (${inRange})` }])
        ];
        return result;
    }

    /** A number in the scale's range (and whole, for an integer); SurveyJS words the messages. */
    private numberValidators(scale: ScaleModel): SurveyJsJson[] {
        return [
            { type: 'numeric', ...(scale.min !== undefined ? { minValue: scale.min } : {}), ...(scale.max !== undefined ? { maxValue: scale.max } : {}) },
            ...(scale.kind === 'integer' ? [{ type: 'regex', regex: '^-?[0-9]+$' }] : [])
        ];
    }

    /** The respondent's description: the hint, the unit, and what the missing codes of a number mean. */
    private description(item: ItemModel, scale: ScaleModel | undefined): SurveyJsText | undefined {
        const parts: LocalizedText[] = [];
        if (item.hint) parts.push(this.wording(item.hint));
        if (scale && (scale.kind === 'integer' || scale.kind === 'decimal') && scale.missing.length > 0) {
            for (const code of scale.missing) parts.push(this.mapLocalized(code.label, l => `${code.value}: ${l}`));
        }
        if (parts.length === 0) return undefined;
        const joined: LocalizedText = {};
        for (const language of this.model.languages) {
            const texts = parts.map(p => p[language] ?? p[this.defaultLanguage]).filter((t): t is string => t !== undefined);
            if (texts.length > 0) joined[language] = texts.join('\n');
        }
        return this.text(joined);
    }

    /** The wording for this file's respondent variant. */
    private wording(wording: Wording): LocalizedText {
        return (this.variant && wording.variants?.[this.variant]) || wording.text;
    }

    /**
     * A localizable string: a plain string in a survey with one language, else one text per
     * declared language. SurveyJS reads the "default" entry for the locale of the survey-core it
     * runs in (`surveyLocalization.defaultLocale`: English in a stock survey-core; hosts of surveys
     * in another language often set it to that language) and falls back to it for every other
     * locale. So "default" holds the survey's default language only when English is not one of
     * the languages, or is the default one; when English is a translation, every language goes
     * under its own code (a Dutch text under "default" would be shown to whoever picks English),
     * and a missing translation is filled with the default language's text.
     */
    private text(text: LocalizedText): SurveyJsText {
        const languages = this.model.languages;
        const fallback = text[this.defaultLanguage] ?? Object.values(text)[0] ?? '';
        if (languages.length <= 1) return fallback;
        const useDefault = !languages.includes(SURVEYJS_DEFAULT_LOCALE) || this.defaultLanguage === SURVEYJS_DEFAULT_LOCALE;
        const result: Record<string, string> = { [useDefault ? 'default' : this.defaultLanguage]: fallback };
        for (const l of languages.slice(1)) {
            if (text[l] !== undefined) result[l] = text[l];
            else if (!useDefault) result[l] = fallback;
        }
        return result;
    }

    private html(text: LocalizedText): SurveyJsText {
        return this.text(this.mapLocalized(text, t => `<p>${escapeHtml(t).replace(/\n/g, '<br>')}</p>`));
    }

    private mapText(text: LocalizedText, f: (t: string) => string): SurveyJsText {
        return this.text(this.mapLocalized(text, f));
    }

    private mapLocalized(text: LocalizedText, f: (t: string) => string): LocalizedText {
        return Object.fromEntries(Object.entries(text).map(([l, t]) => [l, f(t)]));
    }
}

function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
