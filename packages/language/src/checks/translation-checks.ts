import { AstUtils, type LangiumDocument } from 'langium';
import { isText, isTypeRef, isWording, type KtoFile, type Text } from '../generated/ast.js';
import { BUILTIN_URI, isBuiltinUri } from '../builtins.js';
import { importTarget } from '../scoping/imports.js';
import { declaredLanguages, lineOf, relativePath, type CheckContext } from './check-context.js';

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });

export function languageName(code: string): string {
    try {
        const name = displayNames.of(code);
        return name && name !== code ? `${name} (${code})` : code;
    } catch {
        return code;
    }
}

/** "an English (en)", "a Dutch (nl)". */
export function withArticle(name: string): string {
    return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/**
 * Every text needs each declared language. Unmarked text is in the default (first) language.
 * A file imported into a survey must provide the survey's languages too: what it lacks is
 * reported at the import, since the survey is what respondents see.
 */
export function checkTranslations(ctx: CheckContext): void {
    const [defaultLanguage, ...others] = ctx.languages;
    for (const text of AstUtils.streamAllContents(ctx.root).filter(isText)) {
        const seen = new Set<string>();
        for (const translation of text.translations) {
            const lang = translation.lang.slice(1);
            if (lang === defaultLanguage) {
                ctx.report('duplicate-translation', `The text itself is already in ${languageName(lang)}, the default language; remove this translation or the other.`, translation);
            } else if (seen.has(lang)) {
                ctx.report('duplicate-translation', `This text already has ${withArticle(languageName(lang))} translation.`, translation);
            } else if (!others.includes(lang) && (ctx.isSurvey || declaredLanguages(ctx.root))) {
                ctx.report('unknown-language', `${languageName(lang)} is not among the declared languages (${ctx.languages.join(', ')}), so this translation is never shown.`, translation);
            }
            seen.add(lang);
        }
        for (const lang of others) {
            if (!seen.has(lang)) {
                ctx.report('missing-translation', `Missing ${languageName(lang)} translation of "${shorten(text.value)}".`, text, 'value', { language: lang });
            }
        }
    }
    if (ctx.isSurvey) {
        checkImportedTranslations(ctx, others);
        checkBuiltinTranslations(ctx, others);
    }
    checkVariantWordings(ctx);
}

/** The built-in yes/no has labels in a few languages; a survey in another one needs its own scale. */
function checkBuiltinTranslations(ctx: CheckContext, needed: string[]): void {
    const use = AstUtils.streamAllContents(ctx.root).filter(isTypeRef).find(t => t.scale?.ref && isBuiltinUri(AstUtils.getDocument(t.scale.ref).uri));
    const builtins = ctx.documents.getDocument(BUILTIN_URI);
    if (!use || !builtins) return;
    const provided = declaredLanguages(builtins.parseResult.value as KtoFile) ?? [];
    for (const lang of needed.filter(l => !provided.includes(l))) {
        ctx.report('missing-translation', `The built-in yes/no has no ${languageName(lang)} labels; declare your own, e.g. \`scale JaNee: yesno { 1 yes "Ja" @${lang} "..." 0 no "Nee" @${lang} "..." }\`.`, use, undefined, { language: lang });
    }
}

/** Wording for the same respondent variant given twice: one would be silently lost. */
function checkVariantWordings(ctx: CheckContext): void {
    for (const wording of AstUtils.streamAllContents(ctx.root).filter(isWording)) {
        const seen = new Set<string>();
        for (const variant of wording.variants) {
            const name = variant.variant.$refText;
            if (seen.has(name)) ctx.report('duplicate-translation', `This text already has wording for variant '${name}'.`, variant);
            seen.add(name);
        }
    }
}

function checkImportedTranslations(ctx: CheckContext, needed: string[]): void {
    for (const imp of ctx.root.imports) {
        const target = ctx.documents.getDocument(importTarget(imp));
        if (!target || isBuiltinUri(target.uri)) continue;
        const own = declaredLanguages(target.parseResult.value as KtoFile) ?? [];
        for (const lang of needed.filter(l => !own.includes(l))) {
            const lacking = textsLacking(target, lang);
            if (lacking.length === 0) continue;
            const file = relativePath(ctx.document, target);
            const count = lacking.length === 1 ? 'a text' : `${lacking.length} texts`;
            ctx.report('missing-translation', `${file} has ${count} without ${withArticle(languageName(lang))} translation, which this survey needs (first at line ${lineOf(lacking[0])}: "${shorten(lacking[0].value)}").`, imp, 'path', { language: lang });
        }
    }
}

function textsLacking(document: LangiumDocument, lang: string): Text[] {
    return AstUtils.streamAllContents(document.parseResult.value).filter(isText)
        .filter(t => !t.translations.some(tr => tr.lang.slice(1) === lang)).toArray();
}

function shorten(text: string): string {
    return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}
