import type { SurveyModel } from '@kto/model';

export interface PreviewOptions {
    /** The survey language to show first (default: the survey's first language). */
    language?: string;
    /** The respondent variant to show first (default: the default respondent). */
    variant?: string;
    /** The script nonce (default: a fresh random one). */
    nonce?: string;
}

/** The language asked for when the survey declares it, else the default language. */
export function chosenLanguage(model: SurveyModel, language: string | undefined): string {
    return language && model.languages.includes(language) ? language : model.languages[0];
}

/** The variant asked for when the survey declares it, else '' (the default respondent). */
export function chosenVariant(model: SurveyModel, variant: string | undefined): string {
    return variant && model.variants.some(v => v.name === variant) ? variant : '';
}

/** "English (en)"; the code itself where the runtime has no name for it. */
export function languageName(code: string): string {
    try {
        const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
        return name && name !== code ? `${name} (${code})` : code;
    } catch {
        return code;
    }
}

/** A localized text in `language`, else in the survey's default language. */
export function localized(model: SurveyModel, text: Record<string, string> | undefined, language: string): string {
    if (!text) return '';
    return text[language] ?? text[model.languages[0]] ?? Object.values(text)[0] ?? '';
}
