import { AstUtils, type AstNode, type LangiumDocument, type LangiumDocuments, type ValidationAcceptor } from 'langium';
import type { Include, KtoFile, LanguagesSetting } from '../generated/ast.js';
import { isLanguagesSetting } from '../generated/ast.js';
import { report, type DiagnosticCode } from '../diagnostics.js';
import { buildFlow, type FlowEntry, type SurveyFlow } from '../semantics/flow.js';
import { importTarget } from '../scoping/imports.js';

/**
 * What every family of checks works with for one document. Reports always land in the checked
 * document: a problem found in an included block or an imported file is reported at the
 * `include` or `import` that brought it in, with the original place named in the message.
 */
export class CheckContext {
    readonly root: KtoFile;
    private flowCache?: SurveyFlow;

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
