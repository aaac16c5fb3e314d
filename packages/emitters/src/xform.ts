import { languageName, type Expression } from '@kto/language';
import {
    and as allOf, elementsOf, isItem, reachedWhen, scaleOf,
    type ItemModel, type LocalizedText, type ScaleModel, type ScreenOutModel, type SurveyModel, type Wording
} from '@kto/model';
import type { EmittedFile, Emitter } from './emitter.js';
import { el, writeXml, type XmlElement } from './xml.js';
import { plainDecimal, XPathTranslationError, XPathTranslator, type XPathVariable } from './xpath.js';

/**
 * The ODK XForms target: one form per respondent variant, for ODK Collect, Enketo and ODK Web
 * Forms. How the survey maps onto XForms:
 *
 * - the primary instance holds, in this order, one node per sample variable (model-only and
 *   read-only: filled in beforehand, as a prefilled instance), one node per element in interview
 *   order (a grid is a group with one node per statement), one `calculate` node per derived value
 *   (numbers as `decimal`; texts, codes and `true`/`false` as strings; no value = empty), and
 *   `meta/instanceID`;
 * - each element is `relevant` exactly when the reference evaluator reaches it: its `askedWhen`
 *   and no earlier screen-out having ended the interview (`reachedWhen`), translated by
 *   `xpath.ts` with kto's semantics for unanswered values and missing codes;
 * - XForms has no "end here": a screen-out is a read-only note that becomes relevant when it
 *   ends the interview, and every later element carries the negation in its `relevant` (so the
 *   submission holds the screen-out's empty node exactly when it ended the interview);
 * - derived values are inlined where routing reads them, so they mean exactly their expression;
 * - code lists (and grades of at most 21 values) are `select1`/`select` with one `item` per code,
 *   missing codes included; numbers are `int`/`decimal` inputs with a range `constraint` that
 *   admits the missing codes; dates and texts are inputs; notes are read-only inputs;
 * - sections are presentation groups with their title; grids are `field-list` groups;
 * - every text is an `itext` entry in every declared language (the default language first and
 *   marked default); a respondent variant gets its own form with its wording
 *   (`<id>.<variant>.xform.xml`, form id `<id>_<variant>`).
 */
export const xformEmitter: Emitter = {
    target: 'xform',
    description: 'ODK XForms for ODK Collect, Enketo and ODK Web Forms (one form per respondent variant)',
    emit: model => [undefined, ...model.variants.map(v => v.name)].map((variant): EmittedFile => ({
        path: variant === undefined ? `${model.id}.xform.xml` : `${model.id}.${variant}.xform.xml`,
        content: buildXForm(model, variant)
    }))
};

/** A survey that cannot be written as an XForm, with what and where. */
export class XFormEmitError extends Error {}

/** The form id (`<data id>`) of the form for a variant. */
export function xformFormId(model: SurveyModel, variant?: string): string {
    return variant === undefined ? model.id : `${model.id}_${variant}`;
}

export interface XFormLayout {
    /** The instance path of every variable: `item`, `grid.row`, sample variable, derived value. */
    variables: Map<string, string>;
    /** The instance path of every element (item or screen-out), by its `order` (a screen-out's name may be an item's too). */
    elements: Map<number, string>;
}

/** Grades with at most this many values are offered as a list of choices. */
const MAX_GRADE_CHOICES = 21;

/** Where everything sits in the primary instance. */
export function xformLayout(model: SurveyModel): XFormLayout {
    const variables = new Map<string, string>();
    const elements = new Map<number, string>();
    const taken = new Set<string>(['meta']);
    const claim = (name: string): string => {
        if (taken.has(name)) throw new XFormEmitError(`'${name}' cannot be a node name in an ODK XForm ('meta' is ODK's, and names must be unique)`);
        taken.add(name);
        return `/data/${name}`;
    };
    for (const sample of model.sampleVariables) variables.set(sample.name, claim(sample.name));
    for (const element of elementsOf(model)) {
        if (!isItem(element)) continue;
        const path = claim(element.name);
        elements.set(element.order, path);
        if (element.kind === 'question') variables.set(element.name, path);
        for (const row of element.kind === 'grid' ? element.rows ?? [] : []) variables.set(`${element.name}.${row.name}`, `${path}/${row.name}`);
    }
    for (const d of model.derived) variables.set(d.name, claim(d.name));
    // Screen-outs are named by the compiler (`end1`): step aside if a researcher took the name.
    for (const element of elementsOf(model)) {
        if (isItem(element)) continue;
        let name = element.name;
        while (taken.has(name)) name += '_';
        elements.set(element.order, claim(name));
    }
    return { variables, elements };
}

/** The variables as the XPath translator needs them. */
export function xpathVariables(model: SurveyModel, layout: XFormLayout = xformLayout(model)): Map<string, XPathVariable> {
    const result = new Map<string, XPathVariable>();
    const add = (key: string, scaleName: string | undefined, multi: boolean) => {
        const scale = scaleOf(model, scaleName);
        const path = layout.variables.get(key);
        if (!scale || !path) return;
        result.set(key, { path, kind: scale.kind, multi, codes: [...scale.codes, ...scale.missing].map(c => c.value) });
    };
    for (const sample of model.sampleVariables) add(sample.name, sample.scale, false);
    for (const element of elementsOf(model)) {
        if (!isItem(element)) continue;
        if (element.kind === 'question') add(element.name, element.scale, element.multi === true);
        for (const row of element.kind === 'grid' ? element.rows ?? [] : []) add(`${element.name}.${row.name}`, element.scale, false);
    }
    return result;
}

const NAMESPACES = {
    xmlns: 'http://www.w3.org/2002/xforms',
    'xmlns:h': 'http://www.w3.org/1999/xhtml',
    'xmlns:ev': 'http://www.w3.org/2001/xml-events',
    'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
    'xmlns:jr': 'http://openrosa.org/javarosa',
    'xmlns:odk': 'http://www.opendatakit.org/xforms',
    'xmlns:orx': 'http://openrosa.org/xforms'
};

export function buildXForm(model: SurveyModel, variant?: string): string {
    return writeXml(new XFormBuilder(model, variant).build());
}

class XFormBuilder {
    private readonly layout: XFormLayout;
    private readonly xpath: XPathTranslator;
    private readonly languages: string[];
    private readonly itext = new Map<string, Record<string, string>>();
    private readonly binds: XmlElement[] = [];

    constructor(private readonly model: SurveyModel, private readonly variant: string | undefined) {
        this.layout = xformLayout(model);
        this.xpath = new XPathTranslator(xpathVariables(model, this.layout), new Map(model.derived.map(d => [d.name, d.expression])));
        this.languages = model.languages.length > 0 ? model.languages : Object.keys(model.title).slice(0, 1);
    }

    build(): XmlElement {
        const instance = this.instance();
        const body = this.body();
        for (const d of this.model.derived) {
            const calculate = this.translate(`derived value '${d.name}'`, () => this.xpath.calculate(d.expression));
            this.bind(this.layout.variables.get(d.name)!, { type: d.type === 'number' ? 'decimal' : 'string', calculate });
        }
        this.bind('/data/meta/instanceID', { type: 'string', readonly: 'true()', 'jr:preload': 'uid' });
        const variantLabel = this.model.variants.find(v => v.name === this.variant)?.label;
        const title = this.plain(this.model.title) + (variantLabel ? ` (${this.plain(variantLabel)})` : '');
        return el('h:html', NAMESPACES,
            el('h:head', {},
                el('h:title', {}, title),
                el('model', { 'odk:xforms-version': '1.0.0' },
                    this.itextElement(),
                    el('instance', {}, instance),
                    ...this.binds)),
            body);
    }

    // ------------------------------------------------------------------ instance

    private instance(): XmlElement {
        const nodes: XmlElement[] = [];
        for (const sample of this.model.sampleVariables) {
            nodes.push(el(sample.name));
            const scale = scaleOf(this.model, sample.scale);
            this.bind(this.layout.variables.get(sample.name)!, { type: scale ? this.valueType(scale, false) : 'string', readonly: 'true()' });
        }
        for (const element of elementsOf(this.model)) {
            const path = this.layout.elements.get(element.order)!;
            const name = path.slice('/data/'.length);
            nodes.push(isItem(element) && element.kind === 'grid' ? el(name, {}, ...(element.rows ?? []).map(r => el(r.name))) : el(name));
        }
        for (const d of this.model.derived) nodes.push(el(d.name));
        nodes.push(el('meta', {}, el('instanceID')));
        return el('data', { id: xformFormId(this.model, this.variant), version: this.model.version }, ...nodes);
    }

    // ------------------------------------------------------------------ body and binds

    private body(): XmlElement {
        const groups: XmlElement[] = [];
        for (const section of this.model.sections) {
            const controls = section.elements.map(e => (isItem(e) ? this.item(e) : this.screenOut(e)));
            if (section.title) {
                groups.push(el('group', {}, this.label(`section:${section.name}:label`, lang => this.text(section.title, lang)), ...controls));
            } else {
                groups.push(el('group', {}, ...controls));
            }
        }
        return el('h:body', {}, ...groups);
    }

    private item(item: ItemModel): XmlElement {
        const path = this.layout.elements.get(item.order)!;
        const relevant = this.relevant(item.name, reachedWhen(this.model, item));
        const label = this.label(`${path}:label`, lang => this.wording(item.wording, lang));
        const hint = item.hint ? (lang: string) => this.wording(item.hint!, lang) : undefined;
        const scale = scaleOf(this.model, item.scale);
        if (item.kind === 'note' || !scale) {
            this.bind(path, { type: 'string', readonly: 'true()', relevant });
            return el('input', { ref: path }, label, hint ? this.hint(`${path}:hint`, hint) : undefined);
        }
        if (item.kind === 'grid') {
            if (relevant) this.bind(path, { relevant });
            const rows = (item.rows ?? []).map((row, i) => {
                const rowPath = `${path}/${row.name}`;
                const rowLabel = this.label(`${rowPath}:label`, lang => this.wording(row.wording, lang));
                // ODK groups have no hint: the grid's hint goes with its first statement.
                return this.control(rowPath, scale, false, item.optional, undefined, rowLabel, i === 0 ? hint : undefined);
            });
            return el('group', { ref: path, appearance: 'field-list' }, label, ...rows);
        }
        return this.control(path, scale, item.multi === true, item.optional, relevant, label, hint);
    }

    private control(path: string, scale: ScaleModel, multi: boolean, optional: boolean, relevant: string | undefined,
        label: XmlElement, hint: ((lang: string) => string) | undefined): XmlElement {
        const required = optional ? undefined : 'true()';
        const type = this.valueType(scale, multi);
        if (multi || this.isChoice(scale)) {
            this.bind(path, { type, required, relevant });
            const items = this.choices(scale).map(c => el('item', {}, el('label', { ref: `jr:itext('${c.id}')` }), el('value', {}, plainDecimal(c.value))));
            return el(multi ? 'select' : 'select1', { ref: path }, label, hint ? this.hint(`${path}:hint`, hint) : undefined, ...items);
        }
        const constraint = this.constraint(scale);
        const inputHint = this.inputHint(path, scale, hint);
        this.bind(path, {
            type, required, relevant,
            constraint,
            'jr:constraintMsg': constraint ? this.itextRef(`${path}:constraintMsg`, lang => this.constraintMessage(scale, lang)) : undefined
        });
        return el('input', { ref: path }, label, inputHint);
    }

    private screenOut(element: ScreenOutModel): XmlElement {
        const path = this.layout.elements.get(element.order)!;
        const relevant = this.relevant(`the screen-out "${this.plain(element.text.text).slice(0, 40)}"`, allOf(reachedWhen(this.model, element), element.condition));
        this.bind(path, { type: 'string', readonly: 'true()', relevant: relevant ?? 'true()' });
        return el('input', { ref: path }, this.label(`${path}:label`, lang => this.wording(element.text, lang)));
    }

    private relevant(where: string, condition: Expression | undefined): string | undefined {
        if (!condition) return undefined;
        const xpath = this.translate(where, () => this.xpath.condition(condition));
        return xpath === 'true()' ? undefined : xpath;
    }

    private translate(where: string, translation: () => string): string {
        try {
            return translation();
        } catch (error) {
            if (error instanceof XPathTranslationError) throw new XFormEmitError(`${where}: ${error.message}`);
            throw error;
        }
    }

    private bind(nodeset: string, attributes: Record<string, string | undefined>): void {
        this.binds.push(el('bind', { nodeset, ...attributes }));
    }

    private isChoice(scale: ScaleModel): boolean {
        if (scale.kind === 'ordinal' || scale.kind === 'nominal' || scale.kind === 'yesno') return true;
        return scale.kind === 'grade' && scale.min !== undefined && scale.max !== undefined && scale.max - scale.min < MAX_GRADE_CHOICES;
    }

    private valueType(scale: ScaleModel, multi: boolean): string {
        if (multi) return 'select';
        if (this.isChoice(scale)) return 'string';
        switch (scale.kind) {
            case 'grade': case 'integer': return 'int';
            case 'decimal': return 'decimal';
            case 'date': return 'date';
            default: return 'string';
        }
    }

    /** The choices of a scale: its codes (every value of a grade), then its missing codes. */
    private choices(scale: ScaleModel): Array<{ id: string; value: number }> {
        // An inline type's scale is named `item#type`; names have no '-', so this stays unique.
        const key = `scale:${scale.name.replace('#', '-')}`;
        const choice = (value: number, text: (lang: string) => string) => {
            const id = `${key}:${value}`;
            this.addText(id, text);
            return { id, value };
        };
        const valid = scale.kind === 'grade'
            ? range(scale.min!, scale.max!).map(v => {
                const code = scale.codes.find(c => c.value === v);
                return choice(v, lang => (code ? `${v} – ${this.text(code.label, lang)}` : String(v)));
            })
            : scale.codes.map(c => choice(c.value, lang => this.text(c.label, lang)));
        return [...valid, ...scale.missing.map(c => choice(c.value, lang => this.text(c.label, lang)))];
    }

    /** A number's range, admitting the missing codes ("weet niet" = 99 lies outside it). */
    private constraint(scale: ScaleModel): string | undefined {
        if (scale.kind !== 'grade' && scale.kind !== 'integer' && scale.kind !== 'decimal') return undefined;
        const bounds = [
            scale.min !== undefined ? `. >= ${plainDecimal(scale.min)}` : undefined,
            scale.max !== undefined ? `. <= ${plainDecimal(scale.max)}` : undefined
        ].filter((b): b is string => b !== undefined);
        if (bounds.length === 0) return undefined;
        const inRange = bounds.join(' and ');
        const missing = scale.missing.map(m => `. = ${plainDecimal(m.value)}`);
        return missing.length === 0 ? inRange : `(${inRange}) or ${missing.join(' or ')}`;
    }

    private constraintMessage(scale: ScaleModel, lang: string): string {
        const span = scale.min !== undefined && scale.max !== undefined ? `${scale.min} – ${scale.max}`
            : scale.min !== undefined ? `≥ ${scale.min}` : `≤ ${scale.max}`;
        const missing = scale.missing.map(m => `${m.value} = ${this.text(m.label, lang)}`).join(', ');
        const prefix = CONSTRAINT_PREFIX[lang] ?? '';
        return `${prefix}${span}${missing ? ` (${missing})` : ''}`;
    }

    /** A number input's hint: the item's hint, its unit, and the codes for "weet niet" and the like. */
    private inputHint(path: string, scale: ScaleModel, hint: ((lang: string) => string) | undefined): XmlElement | undefined {
        if (!hint && !scale.unit && scale.missing.length === 0) return undefined;
        return this.hint(`${path}:hint`, lang => [
            hint?.(lang),
            scale.unit ? this.text(scale.unit, lang) : undefined,
            scale.missing.length ? scale.missing.map(m => `${m.value} = ${this.text(m.label, lang)}`).join(', ') : undefined
        ].filter(Boolean).join(' · '));
    }

    // ------------------------------------------------------------------ texts

    private label(id: string, text: (lang: string) => string): XmlElement {
        return el('label', { ref: this.itextRef(id, text) });
    }

    private hint(id: string, text: (lang: string) => string): XmlElement {
        return el('hint', { ref: this.itextRef(id, text) });
    }

    private itextRef(id: string, text: (lang: string) => string): string {
        this.addText(id, text);
        return `jr:itext('${id}')`;
    }

    private addText(id: string, text: (lang: string) => string): void {
        this.itext.set(id, Object.fromEntries(this.languages.map(lang => [lang, text(lang)])));
    }

    private itextElement(): XmlElement {
        return el('itext', {}, ...this.languages.map((lang, i) => el('translation', { lang: languageName(lang), default: i === 0 ? 'true()' : undefined },
            ...[...this.itext].map(([id, texts]) => el('text', { id }, el('value', {}, texts[lang]))))));
    }

    /** A text in a language, falling back to the default language. */
    private text(text: LocalizedText | undefined, lang: string): string {
        return text?.[lang] ?? text?.[this.languages[0]] ?? Object.values(text ?? {})[0] ?? '';
    }

    private plain(text: LocalizedText): string {
        return this.text(text, this.languages[0]);
    }

    /** A wording in a language, in this form's respondent variant when it has one. */
    private wording(wording: Wording, lang: string): string {
        const variantText = this.variant === undefined ? undefined : wording.variants?.[this.variant];
        return this.text(variantText ?? wording.text, lang);
    }
}

const CONSTRAINT_PREFIX: Record<string, string> = {
    nl: 'Vul een getal in: ',
    en: 'Enter a number: ',
    de: 'Geben Sie eine Zahl ein: ',
    fr: 'Saisissez un nombre : '
};

function range(min: number, max: number): number[] {
    return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
