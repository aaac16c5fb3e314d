import { AstUtils, type AstNode } from 'langium';
import {
    isBlock, isCodeListScale, isDerived, isDrivers, isEndStatement, isGradeScale, isGrid, isIfBlock, isInclude,
    isIndicator, isNote, isNumericScale, isQuestion, isSampleVariable, isScale, isSection, isTypeRef, isVariant, isYesNoScale,
    type Grid, type GridRow, type KtoFile, type ScaleCode, type ScaleDefinition, type SurveyMember
} from '../generated/ast.js';
import { BUILTIN_URI, isBuiltinUri } from '../builtins.js';
import { importClosure } from '../scoping/imports.js';
import { placeOf, type CheckContext } from './check-context.js';

/** Names, codes and labels: what must be unique, non-empty and within range. */
export function checkStructure(ctx: CheckContext): void {
    checkDuplicateNames(ctx);
    checkSettings(ctx);
    checkLibraryItems(ctx);
    for (const node of AstUtils.streamAllContents(ctx.root)) {
        if (isScale(node) && node.definition) checkScale(ctx, node.definition, `scale '${node.name}'`, node);
        else if (isTypeRef(node) && node.inline) checkScale(ctx, node.inline, `the type of '${(node.$container as { name?: string }).name}'`, node.inline);
        if (isGrid(node)) checkGrid(ctx, node);
    }
    for (const include of ctx.isSurvey ? ctx.flow.duplicateIncludes : []) {
        ctx.report('duplicate-include', `Block '${include.block.$refText}' is already included earlier; its items would be asked twice.`, include, 'block');
    }
}

type Namespace = 'variable' | 'scale' | 'block' | 'variant' | 'indicator' | 'section' | 'test';

function namespaceOf(node: AstNode): Namespace | undefined {
    if (isQuestion(node) || isGrid(node) || isNote(node) || isDerived(node) || isSampleVariable(node)) return 'variable';
    if (isScale(node)) return 'scale';
    if (isBlock(node)) return 'block';
    if (isVariant(node)) return 'variant';
    if (isIndicator(node) || isDrivers(node)) return 'indicator';
    if (isSection(node)) return 'section';
    return undefined;
}

const KIND_WORD: Record<Namespace, string> = {
    variable: 'item', scale: 'scale', block: 'block', variant: 'variant', indicator: 'indicator', section: 'section', test: 'test'
};

/** A survey and everything it imports share one namespace per kind; so does a library with its imports. */
function checkDuplicateNames(ctx: CheckContext): void {
    const declared = new Map<string, AstNode[]>();
    const builtins = ctx.documents.getDocument(BUILTIN_URI);
    for (const doc of [...(builtins ? [builtins] : []), ...importClosure(ctx.document, ctx.documents)]) {
        const root = doc.parseResult.value as KtoFile;
        for (const node of AstUtils.streamAllContents(root)) {
            const ns = namespaceOf(node);
            const name = (node as { name?: string }).name;
            if (!ns || !name) continue;
            const key = `${ns} ${name}`;
            declared.set(key, [...(declared.get(key) ?? []), node]);
        }
        for (const test of root.declarations.filter(d => d.$type === 'TestCase')) {
            const key = `test ${(test as { name: string }).name}`;
            declared.set(key, [...(declared.get(key) ?? []), test]);
        }
    }
    for (const [key, nodes] of declared) {
        if (nodes.length < 2) continue;
        const [ns, name] = [key.slice(0, key.indexOf(' ')) as Namespace, key.slice(key.indexOf(' ') + 1)];
        const own = nodes.filter(n => AstUtils.getDocument(n) === ctx.document);
        // Within this file the first declaration stands; against an imported one, every own declaration clashes.
        const targets = own.length === nodes.length ? own.slice(1) : own.length > 0 ? own : [nodes[1]];
        for (const node of targets) {
            const first = nodes.find(n => n !== node)!;
            const where = isBuiltinUri(AstUtils.getDocument(first).uri) ? 'built in' : `already declared at ${placeOf(ctx, first)}`;
            ctx.report('duplicate-name', `The ${KIND_WORD[ns]} name '${name}' is ${where}.`, node, 'name');
        }
    }
}

function checkSettings(ctx: CheckContext): void {
    const header = ctx.root.survey ?? ctx.root.library;
    const seen = new Set<string>();
    for (const member of header?.members ?? []) {
        if (isVariant(member)) continue;
        if (seen.has(member.$type)) {
            ctx.report('duplicate-setting', `'${keywordOf(member)}' is already set above; only one value can hold.`, member);
        }
        seen.add(member.$type);
    }
}

function keywordOf(member: SurveyMember): string {
    return member.$cstNode?.text.split(/\s/)[0] ?? member.$type;
}

function checkLibraryItems(ctx: CheckContext): void {
    if (ctx.isSurvey) return;
    for (const d of ctx.root.declarations) {
        if (isQuestion(d) || isGrid(d) || isNote(d) || isIfBlock(d) || isEndStatement(d) || isInclude(d) || isSection(d)) {
            const what = isSection(d) ? 'A section' : 'An item';
            ctx.report('item-outside-survey', `${what} in a file without \`survey\` is never asked; put it in a \`block\` and include the block in a survey.`, d);
        }
    }
}

function checkScale(ctx: CheckContext, def: ScaleDefinition, owner: string, at: AstNode): void {
    const codes = (def as { codes?: ScaleCode[] }).codes ?? [];
    checkCodes(ctx, owner, codes);
    if (isYesNoScale(def)) {
        for (const code of codes.filter(c => !c.missing && c.value !== 0 && c.value !== 1)) {
            ctx.report('code-out-of-range', `A yes/no scale answers yes (1) or no (0); mark code ${code.value} \`missing\` if it is "weet niet" or similar, or make ${owner} a nominal scale.`, code, 'value');
        }
    }
    if (isCodeListScale(def) && !codes.some(c => !c.missing)) {
        ctx.report('empty-scale', `The code list of ${owner} has no answer codes; add them, e.g. \`1 eens "Eens"\`.`, at, isScale(at) ? 'name' : undefined);
    }
    if ((isGradeScale(def) || isNumericScale(def)) && def.min !== undefined && def.max !== undefined) {
        if (def.min > def.max) {
            ctx.report('invalid-range', `The range ${def.min}..${def.max} is empty: its lower bound is above its upper bound.`, def);
            return;
        }
        for (const code of codes) {
            const inside = code.value >= def.min && code.value <= def.max;
            if (code.missing && inside) {
                ctx.report('missing-code-in-range', `Missing code ${code.value} lies inside the valid range ${def.min}..${def.max}, so real answers ${code.value} would be left out of every base; use a code outside it (e.g. ${def.max < 99 ? 99 : def.max + 1}).`, code, 'value');
            } else if (!code.missing && (!inside || (isGradeScale(def) && !Number.isInteger(code.value)))) {
                ctx.report('code-out-of-range', `Code ${code.value} is outside the range ${def.min}..${def.max} of ${owner}; mark it \`missing\` if it is "weet niet" or similar.`, code, 'value');
            }
        }
    }
}

function checkCodes(ctx: CheckContext, owner: string, codes: ScaleCode[]): void {
    const byValue = new Map<number, ScaleCode>();
    const byName = new Map<string, ScaleCode>();
    const byLabel = new Map<string, ScaleCode>();
    for (const code of codes) {
        const sameValue = byValue.get(code.value);
        if (sameValue) ctx.report('duplicate-code', `Code ${code.value} is already used for "${sameValue.label?.value}" in ${owner} (${placeOf(ctx, sameValue)}).`, code, 'value');
        else byValue.set(code.value, code);
        if (code.name) {
            const sameName = byName.get(code.name);
            if (sameName) ctx.report('duplicate-name', `The label name '${code.name}' is already used in ${owner} for code ${sameName.value}.`, code, 'name');
            else byName.set(code.name, code);
        }
        const label = code.label?.value.trim().toLowerCase();
        if (label) {
            const sameLabel = byLabel.get(label);
            if (sameLabel) ctx.report('duplicate-label', `Codes ${sameLabel.value} and ${code.value} of ${owner} have the same text "${code.label.value}".`, code, 'label');
            else byLabel.set(label, code);
        }
    }
}

function checkGrid(ctx: CheckContext, grid: Grid): void {
    if (grid.rows.length === 0) {
        ctx.report('empty-grid', `Grid '${grid.name}' has no statements; add them as \`name "text"\` between its braces.`, grid, 'name');
        return;
    }
    const names = new Map<string, GridRow>();
    const texts = new Map<string, GridRow>();
    for (const row of grid.rows) {
        if (names.has(row.name)) ctx.report('duplicate-name', `Grid '${grid.name}' already has a statement named '${row.name}'.`, row, 'name');
        else names.set(row.name, row);
        const text = row.wording?.text?.value.trim().toLowerCase();
        if (!text) continue;
        const same = texts.get(text);
        if (same) ctx.report('duplicate-label', `This statement has the same text as '${same.name}' (${placeOf(ctx, same)}).`, row, 'wording');
        else texts.set(text, row);
    }
}
