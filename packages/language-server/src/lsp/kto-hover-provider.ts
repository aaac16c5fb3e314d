import { AstUtils, CstUtils, GrammarAST, type AstNode, type AstNodeLocator, type DocumentationProvider, type LangiumDocument, type LangiumDocuments } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    buildFlow, describeType, domainOfScale, domainOfTypeRef, isBlock, isCall, isDerived, isDrivers, isEndStatement, isGrid, isGridRow, isIfBlock,
    isInclude, isIndicator, isKtoFile, isLibraryHeader, isNote, isQuestion, isSampleVariable, isScale, isScaleCode, isSection, isSurveyHeader,
    isTestCase, isTitleSetting, isVariant, isWaveSetting, isWeightDefault, isPreviousWaveSetting, isFilterOption, isBreakdownOption, isCompareOption,
    isMinNOption, isWeightOption, isUnweightedOption, isMinNDefault, languageName, TypeChecker,
    type Block, type Derived, type Domain, type Drivers, type Formula, type Grid, type GridRow, type Indicator, type KtoFile, type Note, type Question,
    type SampleVariable, type Scale, type ScaleCode, type Section, type SurveyHeader, type LibraryHeader, type Text,
    type Wording
} from '@kto/language';
import { elementsOf, isItem, screenOutWhen, type SurveyModel } from '@kto/model';
import { inWords } from '@kto/emitters';
import { domainOfCode, labelsOf, languagesOf, md, shorten, textIn } from './kto-lsp-utils.js';
import { KtoSurveyModels } from './kto-survey-model.js';

/**
 * Hover: what a name means in the survey, in Markdown. For an item its wording (with
 * translations and variant wording), its scale with codes and labels, when it is asked (the
 * routing in plain words, from the survey model) and what uses it; for a scale its codes; for a
 * label its code, scale and text; for an indicator its formula in words; for a derived value its
 * expression and type. Doc comments (`/** … *\/`) come first when present.
 */
export class KtoHoverProvider extends AstNodeHoverProvider {
    protected readonly documentation: DocumentationProvider;
    protected readonly documents: LangiumDocuments;
    protected readonly locator: AstNodeLocator;
    protected readonly models: KtoSurveyModels;

    constructor(services: LangiumServices) {
        super(services);
        this.documentation = services.documentation.DocumentationProvider;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.locator = services.workspace.AstNodeLocator;
        this.models = new KtoSurveyModels(services.shared, services.documentation.CommentProvider);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const rootCst = document.parseResult.value.$cstNode;
        if (!rootCst) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const cst = CstUtils.findDeclarationNodeAtOffset(rootCst, offset, this.grammarConfig.nameRegexp);
        if (!cst || cst.end <= offset) return undefined;
        const contents: string[] = [];
        for (const target of this.references.findDeclarations(cst)) {
            const content = this.contentFor(target, document);
            if (content) contents.push(content);
        }
        if (contents.length === 0 && isCall(cst.astNode) && AstUtils.getContainerOfType(cst.grammarSource, GrammarAST.isAssignment)?.feature === 'function') {
            const doc = FUNCTIONS[cst.text];
            if (doc) contents.push(doc);
        }
        if (contents.length === 0) return undefined;
        return { contents: { kind: 'markdown', value: contents.join('\n\n---\n\n') }, range: cst.range };
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        return this.contentFor(node, AstUtils.getDocument(node));
    }

    /** The hover of a declaration, seen from `document` (the survey whose routing applies). */
    contentFor(node: AstNode, document: LangiumDocument): string | undefined {
        const body = this.describe(node, document);
        if (!body) return undefined;
        const doc = this.documentation.getDocumentation(node)?.trim();
        return doc ? `${body}\n\n${doc}` : body;
    }

    private describe(node: AstNode, document: LangiumDocument): string | undefined {
        if (isQuestion(node) || isGrid(node)) return this.item(node, document);
        if (isNote(node)) return this.note(node, document);
        if (isGridRow(node)) return this.gridRow(node, document);
        if (isScale(node)) return this.scale(node);
        if (isScaleCode(node)) return this.label(node);
        if (isDerived(node)) return this.derived(node, document);
        if (isSampleVariable(node)) return this.sample(node, document);
        if (isIndicator(node)) return this.indicator(node, document);
        if (isDrivers(node)) return this.drivers(node);
        if (isVariant(node)) return `**respondent variant** \`${node.name}\`${this.inlineText(node.label, document)}`;
        if (isSection(node) || isBlock(node)) return this.group(node);
        if (isSurveyHeader(node) || isLibraryHeader(node)) return this.header(node);
        if (isTestCase(node)) return `**test** "${md(node.name)}": ${node.steps.length} step${node.steps.length === 1 ? '' : 's'}`;
        return undefined;
    }

    // ------------------------------------------------------------------ items

    private item(item: Question | Grid, document: LangiumDocument): string {
        const kind = isGrid(item) ? 'grid' : 'question';
        const type = item.type?.scale?.$refText ?? item.type?.inline?.$cstNode?.text ?? '?';
        const modifiers = item.modifiers.length ? ` · ${item.modifiers.join(' · ')}` : '';
        const parts = [`**${kind}** \`${item.name}\`: \`${item.type?.multi ? 'multi ' : ''}${type}\`${modifiers}`];
        parts.push(this.wording(item.wording, document));
        if (item.hint) parts.push(`*Hint:* ${this.wording(item.hint, document, false)}`);
        if (isGrid(item) && item.rows.length > 0) {
            parts.push(item.rows.map(r => `- \`${r.name}\`${r.reversed ? ' *(reversed)*' : ''} ${md(shorten(textIn(r.wording?.text) ?? '', 100))}`).join('\n'));
        }
        const domain = domainOfTypeRef(item.type);
        if (domain) parts.push(this.domainTable(domain, document));
        parts.push(...this.routing(item, document));
        const used = this.usages(item, document);
        if (used) parts.push(used);
        return parts.filter(p => p).join('\n\n');
    }

    private note(note: Note, document: LangiumDocument): string {
        return [`**note** \`${note.name}\``, this.wording(note.wording, document), ...this.routing(note, document)].filter(p => p).join('\n\n');
    }

    private gridRow(row: GridRow, document: LangiumDocument): string {
        const grid = row.$container;
        const parts = [`**statement** \`${grid.name}.${row.name}\`${row.reversed ? ' · reversed' : ''} of grid \`${grid.name}\`, answered on \`${grid.type?.scale?.$refText ?? grid.type?.inline?.$cstNode?.text ?? '?'}\``];
        parts.push(this.wording(row.wording, document));
        parts.push(...this.routing(grid, document));
        const used = this.usages(row, document);
        if (used) parts.push(used);
        return parts.filter(p => p).join('\n\n');
    }

    /** The wording in the default language, then each translation, then the variant wordings. */
    private wording(wording: Wording | undefined, document: LangiumDocument, quote = true): string {
        if (!wording?.text) return '';
        const languages = languagesOf(document.parseResult.value);
        const lines: string[] = [];
        const prefix = quote ? '> ' : '';
        lines.push(`${prefix}${md(wording.text.value)}`);
        for (const t of wording.text.translations) lines.push(`${prefix}*${t.lang.slice(1)}:* ${md(t.value)}`);
        const missing = languages.slice(1).filter(l => !wording.text.translations.some(t => t.lang === `@${l}`));
        if (missing.length > 0 && wording.text.$cstNode) lines.push(`${prefix}*no translation into ${missing.map(l => languageName(l)).join(', ')}*`);
        for (const v of wording.variants) {
            lines.push(`${prefix}*${v.variant.$refText}:* ${md(v.text?.value ?? '')}`);
            for (const t of v.text?.translations ?? []) lines.push(`${prefix}*${v.variant.$refText}, ${t.lang.slice(1)}:* ${md(t.value)}`);
        }
        return lines.join(quote ? '\n>\n' : '  \n');
    }

    private inlineText(text: Text | undefined, _document: LangiumDocument): string {
        if (!text) return '';
        const translations = text.translations.map(t => ` · *${t.lang.slice(1)}:* "${md(t.value)}"`).join('');
        return `: "${md(text.value)}"${translations}`;
    }

    // ------------------------------------------------------------------ routing and uses

    /** When the item is asked: its routing condition in plain words, and the screen-outs before it. */
    private routing(item: Question | Grid | Note, document: LangiumDocument): string[] {
        const root = document.parseResult.value as KtoFile;
        const block = AstUtils.getContainerOfType(item, isBlock);
        if (!root.survey) {
            return block ? [`*Asked:* where a survey includes block \`${block.name}\`${this.localGuards(item)}`] : [];
        }
        const model = this.models.get(document);
        if (model) return this.routingFromModel(item.name, model);
        // The survey does not lower (it has errors): read the routing off the flow.
        const entry = buildFlow(root).entryOf.get(item);
        if (!entry) return block ? [`*Not asked:* block \`${block.name}\` is not included in this survey`] : [];
        if (entry.guards.length === 0) return ['*Asked:* to every respondent who gets this far'];
        return [`*Asked when:* \`${entry.guards.map(formulaText).join(' and ')}\``];
    }

    private routingFromModel(name: string, model: SurveyModel): string[] {
        const elements = elementsOf(model);
        const element = elements.find(e => isItem(e) && e.name === name);
        if (!element || !isItem(element)) return ['*Not asked in this survey* (its block is not included)'];
        const lines: string[] = [];
        const from = element.block ? ` (from block \`${element.block}\`)` : '';
        lines.push(element.askedWhen
            ? `*Asked when* ${md(inWords(element.askedWhen, model))}${from}  \n\`${element.askedWhenText ?? ''}\``
            : `*Asked to every respondent*${from}`);
        const ends = elements.filter(e => !isItem(e) && e.order < element.order);
        if (ends.length > 0) {
            lines.push(`*Unless screened out before, when* ${ends.map(e => md(inWords(screenOutWhen(e)!, model))).join('; or ')}`);
        }
        return lines;
    }

    private localGuards(item: AstNode): string {
        const conditions: string[] = [];
        for (let n: AstNode | undefined = item; n && !isBlock(n); n = n.$container) {
            const parent = n.$container;
            if (isIfBlock(parent)) {
                const text = parent.condition?.$cstNode?.text ?? '';
                conditions.unshift(parent.then.includes(n as never) ? text : `not (${text})`);
            }
        }
        return conditions.length ? `, when \`${conditions.join(' and ')}\`` : '';
    }

    /** What refers to the declaration: routing, derived values, indicators, tests, items. */
    private usages(node: AstNode, document: LangiumDocument): string | undefined {
        const groups = new Map<string, Set<string>>();
        const add = (group: string, what: string): void => {
            const set = groups.get(group) ?? new Set();
            set.add(what);
            groups.set(group, set);
        };
        for (const ref of this.references.findReferences(node, { includeDeclaration: false })) {
            const source = this.documents.getDocument(ref.sourceUri);
            if (!source) continue;
            const from = this.locator.getAstNode(source.parseResult.value, ref.sourcePath);
            if (!from) continue;
            const where = source.uri.toString() === document.uri.toString() ? `line ${ref.segment.range.start.line + 1}` : `${source.uri.path.split('/').pop()}:${ref.segment.range.start.line + 1}`;
            let placed = false;
            for (let n: AstNode | undefined = from; n && !placed; n = n.$container) {
                placed = true;
                if (isIfBlock(n)) add('routing', where);
                else if (isEndStatement(n)) add('screen-outs', where);
                else if (isDerived(n)) add('derived values', `\`${n.name}\``);
                else if (isIndicator(n) || isDrivers(n)) add('indicators', `\`${n.name}\``);
                else if (isWeightDefault(n)) add('indicators', '(the default weight)');
                else if (isTestCase(n)) add('tests', `"${md(n.name)}"`);
                else if (isQuestion(n) || isGrid(n) || isSampleVariable(n)) add('items', `\`${n.name}\``);
                else if (isInclude(n)) add('includes', where);
                else placed = false;
            }
        }
        if (groups.size === 0) return isScale(node) || isBlock(node) ? undefined : '*Not used by routing, derived values, indicators or tests.*';
        const list = (values: Set<string>): string => {
            const all = [...values];
            return all.length > 8 ? `${all.slice(0, 8).join(', ')} and ${all.length - 8} more` : all.join(', ');
        };
        return `*Used by* ${[...groups].map(([group, values]) => `${group} ${list(values)}`).join(' · ')}`;
    }

    // ------------------------------------------------------------------ scales and labels

    private scale(scale: Scale): string {
        const domain = domainOfScale(scale);
        if (!domain) return `**scale** \`${scale.name}\``;
        return [`**scale** \`${scale.name}\`: ${this.kindText(domain)}`, this.codeTable(domain, AstUtils.getDocument(scale)), this.usages(scale, AstUtils.getDocument(scale))].filter(p => p).join('\n\n');
    }

    private kindText(domain: Domain): string {
        const range = domain.min !== undefined && domain.max !== undefined && !['ordinal', 'nominal', 'yesno'].includes(domain.kind) ? ` ${domain.min}..${domain.max}` : '';
        const unit = (domain.definition as { unit?: Text }).unit;
        const order = domain.kind === 'ordinal' ? ' (ordered)' : domain.kind === 'nominal' ? ' (no order)' : '';
        return `${domain.multi ? 'multi-select ' : ''}${domain.kind}${range}${unit ? ` ${md(unit.value)}` : ''}${order}`;
    }

    private domainTable(domain: Domain, document: LangiumDocument): string {
        const name = domain.scale ? `\`${domain.name}\`` : 'inline type';
        const table = this.codeTable(domain, document);
        return `${name}: ${this.kindText(domain)}${table ? `\n\n${table}` : ''}`;
    }

    /** The codes as a table: code, label, text; missing codes marked. */
    private codeTable(domain: Domain, document: LangiumDocument): string {
        const codes = domain.kind === 'yesno' ? labelsOf(domain, this.documents).filter(c => !c.missing) : domain.codes;
        const rows = [...codes, ...domain.missing];
        if (rows.length === 0) return '';
        const language = languagesOf(document.parseResult.value)[0];
        const lines = ['| code | label | text |', '| ---: | --- | --- |'];
        for (const c of rows) {
            lines.push(`| ${c.value}${c.missing ? ' *missing*' : ''} | ${c.name ? `\`${c.name}\`` : ''} | ${md(textIn(c.label, language) ?? '').replace(/\|/g, '\\|')} |`);
        }
        return lines.join('\n');
    }

    private label(code: ScaleCode): string {
        const domain = domainOfCode(code);
        const scale = domain?.scale ? `scale \`${domain.name}\`` : `the inline type \`${domain?.name ?? '?'}\``;
        const what = code.missing ? '**missing code**' : '**label**';
        const translations = code.label?.translations.map(t => `*${t.lang.slice(1)}:* "${md(t.value)}"`).join(' · ');
        const text = `"${md(code.label?.value ?? '')}"${translations ? ` · ${translations}` : ''}`;
        const excluded = code.missing ? '\n\nA missing code: an answer, but kept out of every base (means, percentages).' : '';
        return `${what} \`${code.name ?? code.value}\` = ${code.value} on ${scale}\n\n${text}${excluded}`;
    }

    // ------------------------------------------------------------------ derived values, samples, indicators

    private derived(derived: Derived, document: LangiumDocument): string {
        let type = '';
        try {
            type = describeType(new TypeChecker(() => undefined).typeOfDerived(derived));
        } catch {
            type = '';
        }
        const parts = [`**derived value** \`${derived.name}\`${derived.label ? ` "${md(derived.label.value)}"` : ''}${type ? `: ${type}` : ''}`];
        parts.push('```kto\n' + (derived.expr?.$cstNode?.text.replace(/\s+/g, ' ') ?? '') + '\n```');
        const model = this.models.get(document);
        const lowered = model?.derived.find(d => d.name === derived.name);
        if (model && lowered) parts.push(`*In words:* ${md(inWords(lowered.expression, model))}`);
        const used = this.usages(derived, document);
        if (used) parts.push(used);
        return parts.join('\n\n');
    }

    private sample(sample: SampleVariable, document: LangiumDocument): string {
        const domain = domainOfTypeRef(sample.type);
        const parts = [`**sample variable** \`${sample.name}\`${this.inlineText(sample.label, document)}`, 'Comes with the sample file, so it is known before the interview starts.'];
        if (domain) parts.push(this.domainTable(domain, document));
        const used = this.usages(sample, document);
        if (used) parts.push(used);
        return parts.join('\n\n');
    }

    private indicator(indicator: Indicator, document: LangiumDocument): string {
        const parts = [`**indicator** \`${indicator.name}\`${this.inlineText(indicator.label, document)}`];
        const model = this.models.get(document);
        const lowered = model?.indicators.find(i => i.name === indicator.name);
        if (model && lowered) {
            const words = (e: Parameters<typeof inWords>[0] | undefined): string => (e ? md(inWords(e, model)) : '');
            const formula: Record<string, string> = {
                mean: `The mean of ${words(lowered.target)}, over respondents with a valid answer (missing codes left out)`,
                share: `The percentage of respondents for whom ${words(lowered.condition)}`,
                nps: `The Net Promoter Score of ${words(lowered.target)}: % 9–10 minus % 0–6`,
                count: lowered.condition ? `The number of respondents for whom ${words(lowered.condition)}` : 'The number of respondents',
                response_rate: 'The response rate: completed / (invited − ineligible)'
            };
            const lines = [formula[lowered.kind] ?? lowered.formulaText];
            if (lowered.filter) lines.push(`only respondents for whom ${words(lowered.filter)}`);
            if (lowered.breakdowns.length) lines.push(`broken down by ${lowered.breakdowns.map(b => `\`${b}\``).join(', ')}`);
            if (lowered.compare) lines.push(`compared with wave ${lowered.compare.wave ? `"${md(lowered.compare.wave)}"` : '(previous)'} (α = ${lowered.compare.alpha})`);
            if (lowered.minN) lines.push(`indicative below a base of ${lowered.minN.indicative}${lowered.minN.suppress !== undefined ? `, not shown below ${lowered.minN.suppress}` : ''}`);
            else lines.push('no minimum base (`min_n`)');
            if (lowered.weight === null) lines.push('unweighted');
            else if (lowered.weight) lines.push(`weighted by \`${lowered.weight}\``);
            parts.push(lines.map((l, i) => (i === 0 ? l : `- ${l}`)).join('\n'));
            parts.push('```kto\n' + lowered.formulaText + '\n```');
        } else {
            parts.push('```kto\n' + (indicator.$cstNode?.text.replace(/\s+/g, ' ') ?? '') + '\n```');
            parts.push(this.optionsInWords(indicator));
        }
        return parts.filter(p => p).join('\n\n');
    }

    /** Without a model (the survey has errors, or this is a library): the options as written. */
    private optionsInWords(indicator: Indicator): string {
        const lines: string[] = [];
        for (const option of indicator.options) {
            if (isFilterOption(option)) lines.push(`only respondents for whom \`${option.condition?.$cstNode?.text ?? ''}\``);
            else if (isBreakdownOption(option)) lines.push(`broken down by ${option.variables.map(v => `\`${v.$cstNode?.text ?? ''}\``).join(', ')}`);
            else if (isCompareOption(option)) lines.push('compared with the previous wave');
            else if (isMinNOption(option)) lines.push(`indicative below a base of ${option.threshold?.indicative}`);
            else if (isWeightOption(option)) lines.push(`weighted by \`${option.variable?.$cstNode?.text ?? ''}\``);
            else if (isUnweightedOption(option)) lines.push('unweighted');
        }
        const block = indicator.$container;
        for (const member of block.members) {
            if (isMinNDefault(member) && !indicator.options.some(isMinNOption)) lines.push(`indicative below a base of ${member.threshold?.indicative} (block default)`);
            if (isWeightDefault(member) && !indicator.options.some(o => isWeightOption(o) || isUnweightedOption(o))) lines.push(`weighted by \`${member.variable?.$cstNode?.text ?? ''}\` (block default)`);
        }
        return lines.map(l => `- ${l}`).join('\n');
    }

    private drivers(drivers: Drivers): string {
        const outcome = drivers.outcome?.$cstNode?.text ?? '?';
        const list = drivers.drivers.map(d => `\`${d.$cstNode?.text ?? ''}\``).join(', ');
        return `**key-driver analysis** \`${drivers.name}\`${drivers.label ? ` "${md(drivers.label.value)}"` : ''}\n\nWhat relates most to \`${outcome}\`, among ${list}, by ${drivers.method ?? 'correlation'}.`;
    }

    // ------------------------------------------------------------------ structure

    private group(node: Section | Block): string {
        const kind = isSection(node) ? 'section' : 'block';
        const items = AstUtils.streamAllContents(node).filter(n => isQuestion(n) || isGrid(n) || isNote(n)).count();
        const title = node.title ? ` "${md(node.title.value)}"` : '';
        const parts = [`**${kind}** \`${node.name}\`${title}: ${items} item${items === 1 ? '' : 's'}`];
        if (isBlock(node)) parts.push(this.usages(node, AstUtils.getDocument(node)) ?? '*Not included anywhere: its items are never asked.*');
        return parts.join('\n\n');
    }

    private header(header: SurveyHeader | LibraryHeader): string {
        const kind = isSurveyHeader(header) ? 'survey' : 'library';
        const title = header.members.find(isTitleSetting)?.text;
        const languages = languagesOf(header);
        const parts = [`**${kind}** \`${header.name}\`${title ? `: "${md(title.value)}"` : ''}`];
        parts.push(`Languages: ${languages.map(l => languageName(l)).join(', ')}${languages.length > 1 ? ` (default ${languages[0]})` : ''}`);
        const wave = header.members.find(isWaveSetting);
        const previous = header.members.find(isPreviousWaveSetting);
        if (wave) parts.push(`Wave "${md(wave.value)}"${wave.from ? ` (${wave.from} .. ${wave.to})` : ''}${previous ? `, compared with "${md(previous.value)}"` : ''}`);
        const root = AstUtils.findRootNode(header);
        if (isKtoFile(root)) {
            const items = AstUtils.streamAllContents(root).filter(n => isQuestion(n) || isGrid(n)).count();
            parts.push(`${items} question${items === 1 ? '' : 's'} and grids in this file`);
        }
        return parts.join('\n\n');
    }
}

function formulaText(f: Formula): string {
    switch (f.kind) {
        case 'expr': return (f.expr.$cstNode?.text ?? '').replace(/\s+/g, ' ');
        case 'not': return `not (${formulaText(f.formula)})`;
        default: return f.parts.map(formulaText).join(' and ');
    }
}

const FUNCTIONS: Record<string, string> = {
    answered: '**answered**(x): true when `x` has an answer — a missing code such as "weet niet" counts as an answer.',
    valid: '**valid**(x): true when `x` has an answer that is not a missing code.',
    sum: '**sum**(a, b, …): the sum of the values that are present; no value when none is.',
    min: '**min**(a, b, …): the smallest of the values that are present.',
    max: '**max**(a, b, …): the largest of the values that are present.',
    count: '**count**(x): the number of codes chosen in a multi-select answer; in an indicator, `count(condition)` is the number of respondents for whom it holds.',
    round: '**round**(x): `x` rounded to a whole number (a half rounds up).',
    abs: '**abs**(x): `x` without its sign.',
    mean: '**mean**(x): the mean of `x` over respondents with a valid answer; missing codes are left out of the base.',
    share: '**share**(condition): the percentage of respondents for whom the condition holds (top-2-box: `share(x >= akkoord)`).',
    nps: '**nps**(x): the Net Promoter Score, % 9–10 minus % 0–6, on a 0..10 scale.',
    response_rate: '**response_rate**(): completed / (invited − ineligible); needs `invited` in the survey header.'
};

