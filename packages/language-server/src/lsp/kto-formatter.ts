import { AbstractFormatter, Formatting, type FormattingAction } from 'langium/lsp';
import { AstUtils, CstUtils, isCompositeCstNode, type AstNode, type CstNode, type LangiumCoreServices, type LangiumDocument, type Lexer } from 'langium';
import type { DocumentOnTypeFormattingOptions, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import {
    isBlock, isCall, isCodeListScale, isDrivers, isGradeScale, isGrid, isIfBlock,
    isInExpr, isIndicatorsBlock, isKtoFile, isLibraryHeader, isNegationExpr, isNumericScale, isQuestion, isRef, isSampleVariable,
    isScale, isSection, isSetLiteral, isSurveyHeader, isTestCase, isTranslation, isVariantWording, isWaveSetting, isYesNoScale,
    type ScaleDefinition
} from '@kto/language';

/**
 * The one layout of a .kto file (like gofmt: no options):
 *
 * - one declaration per line (settings, imports, scales and their codes, items, grid statements,
 *   indicator members, test steps), two spaces of indentation per `{ }` level;
 * - inside a declaration the author's line breaks are kept; a continued line is indented two
 *   spaces deeper than the line where the construct it continues begins (a translation under
 *   its variant wording, the variant under its item), two more when a declaration's header goes
 *   on to a `{ }` body (so a wrapped `grid`/`if` header stands apart from its body);
 * - one space between tokens, none before `,` and `:` (except in `? :`), around `.` and `..`
 *   (except between the dates of a `wave ... period`), inside `( )` and set braces, after a minus sign;
 * - blank lines between declarations are kept, at most one; none right after `{` or before `}`;
 * - comments are kept verbatim: a comment on its own line is indented like what follows it, a
 *   trailing comment keeps its column (at least one space after the code) as long as its line
 *   stays one line, so aligned comments stay aligned;
 * - `} else` on one line; an empty body is `{}`; a one-line inline type body
 *   (`grade 1..10 { missing 99 wn "Weet niet" }`) may stay on one line;
 * - the file ends with one newline.
 *
 * The layout never changes a token: after formatting, the text is lexed again and compared
 * token by token (comments included); if anything differs, no edit is made. Files with syntax
 * errors are left alone. The indentation is always two spaces, whatever the editor's tab size,
 * so the editor and `kto fmt` agree.
 *
 * The rules are declared per syntax node in `format()` with Langium's formatting regions; the
 * layout itself (indentation, line breaks, comments) is computed over the token gaps in
 * `doDocumentFormat()`, which is what makes it idempotent and comment-safe.
 */
export class KtoFormatter extends AbstractFormatter {
    private readonly lexer: Lexer;
    /** Per CST node: the formatting before (prepend) and after (append) it. */
    private rules = new Map<CstNode, { prepend?: FormattingAction; append?: FormattingAction }>();
    private bodyOpen = new Set<CstNode>();
    private bodyClose = new Set<CstNode>();

    constructor(services: LangiumCoreServices) {
        super();
        this.lexer = services.parser.Lexer;
    }

    override get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return { firstTriggerCharacter: '}' };
    }

    // ------------------------------------------------------------------ the rules

    protected format(node: AstNode): void {
        const f = this.getNodeFormatter(node);
        // Tokens that never have a space on one side, wherever they occur.
        f.keywords(',').prepend(NONE);
        f.keywords('(').append(NONE);
        f.keywords(')').prepend(NONE);

        if (isKtoFile(node)) {
            for (const child of [node.survey, node.library, ...node.imports, ...node.declarations]) {
                if (child) f.node(child).prepend(NEWLINE);
            }
        } else if (isSurveyHeader(node) || isLibraryHeader(node)) {
            this.body(node, node.members);
        } else if (isScale(node)) {
            f.keyword(':').prepend(NONE).append(SPACE);
        } else if (isScaleDefinitionWithBody(node)) {
            const inline = !isScale(node.$container) && this.writtenOnOneLine(node);
            this.body(node, node.codes, inline);
            if (isGradeScale(node) || isNumericScale(node)) {
                f.keyword('..').surround(NONE);
            }
        } else if (isQuestion(node) || isGrid(node) || isSampleVariable(node)) {
            f.keyword(':').prepend(NONE).append(SPACE);
            if (isGrid(node)) this.body(node, node.rows);
        } else if (isSection(node) || isBlock(node)) {
            this.body(node, node.items);
        } else if (isIfBlock(node)) {
            this.body(node, node.then, false, 0);
            if (node.elseIf || node.else.length > 0 || findKeyword(node, 'else')) {
                f.keyword('else').prepend(SPACE);
                if (node.elseIf) f.node(node.elseIf).prepend(SPACE);
                else this.body(node, node.else, false, 1);
            }
        } else if (isIndicatorsBlock(node)) {
            this.body(node, node.members);
        } else if (isTestCase(node)) {
            this.body(node, node.steps);
        } else if (isWaveSetting(node)) {
            f.keyword('..').surround(SPACE);
        } else if (isTranslation(node)) {
            f.property('value').prepend(SPACE);
        } else if (isVariantWording(node)) {
            f.keyword(':').prepend(NONE).append(SPACE);
        } else if (isDrivers(node)) {
            f.keyword(':').prepend(KEEP_OR_NONE);
        } else if (isRef(node)) {
            f.keyword('.').surround(NONE);
        } else if (isCall(node)) {
            f.keyword('(').prepend(NONE);
        } else if (isNegationExpr(node)) {
            f.keyword('-').append(NONE);
        } else if (isInExpr(node) || isSetLiteral(node)) {
            f.keyword('{').append(NONE);
            f.keyword('}').prepend(NONE);
            if (isInExpr(node)) f.keyword('{').prepend(SPACE);
        }
        // Everything else (operators, `=`, keywords, texts and translations) gets one space, or the
        // author's line break.
    }

    /** `{ children }`: each child on its own line, indented; `{}` when empty. */
    private body(node: AstNode, children: readonly AstNode[], inline = false, index = 0): void {
        const f = this.getNodeFormatter(node);
        const open = f.keyword('{', index);
        const close = f.keyword('}', index);
        if (open.nodes.length === 0 || close.nodes.length === 0) return;
        open.prepend(SPACE);
        if (children.length === 0 && !this.hasCommentBetween(open.nodes[0], close.nodes[0])) {
            open.append(withPriority(NONE, 2));
            close.prepend(withPriority(NONE, 2));
            return;
        }
        if (inline) {
            open.append(SPACE);
            close.prepend(SPACE);
            for (const child of children) f.node(child).prepend(SPACE);
            return;
        }
        this.bodyOpen.add(open.nodes[0]);
        this.bodyClose.add(close.nodes[0]);
        for (const child of children) f.node(child).prepend(NEWLINE);
        close.prepend(NEWLINE_TIGHT);
    }

    /** An inline type body written on one line, without comments, may stay on one line. */
    private writtenOnOneLine(node: AstNode): boolean {
        const open = findKeyword(node, '{');
        const close = findKeyword(node, '}');
        return !!open && !!close && open.range.start.line === close.range.end.line && !this.hasCommentBetween(open, close);
    }

    private hasCommentBetween(open: CstNode, close: CstNode): boolean {
        const root = open.root;
        for (const leaf of CstUtils.flattenCst(root)) {
            if (leaf.offset > open.offset && leaf.end < close.end && leaf.hidden) return true;
            if (leaf.offset >= close.end) break;
        }
        return false;
    }

    // ------------------------------------------------------------------ the layout

    protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
        this.rules = new Map();
        this.bodyOpen = new Set();
        this.bodyClose = new Set();
        this.collector = (node, mode, formatting) => {
            const entry = this.rules.get(node) ?? {};
            const existing = entry[mode];
            if (!existing || (existing.options.priority ?? 0) <= (formatting.options.priority ?? 0)) entry[mode] = formatting;
            this.rules.set(node, entry);
        };
        const root = document.parseResult.value;
        this.format(root);
        for (const node of AstUtils.streamAllContents(root)) this.format(node);

        const text = document.textDocument.getText();
        const layout = this.layout(document, text);
        if (!this.sameTokens(text, applyGaps(text, layout))) return [];
        const edits: TextEdit[] = [];
        for (const gap of layout) {
            if (gap.text === text.slice(gap.start, gap.end)) continue;
            const editRange = { start: document.textDocument.positionAt(gap.start), end: document.textDocument.positionAt(gap.end) };
            if (range && !this.insideRange(editRange, range)) continue;
            edits.push({ range: editRange, newText: gap.text });
        }
        return edits;
    }

    /** The whitespace every gap between two tokens (comments included) should have. */
    private layout(document: LangiumDocument, text: string): Gap[] {
        const rootCst = document.parseResult.value.$cstNode;
        const leaves = rootCst ? [...CstUtils.flattenCst(rootCst)].filter(l => l.length > 0) : [];
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        const before = new Map<CstNode, FormattingAction[]>();
        const after = new Map<CstNode, FormattingAction[]>();
        for (const [node, rule] of this.rules) {
            if (rule.prepend) pushTo(before, firstLeaf(node), rule.prepend);
            if (rule.append) pushTo(after, lastLeaf(node), rule.append);
        }
        const tokens = leaves.filter(l => !l.hidden);
        const rules = new Map<CstNode, Rule>();
        for (let i = 1; i < tokens.length; i++) {
            const a = tokens[i - 1], b = tokens[i];
            rules.set(b, this.ruleOf(a, b, [...(after.get(a) ?? []), ...(before.get(b) ?? [])]));
        }
        const ruleBefore = (b: CstNode | undefined): Rule => (b && rules.get(b)) || { kind: 'newline', blank: true };
        // For each token: does a `{ }` body open before the next line that must start anew?
        const pendingBody = new Set<CstNode>();
        let pending = false;
        for (let i = tokens.length - 1; i >= 0; i--) {
            if (this.bodyOpen.has(tokens[i])) pending = true;
            if (pending) pendingBody.add(tokens[i]);
            if (ruleBefore(tokens[i]).kind === 'newline') pending = false;
        }

        const gaps: Gap[] = [];
        let depth = 0;
        let column = 0;
        let lastToken: CstNode | undefined;
        /** The first leaf of each line of the input, and of the current line of the output. */
        const firstOnLine = new Map<number, CstNode>();
        for (const leaf of leaves) if (!firstOnLine.has(leaf.range.start.line)) firstOnLine.set(leaf.range.start.line, leaf);
        let outputLineStart: CstNode | undefined;
        /** The indentation of every token that starts a line of the output. */
        const lineStarts = new Map<CstNode, string>();
        const declarationStarts = new Set<CstNode>();
        const indent = (level: number): string => '  '.repeat(Math.max(0, level));
        const newlines = (original: string, blankAllowed: boolean): string =>
            eol.repeat(blankAllowed && (original.match(/\n/g) ?? []).length >= 2 ? 2 : 1);
        /**
         * A continued line is indented one step deeper than the line where the innermost
         * enclosing construct begins (a translation under its variant wording, the variant under
         * its item), and one step more when a declaration's header continues to a `{ }` body.
         */
        const continuation = (b: CstNode): string => {
            for (let node: AstNode | undefined = b.astNode; node; node = node.$container) {
                const first = node.$cstNode && firstLeaf(node.$cstNode);
                if (!first || first.offset >= b.offset) continue;
                const base = lineStarts.get(first);
                if (base === undefined) continue;
                return base + '  ' + (declarationStarts.has(first) && pendingBody.has(b) ? '  ' : '');
            }
            return indent(depth + 1);
        };
        /** The indentation of token b at the start of a line, given the rule before it. */
        const lineIndent = (b: CstNode, kind: Kind): string =>
            kind === 'newline' ? indent(this.bodyClose.has(b) ? depth - 1 : depth) : continuation(b);

        for (let i = 0; i <= leaves.length; i++) {
            const x = leaves[i - 1];
            const y = leaves[i];
            const start = x ? x.end : 0;
            const end = y ? y.offset : text.length;
            const original = text.slice(start, end);
            const breaks = original.includes('\n');
            let gap: string;
            if (!y) {
                gap = x ? eol : '';                                   // one newline at the end
            } else if (!x) {
                gap = '';                                             // nothing before the first token
            } else {
                const b = y.hidden ? nextToken(leaves, i) : y;        // the token this gap leads to
                const afterBody = !!lastToken && this.bodyClose.has(lastToken);
                const rule = ruleBefore(b);
                // Blank lines: kept between declarations (at most one), never right after `{` or before `}`.
                const blankAllowed = rule.kind === 'newline' && !this.bodyOpen.has(x) && !this.bodyClose.has(y) && (rule.blank || x.hidden || y.hidden);
                if (y.hidden && !breaks && !isLineComment(x)) {
                    // A comment after code on the same line: a trailing comment keeps its column
                    // (when its line stays the line it was), so aligned comments stay aligned.
                    const trailing = !leaves[i + 1] || leaves[i + 1].range.start.line > y.range.end.line;
                    const sameLine = firstOnLine.get(y.range.start.line) === outputLineStart;
                    gap = trailing && sameLine ? ' '.repeat(Math.max(1, y.range.start.character - column)) : ' ';
                } else if (y.hidden) {
                    // A comment on its own line: indented like the code that follows it.
                    gap = newlines(original, blankAllowed) + (b ? (rule.kind === 'newline' || afterBody ? indent(depth) : continuation(b)) : '');
                } else if (x.hidden) {
                    // Code after a comment (`} // c` + `else` stays at the level of its `if`).
                    gap = isLineComment(x) || breaks
                        ? (rule.kind === 'newline' ? newlines(original, blankAllowed) : eol) + (afterBody && rule.kind !== 'newline' ? indent(depth) : lineIndent(y, rule.kind))
                        : ' ';
                } else {
                    switch (rule.kind) {
                        case 'newline': gap = newlines(original, blankAllowed) + lineIndent(y, rule.kind); break;
                        case 'space': gap = ' '; break;
                        case 'none': gap = ''; break;
                        case 'keep-or-none': gap = breaks ? eol + continuation(y) : ''; break;
                        default: gap = breaks ? eol + continuation(y) : ' ';
                    }
                }
            }
            gaps.push({ start, end, text: gap });
            if (!y) break;
            column = columnAfter(column, gap);
            if (!x || gap.includes('\n')) outputLineStart = y;
            if (!y.hidden) {
                if (!x || gap.includes('\n')) {
                    lineStarts.set(y, gap.slice(gap.lastIndexOf('\n') + 1));
                    if (ruleBefore(y).kind === 'newline') declarationStarts.add(y);
                }
                if (this.bodyClose.has(y)) depth--;
                if (this.bodyOpen.has(y)) depth++;
                lastToken = y;
            }
            column = columnAfter(column, y.text);
        }
        return gaps;
    }

    /** The strongest rule that applies to the gap between tokens a and b (by priority, then strength). */
    private ruleOf(a: CstNode, b: CstNode, actions: FormattingAction[]): Rule {
        // The tokens of one word (`-1`, `pt-BR`) stay together.
        const dataType = CstUtils.getDatatypeNode(a);
        if (dataType && dataType === CstUtils.getDatatypeNode(b)) return { kind: 'none', blank: false };
        let best: Rule = { kind: 'keep', blank: false };
        let bestPriority = -Infinity;
        for (const action of actions) {
            const kind = kindOfAction(action);
            const priority = (action.options.priority ?? 0) * 10 + STRENGTH[kind];
            if (priority > bestPriority) {
                best = { kind, blank: action.options.allowMore === true };
                bestPriority = priority;
            }
        }
        return best;
    }

    private sameTokens(before: string, after: string): boolean {
        const a = this.lexer.tokenize(before);
        const b = this.lexer.tokenize(after);
        if (b.errors.length > a.errors.length) return false;
        const images = (r: { tokens: Array<{ image: string }>; hidden: Array<{ image: string }> }): string =>
            JSON.stringify([r.tokens.map(t => t.image), r.hidden.map(t => t.image)]);
        return images(a) === images(b);
    }
}

type Kind = 'newline' | 'none' | 'space' | 'keep' | 'keep-or-none';

interface Rule {
    kind: Kind;
    /** Whether blank lines before a new line are kept (at most one). */
    blank: boolean;
}

const STRENGTH: Record<Kind, number> = { newline: 4, none: 3, space: 2, 'keep-or-none': 1, keep: 0 };

interface Gap {
    start: number;
    end: number;
    text: string;
}

/** A new line; blank lines before it are kept (at most one). */
const NEWLINE = Formatting.newLine({ allowMore: true });
/** A new line, no blank line (before a closing brace). */
const NEWLINE_TIGHT = Formatting.newLine();
const SPACE = Formatting.oneSpace();
const NONE = Formatting.noSpace();
/** The author's line break if there is one, else nothing. */
const KEEP_OR_NONE: FormattingAction = { options: {}, moves: [{ characters: 0 }, { lines: 1 }] };

function withPriority(action: FormattingAction, priority: number): FormattingAction {
    return { ...action, options: { ...action.options, priority } };
}

function kindOfAction(action: FormattingAction): Kind {
    const moves = action.moves;
    const lines = moves.some(m => (m.lines ?? 0) > 0);
    const chars = moves.find(m => m.characters !== undefined)?.characters;
    if (lines && chars !== undefined) return chars === 0 ? 'keep-or-none' : 'keep';
    if (lines) return 'newline';
    if (chars === 0) return 'none';
    if (chars !== undefined) return 'space';
    return 'keep';
}

function isScaleDefinitionWithBody(node: AstNode): node is ScaleDefinition & { codes: AstNode[] } {
    return isGradeScale(node) || isCodeListScale(node) || isNumericScale(node) || isYesNoScale(node);
}

function findKeyword(node: AstNode, keyword: string): CstNode | undefined {
    return node.$cstNode ? [...CstUtils.streamCst(node.$cstNode)].find(n => n.astNode === node && !isCompositeCstNode(n) && n.text === keyword && !n.hidden) : undefined;
}

function firstLeaf(node: CstNode): CstNode {
    if (!isCompositeCstNode(node)) return node;
    for (const leaf of CstUtils.flattenCst(node)) if (!leaf.hidden) return leaf;
    return node;
}

function lastLeaf(node: CstNode): CstNode {
    if (!isCompositeCstNode(node)) return node;
    let last: CstNode = node;
    for (const leaf of CstUtils.flattenCst(node)) if (!leaf.hidden) last = leaf;
    return last;
}

function pushTo(map: Map<CstNode, FormattingAction[]>, key: CstNode, action: FormattingAction): void {
    const list = map.get(key);
    if (list) list.push(action);
    else map.set(key, [action]);
}

function nextToken(leaves: CstNode[], from: number): CstNode | undefined {
    for (let i = from; i < leaves.length; i++) if (!leaves[i].hidden) return leaves[i];
    return undefined;
}

function isLineComment(node: CstNode): boolean {
    return node.hidden && node.text.startsWith('//');
}

function columnAfter(column: number, text: string): number {
    const newline = text.lastIndexOf('\n');
    return newline >= 0 ? text.length - newline - 1 : column + text.length;
}

function applyGaps(text: string, gaps: Gap[]): string {
    let out = '';
    let position = 0;
    for (const gap of gaps) {
        out += text.slice(position, gap.start) + gap.text;
        position = gap.end;
    }
    return out + text.slice(position);
}
