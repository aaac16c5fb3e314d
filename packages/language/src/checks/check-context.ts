import { AstUtils, type AstNode, type LangiumDocument, type LangiumDocuments, type ValidationAcceptor } from 'langium';
import type { Include, KtoFile, LanguagesSetting } from '../generated/ast.js';
import { isDerived, isGrid, isLanguagesSetting, isQuestion, isSampleVariable } from '../generated/ast.js';
import { report, type DiagnosticCode } from '../diagnostics.js';
import { buildFlow, type FlowEntry, type SurveyFlow } from '../semantics/flow.js';
import { importClosure, importTarget } from '../scoping/imports.js';

/**
 * What every family of checks works with for one document. Reports always land in the checked
 * document: a problem found in an included block or an imported file is reported at the
 * `include` or `import` that brought it in, with the original place named in the message.
 */
export class CheckContext {
    readonly root: KtoFile;
    private flowCache?: SurveyFlow;
    private variablesCache?: Map<string, AstNode>;

    constructor(
        readonly document: LangiumDocument,
        readonly documents: LangiumDocuments,
        private readonly accept: ValidationAcceptor
    ) {
        this.root = document.parseResult.value as KtoFile;
    }

    get isSurvey(): boolean {
        return this.root.survey !== undefined;
    }

    /** Interview order; only a survey has one. */
    get flow(): SurveyFlow {
        this.flowCache ??= buildFlow(this.root);
        return this.flowCache;
    }

    /** Declared languages, the default first (`nl` when none are declared). */
    get languages(): string[] {
        return declaredLanguages(this.root) ?? ['nl'];
    }

    /** A question, grid, derived value or sample variable by name, in this file or what it imports. */
    variable(name: string): AstNode | undefined {
        if (!this.variablesCache) {
            this.variablesCache = new Map();
            for (const doc of importClosure(this.document, this.documents).reverse()) {
                for (const node of AstUtils.streamAllContents(doc.parseResult.value)) {
                    if (isQuestion(node) || isGrid(node) || isDerived(node) || isSampleVariable(node)) this.variablesCache.set(node.name, node);
                }
            }
        }
        return this.variablesCache.get(name);
    }

    entryOf(node: AstNode): FlowEntry | undefined {
        return this.isSurvey ? this.flow.entryOf.get(node) : undefined;
    }

    report(code: DiagnosticCode, message: string, node: AstNode, property?: string, data?: Record<string, unknown>): void {
        const document = AstUtils.getDocument(node);
        if (document === this.document) {
            report(this.accept, code, message, { node, property, data } as never);
            return;
        }
        const anchor = this.anchorFor(node);
        const where = `${relativePath(this.document, document)}:${(node.$cstNode?.range.start.line ?? 0) + 1}`;
        report(this.accept, code, `${message} (in ${where})`, { node: anchor } as never);
    }

    private anchorFor(node: AstNode): AstNode {
        let include: Include | undefined;
        for (let n: AstNode | undefined = node; n && !include; n = n.$container) include = this.entryOf(n)?.include;
        if (include) return include;
        const uri = AstUtils.getDocument(node).uri.toString();
        return this.root.imports.find(i => importTarget(i).toString() === uri) ?? this.root;
    }
}

export function declaredLanguages(root: KtoFile): string[] | undefined {
    const header = root.survey ?? root.library;
    const setting = header?.members.find(isLanguagesSetting) as LanguagesSetting | undefined;
    return setting?.languages.length ? setting.languages : undefined;
}

export function relativePath(from: LangiumDocument, to: LangiumDocument): string {
    const a = from.uri.path.split('/').slice(0, -1);
    const b = to.uri.path.split('/');
    let i = 0;
    while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
    return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}

/** "line 12" in the same file, "lib/schalen.kto:12" elsewhere. */
export function placeOf(ctx: CheckContext, node: AstNode): string {
    const document = AstUtils.getDocument(node);
    return document === ctx.document ? `line ${lineOf(node)}` : `${relativePath(ctx.document, document)}:${lineOf(node)}`;
}
