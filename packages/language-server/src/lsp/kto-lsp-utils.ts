import { AstUtils, type AstNode, type LangiumDocuments } from 'langium';
import {
    BUILTIN_URI, domainOfDefinition, domainOfScale, domainOfTypeRef, isKtoFile, isLanguagesSetting, isScale, isScaleCode, isTypeRef,
    type Domain, type KtoFile, type ScaleCode, type Text
} from '@kto/language';

/** What the editor features share: languages, texts, labels. */

/** The file's declared languages, the default first (`nl` when none are declared). */
export function languagesOf(node: AstNode): string[] {
    const root = AstUtils.findRootNode(node);
    if (!isKtoFile(root)) return ['nl'];
    const header = root.survey ?? root.library;
    const setting = header?.members.find(isLanguagesSetting);
    return setting?.languages.length ? [...setting.languages] : ['nl'];
}

/** A text in one language (the translation, or the default text when there is none). */
export function textIn(text: Text | undefined, language?: string): string | undefined {
    if (!text) return undefined;
    if (!language) return text.value;
    return text.translations.find(t => t.lang === `@${language}`)?.value ?? text.value;
}

/** The scale (or inline type) a code belongs to. */
export function domainOfCode(code: ScaleCode): Domain | undefined {
    const definition = code.$container;
    const owner = definition?.$container;
    if (isScale(owner)) return domainOfScale(owner);
    if (isTypeRef(owner)) return domainOfTypeRef(owner);
    return definition ? domainOfDefinition(definition, undefined) : undefined;
}

/** The name of the scale a code belongs to ("Akkoord5", or the inline type as written). */
export function scaleNameOfCode(code: ScaleCode): string {
    return domainOfCode(code)?.name ?? 'scale';
}

/** `4 = "Mee eens"` or `missing 9 = "Weet niet"`. */
export function codeSummary(code: ScaleCode, language?: string): string {
    return `${code.missing ? 'missing ' : ''}${code.value} = "${textIn(code.label, language) ?? ''}"`;
}

/** The labels (named codes) a value on this domain can be compared with; `yes`/`no` on every yes/no scale. */
export function labelsOf(domain: Domain, documents: LangiumDocuments): ScaleCode[] {
    const codes = [...domain.codes, ...domain.missing].filter(c => c.name);
    if (domain.kind === 'yesno' && !codes.some(c => c.name === 'yes')) codes.push(...builtinYesNo(documents));
    return codes;
}

export function builtinYesNo(documents: LangiumDocuments): ScaleCode[] {
    const root = documents.getDocument(BUILTIN_URI)?.parseResult.value as KtoFile | undefined;
    const yesno = root?.declarations.find(d => isScale(d) && d.name === 'yesno');
    const codes = isScale(yesno) ? (yesno.definition as { codes?: ScaleCode[] }).codes ?? [] : [];
    return codes.filter(isScaleCode);
}

/** The operators a label may stand on the right of (as in the language's label-context.ts). */
export const COMPARISONS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=', 'contains']);

/** Markdown-safe inline text. */
export function md(text: string): string {
    return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** A one-line excerpt of a long text. */
export function shorten(text: string, max = 80): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
