import { AstUtils, isJSDoc, parseJSDoc, type AstNode, type CommentProvider } from 'langium';
import {
    buildFlow, domainOfScale, domainOfTypeRef, isBinaryExpr, isScale, isScaleCode, isConditionalExpr, isAskedExpectation, isBreakdownOption, isCall, isCompareOption, isDerived, isDrivers,
    isEndStatement, isFilterOption, isGiven, isInclude, isGrid, isIndicator, isIndicatorsBlock, isIneligibleSetting,
    isInvitedSetting, isLanguagesSetting, isMinNDefault, isMinNOption, isNote, isPopulationSetting,
    isPreviousWaveSetting, isQuestion, isRef, isSampleVariable, isScreenOutExpectation, isSection,
    isTestCase, isTestVariant, isTitleSetting, isUnweightedOption, isValueExpectation, isVariant, isVersionSetting,
    isWaveSetting, isWeightDefault, isWeightOption, lowerExpression, sourceText, TypeChecker, variableKey,
    type Domain, type Expression, type Formula, type FlowEntry, type Grid, type KtoFile, type MinN as AstMinN,
    type Question, type Ref, type ScaleCode, type Text, type TypeRef, type Wording as AstWording
} from '@kto/language';
import { Evaluator } from '@kto/language';
import type {
    AnswerValue, CodeModel, DerivedModel, DriversModel, ElementModel, ExpectationModel, IndicatorKind, IndicatorModel,
    ItemModel, LocalizedText, MinN, ScaleModel, SectionModel, SurveyModel, TestModel, Wording
} from './model.js';

/** Thrown when a definition cannot be lowered; the checker reports such definitions as errors first. */
export class LoweringError extends Error {}

/**
 * Lowers a checked survey (no errors) into the model. This is the one place that reads the syntax
 * tree for the compiler; every emitter reads the model only.
 */
export function lowerSurvey(root: KtoFile, comments?: CommentProvider): SurveyModel {
    const survey = root.survey;
    if (!survey) throw new LoweringError('only a survey (a file starting with `survey`) can be compiled; this file is a library');
    return new Lowering(root, comments).run();
}

class Lowering {
    private readonly languages: string[];
    private readonly scales = new Map<string, ScaleModel>();
    private readonly types = new TypeChecker(() => undefined);

    constructor(private readonly root: KtoFile, private readonly comments?: CommentProvider) {
        const setting = root.survey!.members.find(isLanguagesSetting);
        this.languages = setting?.languages.length ? setting.languages : ['nl'];
    }

    run(): SurveyModel {
        const header = this.root.survey!;
        const wave = header.members.find(isWaveSetting);
        const model: SurveyModel = {
            id: header.name,
            title: this.text(header.members.find(isTitleSetting)?.text) ?? { [this.languages[0]]: header.name },
            version: header.members.find(isVersionSetting)?.value,
            languages: this.languages,
            wave: wave ? { name: wave.value, from: wave.from, to: wave.to } : undefined,
            previousWave: header.members.find(isPreviousWaveSetting)?.value,
            population: header.members.find(isPopulationSetting)?.value,
            invited: header.members.find(isInvitedSetting)?.value,
            ineligible: header.members.find(isIneligibleSetting)?.value,
            variants: header.members.filter(isVariant).map(v => ({ name: v.name, label: this.text(v.label)! })),
            scales: [],
            sampleVariables: [],
            sections: this.sections(),
            derived: [],
            indicators: [],
            indicatorDefaults: {},
            drivers: [],
            tests: []
        };
        model.sampleVariables = this.all(isSampleVariable).map(s => ({ name: s.name, scale: this.scaleFor(s.type, s.name), label: this.text(s.label) }));
        model.derived = this.derivedValues();
        this.indicators(model);
        model.tests = this.root.declarations.filter(isTestCase).map(t => this.test(t));
        this.labelScales();
        model.scales = [...this.scales.values()];
        return stripUndefined(model);
    }

    // ------------------------------------------------------------ questionnaire

    private sections(): SectionModel[] {
        const flow = buildFlow(this.root);
        const sections: SectionModel[] = [];
        let current: SectionModel | undefined;
        let currentKey: AstNode | undefined;
        let endCount = 0;
        for (const entry of flow.entries) {
            const node = entry.node;
            if (!(isQuestion(node) || isGrid(node) || isNote(node) || isEndStatement(node))) continue;
            const section = AstUtils.getContainerOfType(entry.include ?? node, isSection);
            const key = section ?? this.root;
            if (!current || key !== currentKey) {
                current = section
                    ? { name: section.name, title: this.text(section.title), elements: [] }
                    : { name: `page${sections.length + 1}`, elements: [] };
                currentKey = key;
                sections.push(current);
            }
            current.elements.push(isEndStatement(node) ? this.screenOut(node, entry, ++endCount) : this.item(node, entry));
        }
        return sections;
    }

    private base(entry: FlowEntry): Pick<ElementModel, 'order' | 'askedWhen' | 'askedWhenText'> {
        const askedWhen = conjunction(entry.guards);
        return { order: entry.index, askedWhen: askedWhen && lowerFormula(askedWhen), askedWhenText: askedWhen && formulaText(askedWhen) };
    }

    private item(node: Question | Grid | AstNode, entry: FlowEntry): ItemModel {
        const block = entry.include?.block.ref?.name;
        if (isNote(node)) {
            return { ...this.base(entry), kind: 'note', name: node.name, wording: this.wording(node.wording), optional: true, reversed: false, block, description: this.doc(node) };
        }
        const item = node as Question | Grid;
        return {
            ...this.base(entry),
            kind: isGrid(item) ? 'grid' : 'question',
            name: item.name,
            scale: this.scaleFor(item.type, item.name),
            multi: item.type.multi || undefined,
            wording: this.wording(item.wording),
            hint: item.hint ? this.wording(item.hint) : undefined,
            optional: item.modifiers.includes('optional'),
            reversed: item.modifiers.includes('reversed'),
            rows: isGrid(item) ? item.rows.map(r => ({ name: r.name, wording: this.wording(r.wording), reversed: r.reversed })) : undefined,
            block,
            description: this.doc(item)
        };
    }

    private screenOut(node: AstNode, entry: FlowEntry, n: number): ElementModel {
        const end = node as import('@kto/language').EndStatement;
        return {
            ...this.base(entry),
            kind: 'screen-out',
            name: `end${n}`,
            text: this.wording(end.text),
            condition: end.condition ? lowerExpression(end.condition) : undefined,
            conditionText: end.condition ? sourceText(end.condition) : undefined
        };
    }

    // ------------------------------------------------------------ scales

    /**
     * Scales whose labels conditions use but no item answers on directly (the built-in yes/no
     * behind a `JaNee: yesno { missing ... }` scale), so that every label in the model resolves.
     */
    private labelScales(): void {
        // The survey and every block it includes (blocks may live in libraries).
        const roots: AstNode[] = [this.root];
        for (let i = 0; i < roots.length; i++) {
            for (const include of AstUtils.streamAllContents(roots[i]).filter(isInclude)) {
                const block = include.block.ref;
                if (block && !roots.includes(block)) roots.push(block);
            }
        }
        for (const root of roots) {
            for (const ref of AstUtils.streamAllContents(root).filter(isRef)) {
                const code = ref.target.ref;
                if (!isScaleCode(code)) continue;
                const owner = code.$container.$container;
                if (isScale(owner) && !this.scales.has(owner.name)) {
                    const domain = domainOfScale(owner);
                    if (domain) this.scales.set(owner.name, this.scale(owner.name, domain));
                }
            }
        }
    }

    private scaleFor(type: TypeRef, owner: string): string {
        const domain = domainOfTypeRef(type);
        if (!domain) throw new LoweringError(`the type of '${owner}' does not resolve`);
        const name = domain.scale?.name ?? `${owner}#type`;
        if (!this.scales.has(name)) this.scales.set(name, this.scale(name, domain));
        return name;
    }

    private scale(name: string, domain: Domain): ScaleModel {
        const codes = domain.kind === 'yesno' && !domain.codes.some(c => c.name === 'yes')
            ? [{ value: 1, name: 'yes', label: this.builtinLabel('yes') }, { value: 0, name: 'no', label: this.builtinLabel('no') }]
            : domain.codes.map(c => this.code(c));
        const def = domain.definition as { unit?: Text };
        return {
            name,
            kind: domain.kind,
            min: domain.min,
            max: domain.max,
            unit: this.text(def.unit),
            codes,
            missing: domain.missing.map(c => this.code(c)),
            description: domain.scale ? this.doc(domain.scale) : undefined
        };
    }

    private code(c: ScaleCode): CodeModel {
        return { value: c.value, name: c.name, label: this.text(c.label)! };
    }

    /** Labels of the built-in yes/no, for a yes/no scale that only declares missing codes. */
    private builtinLabel(name: 'yes' | 'no'): LocalizedText {
        const all = { yes: { nl: 'Ja', en: 'Yes', fr: 'Oui', de: 'Ja' }, no: { nl: 'Nee', en: 'No', fr: 'Non', de: 'Nein' } }[name] as Record<string, string>;
        return Object.fromEntries(this.languages.map(l => [l, all[l] ?? all.en]));
    }

    // ------------------------------------------------------------ derived values

    private derivedValues(): DerivedModel[] {
        const seen = new Set<string>();
        const result: DerivedModel[] = [];
        const add = (d: import('@kto/language').Derived): void => {
            if (seen.has(d.name) || !d.expr) return;
            seen.add(d.name);
            // Derived values this one uses come first, so a runtime can compute them in order.
            for (const ref of AstUtils.streamAllContents(d.expr).filter(isRef)) {
                if (isDerived(ref.target.ref)) add(ref.target.ref);
            }
            const type = this.types.typeOfDerived(d);
            const scale = type.kind === 'answer' || type.kind === 'label' ? type.domain.scale?.name : undefined;
            result.push({
                name: d.name,
                label: this.text(d.label),
                expression: lowerExpression(d.expr),
                expressionText: sourceText(d.expr),
                type: type.kind === 'number' ? 'number' : type.kind === 'string' ? 'string' : type.kind === 'boolean' ? 'boolean'
                    : type.kind === 'answer' && type.domain.kind !== 'text' && type.domain.kind !== 'date' ? 'code' : type.kind === 'label' ? 'code' : 'string',
                scale,
                description: this.doc(d)
            });
        };
        // Every derived value the survey declares, and any a library declares that the survey uses.
        for (const d of AstUtils.streamAllContents(this.root).filter(isDerived)) add(d);
        for (const ref of AstUtils.streamAllContents(this.root).filter(isRef)) {
            if (isDerived(ref.target.ref)) add(ref.target.ref);
        }
        return result;
    }

    // ------------------------------------------------------------ indicators

    private indicators(model: SurveyModel): void {
        for (const block of this.root.declarations.filter(isIndicatorsBlock)) {
            for (const member of block.members) {
                if (isWeightDefault(member)) model.indicatorDefaults.weight = refName(member.variable);
                else if (isMinNDefault(member)) model.indicatorDefaults.minN = minN(member.threshold);
                else if (isIndicator(member)) model.indicators.push(this.indicator(member, model));
                else if (isDrivers(member)) model.drivers.push(this.drivers(member));
            }
        }
    }

    private indicator(node: import('@kto/language').Indicator, model: SurveyModel): IndicatorModel {
        const formula = node.formula;
        if (!isCall(formula)) throw new LoweringError(`indicator '${node.name}' has no formula`);
        const kind = formula.function as IndicatorKind;
        const arg = formula.args[0];
        const indicator: IndicatorModel = {
            name: node.name,
            label: this.text(node.label),
            kind,
            target: (kind === 'mean' || kind === 'nps') && arg ? lowerExpression(arg) : undefined,
            condition: (kind === 'share' || kind === 'count') && arg ? lowerExpression(arg) : undefined,
            formulaText: sourceText(formula),
            breakdowns: [],
            description: this.doc(node)
        };
        const filters: import('@kto/language').Expr[] = [];
        for (const option of node.options) {
            if (isFilterOption(option)) filters.push(option.condition);
            else if (isBreakdownOption(option)) indicator.breakdowns.push(...option.variables.map(refName));
            else if (isCompareOption(option)) indicator.compare = { wave: model.previousWave ?? '', alpha: option.alpha ?? 0.05 };
            else if (isMinNOption(option)) indicator.minN = minN(option.threshold);
            else if (isWeightOption(option)) indicator.weight = refName(option.variable);
            else if (isUnweightedOption(option)) indicator.weight = null;
        }
        if (filters.length > 0) {
            const conj = conjunction(filters.map(f => ({ kind: 'expr', expr: f }) as Formula))!;
            indicator.filter = lowerFormula(conj);
            indicator.filterText = formulaText(conj);
        }
        indicator.minN ??= model.indicatorDefaults.minN;
        if (indicator.weight === undefined && model.indicatorDefaults.weight) indicator.weight = model.indicatorDefaults.weight;
        return indicator;
    }

    private drivers(node: import('@kto/language').Drivers): DriversModel {
        const drivers = node.drivers.flatMap(d => {
            const target = d.target.ref;
            if (d.all && isGrid(target)) return target.rows.map(r => `${target.name}.${r.name}`);
            return [refName(d)];
        });
        return { name: node.name, label: this.text(node.label), outcome: refName(node.outcome), drivers, method: (node.method ?? 'correlation') as DriversModel['method'] };
    }

    // ------------------------------------------------------------ tests

    private test(node: import('@kto/language').TestCase): TestModel {
        const test: TestModel = { name: node.name, given: {}, expectations: [] };
        const constant = new Evaluator({ answer: () => undefined, derived: () => undefined });
        for (const step of node.steps) {
            if (isTestVariant(step)) test.variant = step.variant.ref?.name;
            else if (isGiven(step)) {
                for (const answer of step.answers) {
                    const value = constant.evaluate(lowerExpression(answer.value));
                    test.given[refName(answer.target)] = (value instanceof Set ? [...value] : value) as AnswerValue;
                }
            } else if (isAskedExpectation(step)) {
                test.expectations.push({ kind: 'asked', items: step.targets.map(refName), negated: step.negated });
            } else if (isScreenOutExpectation(step)) {
                test.expectations.push({ kind: 'screened-out', negated: step.negated });
            } else if (isValueExpectation(step)) {
                test.expectations.push({ kind: 'that', condition: lowerExpression(step.condition), text: sourceText(step.condition) } as ExpectationModel);
            }
        }
        return test;
    }

    // ------------------------------------------------------------ helpers

    private all<T extends AstNode>(guard: (n: unknown) => n is T): T[] {
        const found = new Map<string, T>();
        const visit = (root: KtoFile): void => {
            for (const node of AstUtils.streamAllContents(root)) {
                if (guard(node)) found.set((node as unknown as { name: string }).name, node);
            }
        };
        visit(this.root);
        // Sample variables of imported libraries count only when referenced.
        for (const ref of AstUtils.streamAllContents(this.root).filter(isRef)) {
            const t = ref.target.ref;
            if (guard(t)) found.set((t as unknown as { name: string }).name, t);
        }
        return [...found.values()];
    }

    private text(text: Text | undefined): LocalizedText | undefined {
        if (!text) return undefined;
        const result: LocalizedText = { [this.languages[0]]: text.value };
        for (const t of text.translations) {
            const lang = t.lang.slice(1);
            if (this.languages.includes(lang)) result[lang] = t.value;
        }
        return result;
    }

    private wording(wording: AstWording): Wording {
        const result: Wording = { text: this.text(wording.text)! };
        if (wording.variants.length > 0) {
            result.variants = Object.fromEntries(wording.variants.map(v => [v.variant.ref?.name ?? v.variant.$refText, this.text(v.text)!]));
        }
        return result;
    }

    private doc(node: AstNode): string | undefined {
        const comment = this.comments?.getComment(node);
        if (!comment || !isJSDoc(comment)) return undefined;
        return parseJSDoc(comment).toMarkdown().trim() || undefined;
    }
}

function refName(ref: Ref): string {
    const key = variableKey(ref);
    if (key) return key;
    return ref.target.ref && 'name' in ref.target.ref ? String(ref.target.ref.name) : ref.target.$refText;
}

function minN(threshold: AstMinN): MinN {
    return { indicative: threshold.indicative, suppress: threshold.suppress };
}

function conjunction(formulas: readonly Formula[]): Formula | undefined {
    if (formulas.length === 0) return undefined;
    return formulas.length === 1 ? formulas[0] : { kind: 'and', parts: [...formulas] };
}

export function lowerFormula(f: Formula): Expression {
    switch (f.kind) {
        case 'expr': return lowerExpression(f.expr);
        case 'not': return { kind: 'not', operand: lowerFormula(f.formula) };
        default: return f.parts.map(lowerFormula).reduce((left, right) => ({ kind: 'binary', operator: 'and', left, right }));
    }
}

function formulaText(f: Formula): string {
    switch (f.kind) {
        case 'expr': return sourceText(f.expr);
        case 'not': return `not (${formulaText(f.formula)})`;
        default: return f.parts.map(p => (needsParentheses(p) ? `(${formulaText(p)})` : formulaText(p))).join(' and ');
    }
}

function needsParentheses(f: Formula): boolean {
    if (f.kind !== 'expr') return f.kind === 'and';
    return (isBinaryExpr(f.expr) && f.expr.operator === 'or') || isConditionalExpr(f.expr);
}

/** JSON output has no `undefined` members, so the same model always serialises the same way. */
function stripUndefined<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

