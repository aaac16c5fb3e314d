import { AstUtils, DefaultDocumentValidator, GrammarAST, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ParseResult } from 'langium';
import { isRef, isScale, isScaleCode, type KtoFile } from './generated/ast.js';
import { fullCode } from './diagnostics.js';
import { closestName } from './utils/closest-name.js';
import type { KtoServices } from './kto-module.js';
import { labelContext } from './scoping/label-context.js';
import { domainOfValue } from './semantics/types.js';
import { importClosure } from './scoping/imports.js';

/**
 * Gives syntax and linking errors kto's codes and a researcher's wording: "Unknown item
 * 'leeftijd'. Did you mean 'leeftijd_jr'?" rather than the parser's own.
 */
export class KtoDocumentValidator extends DefaultDocumentValidator {
    private readonly keywords: Set<string>;

    constructor(private readonly services: KtoServices) {
        super(services);
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value).filter(k => /^\w+$/.test(k)));
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        for (const d of diagnostics.slice(before)) {
            d.code = fullCode('syntax-error');
            d.message = lexingMessage(messageText(d.message));
        }
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        for (const d of diagnostics.slice(before)) {
            d.code = fullCode('syntax-error');
            d.message = parsingMessage(messageText(d.message), this.keywords);
        }
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        const scopes = this.services.references.ScopeProvider;
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const info = error.info;
            const name = info.reference.$refText;
            const candidates = scopes.getScope(info).getAllElements().map(d => d.name).toArray();
            const suggestion = closestName(name, candidates);
            const container = info.container;
            let code = fullCode('unknown-reference');
            let message = `Unknown ${describeTarget(info.property, container.$type)} '${name}'.`;
            const compared = isRef(container) && info.property === 'target' ? labelContext(container) : undefined;
            // A label beside an unknown item cannot be resolved either; the item's error says it all.
            if (compared && !compared.target.ref) continue;
            const foreign = compared ? this.foreignLabelScale(document, name) : undefined;
            if (compared && foreign) {
                const domain = domainOfValue(compared);
                code = fullCode('foreign-label');
                message = `'${name}' is a label of scale ${foreign}, but '${compared.$cstNode?.text}' answers on ${domain?.name ?? 'another scale'}.`;
            } else if (!compared && isRef(container) && this.foreignLabelScale(document, name)) {
                message += ` It is a label of scale ${this.foreignLabelScale(document, name)}; a label can only stand beside the item it is compared with, e.g. \`x = ${name}\`.`;
            }
            if (suggestion && code === fullCode('unknown-reference')) message += ` Did you mean '${suggestion}'?`;
            diagnostics.push(this.toDiagnostic('error', message, {
                node: container,
                range: reference.$refNode?.range,
                property: info.property,
                index: info.index,
                code,
                data: { code, refText: name, suggestion }
            } as never));
        }
    }

    /** The scale (visible from this document) that has a label with this name, if any. */
    private foreignLabelScale(document: LangiumDocument, name: string): string | undefined {
        const documents = this.services.shared.workspace.LangiumDocuments;
        for (const doc of importClosure(document, documents)) {
            for (const scale of (doc.parseResult.value as KtoFile).declarations.filter(isScale)) {
                const codes = (scale.definition as { codes?: unknown[] } | undefined)?.codes ?? [];
                if (codes.some(c => isScaleCode(c) && c.name === name)) return scale.name;
            }
        }
        return undefined;
    }
}

function messageText(message: Diagnostic['message']): string {
    return typeof message === 'string' ? message : message.value;
}

function describeTarget(property: string, containerType: string): string {
    if (property === 'scale') return 'scale';
    if (property === 'block') return 'block';
    if (property === 'variant') return 'respondent variant';
    if (property === 'member') return 'grid statement';
    return containerType === 'Ref' ? 'item' : 'name';
}

function lexingMessage(message: string): string {
    const m = /unexpected character: ->(.)<-/.exec(message);
    return m ? `Unexpected character '${m[1]}'.` : message;
}

function parsingMessage(message: string, keywords: Set<string>): string {
    // chevrotain: "Expecting token of type 'X' but found `y`." / "Expecting: one of these possible Token sequences: ..."
    const found = /but found:? [`']([^`']*)[`']/.exec(message)?.[1];
    const expectsName = /'ID'|\[ID\]|<ID>/.test(message);
    const reserved = found && expectsName && keywords.has(found) ? ` ('${found}' is a reserved word of kto; it cannot be a name here)` : '';
    return message
        .replace(/Expecting end of file but found `([^`]*)`\./, (_m, f) => `Unexpected ${foundText(f)}: nothing is open for it here.`)
        .replace(/Expecting token of type '([^']+)' but found `([^`]*)`\./, (_m, t, f) => `Expected ${tokenName(t)} but found ${foundText(f)}.`)
        .replace(/Expecting: one of these possible Token sequences:[\s\S]*?but found: '([^']*)'/, (_m, f) => `Unexpected ${foundText(f)} here.`)
        .replace(/Expecting: expecting at least one iteration[\s\S]*?but found: '([^']*)'/, (_m, f) => `Unexpected ${foundText(f)} here.`)
        + reserved;
}

function foundText(found: string): string {
    return found === '' ? 'the end of the file' : `'${found}'`;
}

function tokenName(type: string): string {
    const names: Record<string, string> = { EOF: 'the end of the file', ID: 'a name', STRING: 'a text in quotes', INT: 'a whole number', DECIMAL: 'a number', LANG_TAG: 'a language tag like @en' };
    return names[type] ?? `'${type}'`;
}
