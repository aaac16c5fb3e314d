import { DocumentState, UriUtils, type LangiumCoreServices, type LangiumDocument } from 'langium';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { KtoFile } from '@kto/language';
import { lowerSurvey } from '@kto/model';
import { generateErrorHtml, type PreviewProblem } from './error-page.js';
import type { PreviewOptions } from './options.js';
import { generateQuestionnaireHtml } from './questionnaire.js';
import { generateRoutingHtml } from './routing.js';

export type PreviewKind = 'questionnaire' | 'routing';

/** `kto/preview`: the preview of a document, as the editor has it now (saved or not). */
export interface PreviewParams {
    uri: string;
    kind: PreviewKind;
    language?: string;
    variant?: string;
}

/** The page, or why there is none (no such document, an unknown kind). A definition with errors gets a page listing them. */
export type PreviewResult = { html: string } | { error: string };

export const PREVIEW_KINDS: readonly PreviewKind[] = ['questionnaire', 'routing'];

/**
 * The preview page of a built (validated) document: the survey's questionnaire or routing graph,
 * or, when the definition has errors, a page listing them. Reads the model the compiler reads
 * (`lowerSurvey`), so the preview shows what `kto build` would emit.
 */
export function previewDocument(document: LangiumDocument, services: LangiumCoreServices, kind: PreviewKind, options: PreviewOptions = {}): PreviewResult {
    if (document.state < DocumentState.Validated) return { error: `${document.uri.toString()} is not checked yet` };
    const file = UriUtils.basename(document.uri);
    const what = kind === 'questionnaire' ? 'Questionnaire preview' : 'Routing graph';
    const errors = (document.diagnostics ?? []).filter(d => d.severity === DiagnosticSeverity.Error);
    if (errors.length > 0) {
        const lines = document.textDocument.getText().split(/\r?\n/);
        const problems: PreviewProblem[] = errors.map(d => ({
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            message: typeof d.message === 'string' ? d.message : d.message.value,
            code: d.code === undefined ? undefined : String(d.code),
            source: lines[d.range.start.line]
        }));
        const count = errors.length === 1 ? 'one error' : `${errors.length} errors`;
        return { html: generateErrorHtml(`${what}: ${file} has ${count}`, file, `The preview shows the survey again once ${errors.length === 1 ? 'it is' : 'they are'} fixed.`, problems) };
    }
    const root = document.parseResult.value as KtoFile;
    if (!root.survey) {
        return { html: generateErrorHtml(`${what}: ${file} is a library`, file, 'A library holds scales and blocks for surveys to import; open a survey (a file starting with `survey`) to preview it.') };
    }
    try {
        const model = lowerSurvey(root, services.documentation.CommentProvider);
        return { html: kind === 'questionnaire' ? generateQuestionnaireHtml(model, options) : generateRoutingHtml(model, options) };
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { html: generateErrorHtml(`${what}: ${file} cannot be shown`, file, `kto could not read this survey: ${message}`) };
    }
}
