import { inWords } from '@kto/emitters';
import { elementsOf, type SurveyModel } from '@kto/model';
import type { Expression } from '@kto/language/ir';
import { QUESTIONNAIRE_SCRIPT } from './generated/browser-scripts.js';
import { html } from './html.js';
import { ktoText } from './kto-syntax.js';
import { chosenLanguage, chosenVariant, languageName, localized, type PreviewOptions } from './options.js';
import { newNonce, renderPage } from './page.js';
import type { ConditionText, QuestionnaireData } from './questionnaire-data.js';
import { QUESTIONNAIRE_STYLE } from './styles.js';

/**
 * The questionnaire as a respondent sees it, interactive: every answer runs the reference
 * evaluator in the page and shows only the items that respondent is asked. A self-contained page
 * (see `renderPage`): the model goes in as JSON, the page script renders it with the DOM.
 */
export function generateQuestionnaireHtml(model: SurveyModel, options: PreviewOptions = {}): string {
    const language = chosenLanguage(model, options.language);
    const variant = chosenVariant(model, options.variant);
    const data: QuestionnaireData = {
        model: { ...model, indicators: [], drivers: [], tests: [] },
        language,
        variant,
        conditions: conditionTexts(model)
    };
    const title = localized(model, model.title, language);
    const languages = model.languages.length > 1
        ? html`<label>Language <select id="language">${model.languages.map(l => html`<option value="${l}"${l === language ? html` selected` : ''}>${languageName(l)}</option>`)}</select></label>`
        : '';
    const variants = model.variants.length > 0
        ? html`<label>Respondent <select id="variant"><option value="">Default</option>${model.variants.map(v => html`<option value="${v.name}"${v.name === variant ? html` selected` : ''}>${localized(model, v.label, language) || v.name} (${v.name})</option>`)}</select></label>`
        : '';
    const body = html`<header class="toolbar">
<h1 id="survey-title">${title}</h1>
<div class="controls">
${languages}
${variants}
<label><input type="checkbox" id="show-all"> Show all items with their conditions</label>
<button type="button" id="reset">Reset answers</button>
<button type="button" id="toggle-path" aria-pressed="true">Path</button>
</div>
</header>
<div class="layout">
<main id="survey" aria-live="polite"><p>Loading the questionnaire…</p></main>
<aside id="path" aria-label="Path through the questionnaire">
<h2>Path</h2>
<p class="note-text">The items this respondent is asked, in order, by the reference evaluator.</p>
<ol id="path-list"></ol>
<p id="path-end"></p>
<div id="path-derived-box"><h3>Derived values</h3><table class="derived"><tbody id="path-derived"></tbody></table></div>
</aside>
</div>
<noscript><p>The questionnaire preview needs scripts to be enabled.</p></noscript>`;
    return renderPage({
        title: `${title} — questionnaire preview`,
        lang: language,
        nonce: options.nonce ?? newNonce(),
        style: QUESTIONNAIRE_STYLE,
        body,
        data,
        script: QUESTIONNAIRE_SCRIPT
    });
}

function conditionTexts(model: SurveyModel): QuestionnaireData['conditions'] {
    const inAll = (e: Expression, kto: string): ConditionText => ({
        kto,
        words: Object.fromEntries(model.languages.map(l => [l, inWords(e, model, l)]))
    });
    const conditions: QuestionnaireData['conditions'] = {};
    for (const element of elementsOf(model)) {
        const entry: QuestionnaireData['conditions'][string] = {};
        if (element.askedWhen) entry.askedWhen = inAll(element.askedWhen, element.askedWhenText ?? ktoText(element.askedWhen));
        if (element.kind === 'screen-out' && element.condition) entry.endsWhen = inAll(element.condition, element.conditionText ?? ktoText(element.condition));
        conditions[element.name] = entry;
    }
    return conditions;
}
