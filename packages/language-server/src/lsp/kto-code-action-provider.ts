import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import {
    isBinaryExpr, isConditionalExpr, isExpr, isGrid, isImport, isInclude, isIndicator, isKtoFile, isLanguagesSetting, isRef, isText,
    isTranslation, TypeChecker, languageName, type Expr
} from '@kto/language';

/**
 * Quick fixes for the diagnostics whose fix is mechanical. Each reads what the checker put in
 * the diagnostic's `data` (the suggested name, the missing language, the item that may be
 * unanswered) and the syntax tree under the diagnostic's range.
 */
export class KtoCodeActionProvider implements CodeActionProvider {
    constructor(_services: LangiumServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const code = codeOf(diagnostic);
            const fix = code ? FIXES[code] : undefined;
            if (!fix) continue;
            try {
                actions.push(...fix(diagnostic, document).map(a => ({ ...a, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] })));
            } catch {
                // A fix that does not fit this tree (a half-typed edit) is simply not offered.
            }
        }
        return actions.length > 0 ? actions : undefined;
    }
}

type Fix = (diagnostic: Diagnostic, document: LangiumDocument) => Array<Omit<CodeAction, 'kind' | 'diagnostics'>>;

const FIXES: Record<string, Fix> = {
    'kto/unknown-reference': (diagnostic, document) => {
        const suggestion = dataOf(diagnostic).suggestion;
        if (typeof suggestion !== 'string') return [];
        return [action(`Change to '${suggestion}'`, document, [{ range: diagnostic.range, newText: suggestion }], true)];
    },

    'kto/missing-translation': (diagnostic, document) => {
        const language = dataOf(diagnostic).language;
        const text = nodeAt(document, diagnostic.range, isText);
        if (typeof language !== 'string' || !text?.$cstNode) return [];
        const at = document.textDocument.positionAt(text.$cstNode.end);
        return [action(`Add ${languageName(language)} translation`, document, [{ range: { start: at, end: at }, newText: ` @${language} "TODO"` }], true)];
    },

    'kto/maybe-unanswered': (diagnostic, document) => {
        const item = dataOf(diagnostic).item;
        const ref = nodeAt(document, diagnostic.range, isRef);
        if (typeof item !== 'string' || !ref) return [];
        let condition: Expr = ref;
        while (isExpr(condition.$container)) condition = condition.$container;
        if (!condition.$cstNode || new TypeChecker(() => undefined).typeOf(condition).kind !== 'boolean') return [];
        const start = document.textDocument.positionAt(condition.$cstNode.offset);
        const end = document.textDocument.positionAt(condition.$cstNode.end);
        const loose = (isBinaryExpr(condition) && condition.operator === 'or') || isConditionalExpr(condition);
        const edits: TextEdit[] = loose
            ? [{ range: { start, end: start }, newText: `answered(${item}) and (` }, { range: { start: end, end }, newText: ')' }]
            : [{ range: { start, end: start }, newText: `answered(${item}) and ` }];
        return [action(`Only when '${item}' is answered: answered(${item}) and …`, document, edits, true)];
    },

    'kto/unused-import': (diagnostic, document) => {
        const imp = nodeAt(document, diagnostic.range, isImport);
        return imp ? [action(`Remove the import of '${imp.path}'`, document, [removeLine(document, imp)], true)] : [];
    },

    'kto/duplicate-include': (diagnostic, document) => {
        const include = nodeAt(document, diagnostic.range, isInclude);
        return include ? [action(`Remove this second include of '${include.block.$refText}'`, document, [removeLine(document, include)], true)] : [];
    },

    'kto/min-n-missing': (diagnostic, document) => {
        const indicator = nodeAt(document, diagnostic.range, isIndicator);
        if (!indicator?.$cstNode) return [];
        const at = document.textDocument.positionAt(indicator.$cstNode.end);
        return [action('Add min_n 30 (indicative below 30 respondents)', document, [{ range: { start: at, end: at }, newText: ' min_n 30' }], true)];
    },

    'kto/condition-not-boolean': (diagnostic, document) => {
        const written = /Write `([^`]+)`/.exec(messageOf(diagnostic))?.[1];
        if (!written) return [];
        return [action(`Change to '${written}'`, document, [{ range: diagnostic.range, newText: written }], true)];
    },

    'kto/grid-row-required': (diagnostic, document) => {
        const ref = nodeAt(document, diagnostic.range, isRef);
        const grid = ref?.target.ref;
        if (!ref?.$cstNode || !isGrid(grid)) return [];
        return grid.rows.slice(0, 12).map(row =>
            action(`Use statement '${grid.name}.${row.name}'`, document, [{ range: diagnostic.range, newText: `${grid.name}.${row.name}` }]));
    },

    'kto/unknown-language': (diagnostic, document) => {
        const translation = nodeAt(document, diagnostic.range, isTranslation);
        if (!translation) return [];
        const language = translation.lang.slice(1);
        const actions = [action(`Remove the ${languageName(language)} translation`, document, [removeNode(document, translation)])];
        const root = AstUtils.findRootNode(translation);
        const setting = isKtoFile(root) ? (root.survey ?? root.library)?.members.find(isLanguagesSetting) : undefined;
        if (setting?.$cstNode) {
            const at = document.textDocument.positionAt(setting.$cstNode.end);
            actions.unshift(action(`Add ${languageName(language)} to the languages`, document, [{ range: { start: at, end: at }, newText: `, ${language}` }], true));
        }
        return actions;
    },

    'kto/duplicate-translation': (diagnostic, document) => {
        const translation = nodeAt(document, diagnostic.range, isTranslation);
        return translation ? [action('Remove this translation', document, [removeNode(document, translation)], true)] : [];
    }
};

function action(title: string, document: LangiumDocument, edits: TextEdit[], isPreferred = false): Omit<CodeAction, 'kind' | 'diagnostics'> {
    return { title, isPreferred, edit: { changes: { [document.textDocument.uri]: edits } } };
}

function codeOf(diagnostic: Diagnostic): string | undefined {
    const code = dataOf(diagnostic).code ?? diagnostic.code;
    return typeof code === 'string' ? code : undefined;
}

function dataOf(diagnostic: Diagnostic): Record<string, unknown> {
    return typeof diagnostic.data === 'object' && diagnostic.data !== null ? diagnostic.data as Record<string, unknown> : {};
}

function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : String((diagnostic.message as { value?: string }).value ?? '');
}

/** The innermost node of the given type at the start of the range. */
function nodeAt<T extends AstNode>(document: LangiumDocument, range: Range, guard: (n: unknown) => n is T): T | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
}

/** Removes a node, with its whole line when it stands alone on it. */
function removeLine(document: LangiumDocument, node: AstNode): TextEdit {
    const text = document.textDocument.getText();
    const cst = node.$cstNode!;
    const lineStart = text.lastIndexOf('\n', cst.offset - 1) + 1;
    let lineEnd = text.indexOf('\n', cst.end);
    if (lineEnd < 0) lineEnd = text.length;
    const alone = text.slice(lineStart, cst.offset).trim() === '' && !/\S/.test(text.slice(cst.end, lineEnd).replace(/\/\/.*$/, ''));
    if (alone) {
        const end = lineEnd < text.length ? lineEnd + 1 : lineEnd;
        return { range: { start: document.textDocument.positionAt(lineStart), end: document.textDocument.positionAt(end) }, newText: '' };
    }
    return removeNode(document, node);
}

/** Removes a node and the spaces before it. */
function removeNode(document: LangiumDocument, node: AstNode): TextEdit {
    const text = document.textDocument.getText();
    const cst = node.$cstNode!;
    let start = cst.offset;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return { range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(cst.end) }, newText: '' };
}

