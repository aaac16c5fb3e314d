import {
    AstUtils, CstUtils, GrammarAST, stream, type AstNode, type AstNodeDescription, type AstNodeDescriptionProvider, type AstNodeLocator,
    type LangiumDocument, type LangiumDocuments, type MaybePromise, type Reference, type ReferenceInfo, type Stream
} from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type LangiumServices, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, CompletionList, InsertTextFormat, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver';
import {
    describeDomain, domainOfScale, domainOfValue, isDerived, isGrid, isGridRow, isIndicator, isQuestion, isSampleVariable, isScale, isScaleCode, isText,
    isVariant, isVariantWording, languageName, type Domain, type Ref, type Referable
} from '@kto/language';
import { codeSummary, COMPARISONS, labelsOf, languagesOf, scaleNameOfCode, shorten, textIn } from './kto-lsp-utils.js';

/**
 * Completion: the grammar's keywords (Langium), snippets for the declarations those keywords
 * start, the names in scope (this file, its imports, the built-ins), and what only a survey
 * knows:
 * - after `x = `, `x >= `, `x in {`, `x contains `, `given x = `: the labels of x's scale first,
 *   with their code and text (`akkoord` — `4 = "Mee eens"`);
 * - after `@`: the survey's other languages (not the default, not those the text already has);
 * - where an expression starts: the functions (`answered`, `valid`, …; in an indicator also
 *   `mean`, `share`, `nps`, `count`, `response_rate`);
 * - after a text: the respondent variants, as a snippet `ouder: "…" @en "…"`.
 */
export class KtoCompletionProvider extends DefaultCompletionProvider {
    protected readonly descriptions: AstNodeDescriptionProvider;
    protected readonly locator: AstNodeLocator;
    protected readonly documents: LangiumDocuments;

    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['@', '.'] };

    constructor(services: LangiumServices) {
        super(services);
        this.descriptions = services.workspace.AstNodeDescriptionProvider;
        this.locator = services.workspace.AstNodeLocator;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const offset = document.textDocument.offsetAt(params.position);
        const text = document.textDocument.getText();
        const tag = /@[A-Za-z0-9-]*$/.exec(text.slice(Math.max(0, offset - 20), offset));
        if (tag && !this.insideStringOrComment(document, offset - tag[0].length)) {
            return CompletionList.create(this.languageItems(document, offset - tag[0].length, offset), false);
        }
        return super.getCompletion(document, params, cancelToken);
    }

    // ------------------------------------------------------------------ languages after `@`

    private insideStringOrComment(document: LangiumDocument, offset: number): boolean {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, offset);
        if (leaf && leaf.offset < offset && offset < leaf.end) return true;
        // A text or comment that does not parse (an open quote) is not in the syntax tree.
        const line = document.textDocument.getText().slice(document.textDocument.getText().lastIndexOf('\n', offset - 1) + 1, offset);
        return (line.match(/"/g) ?? []).length % 2 === 1 || line.includes('//');
    }

    private languageItems(document: LangiumDocument, from: number, to: number): CompletionItem[] {
        const root = document.parseResult.value;
        const [defaultLanguage, ...others] = languagesOf(root);
        const leaf = root.$cstNode ? CstUtils.findLeafNodeBeforeOffset(root.$cstNode, from) : undefined;
        const textNode = leaf ? AstUtils.getContainerOfType(leaf.astNode, isText) : undefined;
        const present = new Set((textNode?.translations ?? []).map(t => t.lang.slice(1)));
        const range = { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(to) };
        return others.filter(l => l !== defaultLanguage && !present.has(l)).map((language, i) => ({
            label: `@${language}`,
            kind: CompletionItemKind.EnumMember,
            detail: `${languageName(language)} translation`,
            sortText: String(i).padStart(3, '0'),
            textEdit: { range, newText: `@${language} "$1"` },
            insertTextFormat: InsertTextFormat.Snippet
        }));
    }

    // ------------------------------------------------------------------ features

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const feature = next.feature;
        if (GrammarAST.isRuleCall(feature) && feature.rule.ref?.name === 'LANG_TAG') {
            return this.completionForLanguage(context, acceptor);
        }
        if (GrammarAST.isRuleCall(feature) && AstUtils.getContainerOfType(feature, GrammarAST.isAssignment)?.feature === 'function') {
            return this.completionForFunction(context, acceptor);
        }
        return super.completionFor(context, next, acceptor);
    }

    private completionForLanguage(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const item of this.languageItems(context.document, context.tokenOffset, context.offset)) {
            acceptor(context, { ...item, textEdit: undefined, insertText: item.textEdit!.newText, sortText: `3${item.sortText}` });
        }
    }

    private completionForFunction(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const inIndicator = context.node && AstUtils.getContainerOfType(context.node, isIndicator);
        const functions = inIndicator ? { ...AGGREGATES, ...ROW_FUNCTIONS } : ROW_FUNCTIONS;
        for (const [name, [signature, doc]] of Object.entries(functions)) {
            acceptor(context, {
                label: name,
                kind: CompletionItemKind.Function,
                detail: signature,
                documentation: { kind: 'markdown', value: doc },
                insertText: name === 'response_rate' ? 'response_rate()' : `${name}($1)`,
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: '2'
            });
        }
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        acceptor(context, { label: keyword.value, kind: CompletionItemKind.Keyword, detail: 'Keyword', sortText: '4' });
        for (const snippet of this.snippetsFor(keyword.value, context)) {
            acceptor(context, {
                label: snippet.label,
                filterText: keyword.value,
                kind: CompletionItemKind.Snippet,
                detail: snippet.detail,
                insertText: snippet.body,
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: '3'
            });
        }
    }

    /** Snippets for the declaration a keyword starts; texts get a placeholder per declared language. */
    private snippetsFor(keyword: string, context: CompletionContext): Array<{ label: string; detail: string; body: string }> {
        const root = context.document.parseResult.value;
        const others = languagesOf(root).slice(1);
        let stop = 0;
        const tab = (placeholder = ''): string => `\${${++stop}${placeholder ? `:${placeholder}` : ''}}`;
        const text = (placeholder: string): string => `"${tab(placeholder)}"${others.map(l => ` @${l} "${tab()}"`).join('')}`;
        const scales = (): string => {
            const names = this.visibleNames(context.document, 'TypeRef', 'scale');
            stop++;
            return names.length > 0 ? `\${${stop}|${names.join(',')}|}` : `\${${stop}:yesno}`;
        };
        switch (keyword) {
            case 'question': {
                const name = tab('name');
                return [{ label: 'question name: Scale "…"', detail: 'A question on a scale', body: `question ${name}: ${scales()} ${text('wording')}` }];
            }
            case 'grid': {
                const head = `grid ${tab('name')}: ${scales()} ${text('wording')}`;
                return [{ label: 'grid name: Scale "…" { … }', detail: 'Statements answered on one scale', body: `${head} {\n\t${tab('statement')} ${text('text')}\n}` }];
            }
            case 'note':
                return [{ label: 'note name "…"', detail: 'Text without a question', body: `note ${tab('name')} ${text('text')}` }];
            case 'if':
                return [{ label: 'if condition { … }', detail: 'Ask items only under a condition', body: `if ${tab('condition')} {\n\t$0\n}` }];
            case 'end':
                return [{ label: 'end "…" if condition', detail: 'Screen-out: end the interview', body: `end ${text('text')} if ${tab('condition')}` }];
            case 'derive':
                return [{ label: 'derive name = expression', detail: 'A value computed from answers', body: `derive ${tab('name')} = ${tab('expression')}` }];
            case 'section':
                return [{ label: 'section name "…" { … }', detail: 'A titled group of items', body: `section ${tab('name')} ${text('title')} {\n\t$0\n}` }];
            case 'block':
                return [{ label: 'block name "…" { … }', detail: 'Reusable items, placed with include', body: `block ${tab('name')} ${text('title')} {\n\t$0\n}` }];
            case 'scale': {
                const codeList = `scale ${tab('Name')}: \${${++stop}|ordinal,nominal|} {\n\t1 ${tab('label')} ${text('text')}\n\t$0\n}`;
                stop = 0;
                const grade = `scale ${tab('Cijfer')}: grade ${tab('1')}..${tab('10')} {\n\tmissing ${tab('99')} ${tab('weet_niet')} ${text('Weet niet')}\n}`;
                return [
                    { label: 'scale Name: ordinal { … }', detail: 'A list of labelled codes', body: codeList },
                    { label: 'scale Name: grade 1..10 { … }', detail: 'A grade with a missing code', body: grade }
                ];
            }
            case 'indicators':
                return [{ label: 'indicators { … }', detail: 'The figures of the report', body: `indicators {\n\tmin_n ${tab('30')}\n\tindicator ${tab('name')} ${text('label')} = mean(${tab('item')})\n}` }];
            case 'indicator':
                return [{ label: 'indicator name "…" = mean(x)', detail: 'A figure of the report', body: `indicator ${tab('name')} ${text('label')} = \${${++stop}|mean,share,nps,count|}(${tab()})` }];
            case 'drivers':
                return [{ label: 'drivers name "…": outcome ~ drivers', detail: 'A key-driver analysis', body: `drivers ${tab('name')} ${text('label')}: ${tab('outcome')} ~ ${tab('driver')}` }];
            case 'test':
                return [{ label: 'test "…" { given … expect … }', detail: 'A scripted respondent', body: `test "${tab('name')}" {\n\tgiven ${tab('item')} = ${tab('answer')}\n\texpect asked ${tab('item')}\n}` }];
            case 'survey':
                return [{ label: 'survey name { … }', detail: 'The survey header', body: `survey ${tab('name')} {\n\ttitle "${tab('title')}"\n\tlanguages ${tab('nl')}\n}` }];
            case 'import':
                return [{ label: 'import "…"', detail: 'Use the scales and blocks of another file', body: `import "${tab('lib/schalen.kto')}"` }];
            default:
                return [];
        }
    }

    private visibleNames(document: LangiumDocument, containerType: string, property: string): string[] {
        const container = { $type: containerType, $container: document.parseResult.value } as unknown as AstNode;
        const reference = { $refText: '', ref: undefined } as unknown as Reference;
        return this.scopeProvider.getScope({ container, property, reference }).getAllElements().map(d => d.name).distinct().toArray();
    }

    // ------------------------------------------------------------------ references and labels

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const base = super.getReferenceCandidates(refInfo, context);
        if (refInfo.property !== 'target' || refInfo.container.$type !== 'Ref') return base;
        const others = base.filter(d => d.type !== 'ScaleCode');
        const domain = this.comparedDomain(context);
        if (!domain) return others;
        const labels = labelsOf(domain, this.documents).map(code => this.descriptions.createDescription(code, code.name!));
        const names = new Set(labels.map(l => l.name));
        return stream(labels).concat(others.filter(d => !names.has(d.name)));
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): ReturnType<DefaultCompletionProvider['createReferenceCompletionItem']> {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node ?? this.nodeOf(description);
        if (isScaleCode(node)) {
            return { ...item, detail: `${codeSummary(node)} (${scaleNameOfCode(node)})`, sortText: `0${String(this.labelIndex(node)).padStart(4, '0')}` };
        }
        if (isVariant(node) && isVariantWording(refInfo.container)) {
            const languages = languagesOf(context.document.parseResult.value).slice(1);
            let stop = 1;
            const snippet = `${node.name}: "$1"${languages.map(l => ` @${l} "$${++stop}"`).join('')}`;
            return { ...item, detail: `Wording for respondent variant ${textIn(node.label) ?? node.name}`, insertText: snippet, insertTextFormat: InsertTextFormat.Snippet, sortText: '1' };
        }
        if (isVariant(node)) {
            return { ...item, detail: `Respondent variant: ${textIn(node.label) ?? node.name}`, sortText: '1' };
        }
        return { ...item, detail: this.detailOf(node) ?? item.detail, sortText: '1' };
    }

    private labelIndex(code: AstNode): number {
        const codes = (code.$container as { codes?: unknown[] } | undefined)?.codes ?? [];
        return Math.max(0, codes.indexOf(code));
    }

    private detailOf(node: AstNode | undefined): string | undefined {
        if (isQuestion(node) || isGrid(node)) {
            const type = node.type?.scale?.$refText ?? node.type?.inline?.$cstNode?.text ?? '';
            const wording = textIn(node.wording?.text);
            return `${isGrid(node) ? 'grid' : 'question'}: ${node.type?.multi ? 'multi ' : ''}${type}${wording ? ` — ${shorten(wording, 60)}` : ''}`;
        }
        if (isSampleVariable(node)) return `sample variable: ${node.type?.scale?.$refText ?? node.type?.inline?.$cstNode?.text ?? ''}`;
        if (isDerived(node)) return `derived: ${shorten(node.expr?.$cstNode?.text ?? '', 60)}`;
        if (isScale(node)) {
            const domain = domainOfScale(node);
            return domain ? `scale: ${domain.kind}, ${describeDomain(domain)}` : 'scale';
        }
        if (isGridRow(node)) return `statement: ${shorten(textIn(node.wording?.text) ?? '', 60)}`;
        return undefined;
    }

    private nodeOf(description: AstNodeDescription): AstNode | undefined {
        const document = this.documents.getDocument(description.documentUri);
        return document ? this.locator.getAstNode(document.parseResult.value, description.path) : undefined;
    }

    /**
     * The domain of the item a label would stand beside at the cursor, read from the tokens
     * before it (the syntax tree of a half-typed condition is not reliable): `x = `, `x >= `,
     * `x contains `, `x in {a, `, `x = {a, `, `given x = `.
     */
    private comparedDomain(context: CompletionContext): Domain | undefined {
        // One completion request asks for several contexts at the same place: read the tokens once.
        const key = `${context.document.uri.toString()}@${context.textDocument.version}:${context.tokenOffset}`;
        if (this.lastCompared?.key !== key) this.lastCompared = { key, domain: this.readComparedDomain(context) };
        return this.lastCompared.domain;
    }

    private lastCompared?: { key: string; domain: Domain | undefined };

    private readComparedDomain(context: CompletionContext): Domain | undefined {
        const before = context.textDocument.getText().slice(0, context.tokenOffset);
        const tokens = this.lexer.tokenize(before).tokens.map(t => t.image);
        let i = tokens.length - 1;
        let operandEnd: number | undefined;
        if (COMPARISONS.has(tokens[i])) {
            operandEnd = i - 1;
        } else if (tokens[i] === ',' || tokens[i] === '{') {
            while (i >= 0 && tokens[i] !== '{') {
                if (!(tokens[i] === ',' || tokens[i] === '-' || NAME.test(tokens[i]) || /^[0-9.]+$/.test(tokens[i]))) return undefined;
                i--;
            }
            i--;
            if (tokens[i] === 'in') operandEnd = tokens[i - 1] === 'not' ? i - 2 : i - 1;
            else if (tokens[i] === '=' || tokens[i] === '!=') operandEnd = i - 1;
        }
        if (operandEnd === undefined || !NAME.test(tokens[operandEnd] ?? '')) return undefined;
        const member = tokens[operandEnd - 1] === '.' && NAME.test(tokens[operandEnd - 2] ?? '') ? tokens[operandEnd] : undefined;
        const name = member ? tokens[operandEnd - 2] : tokens[operandEnd];
        const target = this.resolve(context.document, name);
        if (!target) return undefined;
        const row = member && isGrid(target) ? target.rows.find(r => r.name === member) : undefined;
        if (member && !row) return undefined;
        const ref = { $type: 'Ref', target: { ref: target, $refText: name }, member: row ? { ref: row, $refText: member } : undefined } as unknown as Ref;
        try {
            return domainOfValue(ref);
        } catch {
            return undefined;
        }
    }

    /** An item, derived value or sample variable visible in the document, by name. */
    private resolve(document: LangiumDocument, name: string): Referable | undefined {
        const container = { $type: 'Ref', $container: document.parseResult.value } as unknown as AstNode;
        const reference = { $refText: name, ref: undefined } as unknown as Reference;
        const description = this.scopeProvider.getScope({ container, property: 'target', reference }).getElement(name);
        if (!description) return undefined;
        const node = description.node ?? this.nodeOf(description);
        return isQuestion(node) || isGrid(node) || isDerived(node) || isSampleVariable(node) ? node : undefined;
    }
}

const NAME = /^[_a-zA-Z\u00C0-\u024F][\w\u00C0-\u024F]*$/;

const ROW_FUNCTIONS: Record<string, [string, string]> = {
    answered: ['answered(x): condition', 'True when `x` has an answer (a missing code such as "weet niet" counts as an answer).'],
    valid: ['valid(x): condition', 'True when `x` has an answer that is not a missing code.'],
    sum: ['sum(a, b, …): number', 'The sum of the values that are present; no value when none is.'],
    min: ['min(a, b, …): number', 'The smallest of the values that are present.'],
    max: ['max(a, b, …): number', 'The largest of the values that are present.'],
    count: ['count(x): number', 'The number of codes chosen in multi-select answer `x` (in an indicator: the number of respondents for whom a condition holds).'],
    round: ['round(x): number', '`x` rounded to a whole number (a half rounds up).'],
    abs: ['abs(x): number', '`x` without its sign.']
};

const AGGREGATES: Record<string, [string, string]> = {
    mean: ['mean(x): indicator', 'The mean of `x` over respondents with a valid answer (missing codes are left out of the base).'],
    share: ['share(condition): indicator', 'The percentage of respondents for whom the condition holds, e.g. top-2-box `share(x >= akkoord)`.'],
    nps: ['nps(x): indicator', 'Net Promoter Score: % 9–10 minus % 0–6 on a 0..10 scale.'],
    response_rate: ['response_rate(): indicator', 'Completed / (invited − ineligible); needs `invited` in the header.']
};
