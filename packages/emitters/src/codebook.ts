import { itemsOf, scaleOf, type ElementModel, type ItemModel, type LocalizedText, type ScaleModel, type SurveyModel, type Wording } from '@kto/model';
import type { Emitter } from './emitter.js';
import { html, type Html } from './html.js';
import { inWords } from './plain-words.js';

/**
 * A printable questionnaire and codebook in one HTML page, for paper surveys and review: every
 * item with its variable name, wording in every language (and per respondent variant), its
 * scale with codes, and its routing in plain words. Every survey text is escaped.
 */
export function codebookHtml(model: SurveyModel): string {
    const [lang] = model.languages;
    const t = (text: LocalizedText | undefined): string => (text ? text[lang] ?? Object.values(text)[0] ?? '' : '');
    const others = model.languages.slice(1);
    const translations = (text: LocalizedText | undefined): Html => html`${others.filter(l => text?.[l]).map(l => html`<div class="tr" lang="${l}"><span class="lang">${l}</span> ${text![l]}</div>`)}`;
    const wording = (w: Wording | undefined): Html => w ? html`<div class="text" lang="${lang}">${t(w.text)}</div>${translations(w.text)}${Object.entries(w.variants ?? {}).map(([v, text]) => html`<div class="variant"><span class="lang">${v}</span> ${t(text)}${translations(text)}</div>`)}` : html``;
    const scaleTable = (scale: ScaleModel | undefined, multi: boolean): Html => {
        if (!scale) return html``;
        const range = scale.min !== undefined || scale.max !== undefined ? `${scale.min ?? ''}..${scale.max ?? ''}` : '';
        const head = html`<div class="scale">${multi ? 'multi-select, ' : ''}${scale.kind}${range ? ` ${range}` : ''}${scale.unit ? ` (${t(scale.unit)})` : ''} — <code>${scale.name}</code></div>`;
        // A grade is answered on every value of its range, not only on the anchors that have labels.
        const valid = scale.kind === 'grade' && scale.min !== undefined && scale.max !== undefined && scale.max - scale.min <= 20
            ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min! + i)
                .map(value => scale.codes.find(c => c.value === value) ?? { value, label: {} as LocalizedText })
            : scale.codes;
        const codes = [...valid.map(c => ({ ...c, missing: false })), ...scale.missing.map(c => ({ ...c, missing: true }))];
        if (codes.length === 0) return head;
        return html`${head}<table class="codes"><tbody>${codes.map(c => html`<tr class="${c.missing ? 'missing' : ''}"><td class="box">☐</td><td class="code">${c.value}</td><td>${t(c.label)}${c.missing ? html` <em>(missing)</em>` : ''}</td></tr>`)}</tbody></table>`;
    };
    const routing = (el: ElementModel): Html => el.askedWhen
        ? html`<div class="routing">Asked when ${inWords(el.askedWhen, model)} <code>${el.askedWhenText ?? ''}</code></div>`
        : html``;
    const item = (it: ItemModel): Html => {
        const scale = scaleOf(model, it.scale);
        const flags = [it.optional && it.kind !== 'note' ? 'optional' : '', it.reversed ? 'reverse-coded' : '', it.block ? `from block ${it.block}` : ''].filter(Boolean).join(', ');
        const rows = it.rows ? html`<table class="rows"><tbody>${it.rows.map(r => html`<tr><td><code>${it.name}.${r.name}</code>${r.reversed ? ' (reverse-coded)' : ''}</td><td>${wording(r.wording)}</td></tr>`)}</tbody></table>` : html``;
        return html`<article class="item ${it.kind}" id="${it.name}">
<header><code class="var">${it.name}</code> <span class="kind">${it.kind}</span>${flags ? html` <span class="flags">${flags}</span>` : ''}</header>
${routing(it)}${wording(it.wording)}${it.hint ? html`<div class="hint">${wording(it.hint)}</div>` : ''}${it.description ? html`<p class="doc">${it.description}</p>` : ''}${rows}${scaleTable(scale, it.multi === true)}
</article>`;
    };
    const element = (el: ElementModel): Html => el.kind === 'screen-out'
        ? html`<article class="screen-out" id="${el.name}"><header><span class="kind">end of interview</span></header>${routing(el)}<div class="routing">Ends the interview ${el.condition ? `when ${inWords(el.condition, model)}` : 'for everyone who gets here'}</div>${wording(el.text)}</article>`
        : item(el);
    const meta = [
        model.version && `version ${model.version}`, model.wave && `wave ${model.wave.name}`, model.previousWave && `compared with ${model.previousWave}`,
        `languages ${model.languages.join(', ')}`, model.invited !== undefined && `${model.invited} invited`
    ].filter(Boolean).join(' · ');
    const derived = model.derived.length ? html`<section><h2>Derived variables</h2><table class="derived"><tbody>${model.derived.map(d => html`<tr><td><code>${d.name}</code></td><td>${t(d.label)}</td><td><code>${d.expressionText}</code></td></tr>`)}</tbody></table></section>` : html``;
    const indicators = model.indicators.length ? html`<section><h2>Indicators</h2><table class="indicators"><tbody>${model.indicators.map(i => html`<tr><td><code>${i.name}</code></td><td>${t(i.label)}</td><td><code>${i.formulaText}</code>${i.filterText ? html` where <code>${i.filterText}</code>` : ''}${i.breakdowns.length ? ` by ${i.breakdowns.join(', ')}` : ''}${i.minN ? ` · min n ${i.minN.indicative}` : ''}</td></tr>`)}</tbody></table></section>` : html``;
    const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${t(model.title)} — codebook</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${t(model.title)}</h1>
${translations(model.title)}
<p class="meta">${meta} · ${itemsOf(model).length} items</p>
${model.sections.map(s => html`<section class="page" id="section-${s.name}"><h2>${s.title ? t(s.title) : s.name}</h2>${translations(s.title)}${s.elements.map(element)}</section>`)}
${derived}
${indicators}
</body>
</html>
`;
    return page.value;
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}.meta{color:#555}section.page{border-top:2px solid #444;margin-top:2rem}
article{border-bottom:1px solid #ddd;padding:.6rem 0;break-inside:avoid}header{font-size:.85rem;color:#555}
code{font-family:ui-monospace,monospace;font-size:.85em}.var{font-weight:bold;color:#000}.kind{text-transform:uppercase;font-size:.75rem;letter-spacing:.05em}
.flags{color:#a50}.routing{color:#06c;font-size:.9rem}.text{font-weight:600;margin:.2rem 0}.tr,.variant{color:#555;font-size:.9rem}
.lang{display:inline-block;min-width:2.4em;font:.75rem ui-monospace,monospace;color:#888}.hint{font-style:italic}
table{border-collapse:collapse;margin:.3rem 0}td{padding:.1rem .5rem;vertical-align:top}.codes .code{color:#555;text-align:right}
.missing{color:#777}.screen-out{background:#fff4f4}.scale{font-size:.85rem;color:#555}
@media print{body{margin:0;max-width:none}.routing{color:#000}a{color:inherit}}`;

export const codebookEmitter: Emitter = {
    target: 'codebook',
    description: 'a printable questionnaire and codebook (HTML) with routing in plain words',
    emit: model => [{ path: `${model.id}.codebook.html`, content: codebookHtml(model) }]
};
