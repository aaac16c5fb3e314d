import { inWords } from '@kto/emitters';
import type { Expression } from '@kto/language/ir';
import { itemsOf, scaleOf, type ItemModel, type LocalizedText, type ScreenOutModel, type SurveyModel, type Wording } from '@kto/model';
import { ROUTING_SCRIPT } from './generated/browser-scripts.js';
import { html, type Html } from './html.js';
import { ktoText } from './kto-syntax.js';
import { chosenLanguage, chosenVariant, languageName, localized, type PreviewOptions } from './options.js';
import { newNonce, renderPage } from './page.js';
import { layoutRouting, type GraphEdge, type GraphNode, type RoutingGraph } from './routing-graph.js';
import { ROUTING_STYLE } from './styles.js';

/**
 * The routing as a graph: sections as bands, items as nodes top-down in interview order, each
 * `if` a decision node with its condition in plain words and in kto syntax, screen-outs as
 * terminal nodes. The layout is computed here (see `layoutRouting`) and drawn as inline SVG; the
 * page script adds pan and zoom (wheel, drag) and shows a node's wording when it is clicked.
 */
export function generateRoutingHtml(model: SurveyModel, options: PreviewOptions = {}): string {
    const language = chosenLanguage(model, options.language);
    const variant = chosenVariant(model, options.variant);
    const graph = layoutRouting(model);
    const view = new GraphView(model, variant);
    const title = localized(model, model.title, language);
    const languageIndex = model.languages.indexOf(language);
    const languages = model.languages.length > 1
        ? html`<label>Language <select id="language">${model.languages.map((l, i) => html`<option value="${i}"${l === language ? html` selected` : ''}>${languageName(l)}</option>`)}</select></label>`
        : '';
    const variantNote = variant ? html` · wording for <strong>${localized(model, model.variants.find(v => v.name === variant)?.label, language) || variant}</strong>` : '';
    const body = html`<header class="toolbar">
<h1>${title} <span class="legend">— routing${variantNote}</span></h1>
<div class="controls">
${languages}
<button type="button" id="zoom-in" title="Zoom in">+</button>
<button type="button" id="zoom-out" title="Zoom out">−</button>
<button type="button" id="fit-width">Fit width</button>
<button type="button" id="fit-all">Whole graph</button>
<span class="legend">Scroll to zoom, drag to pan, click a node for its wording.</span>
</div>
</header>
<div class="stage">
${view.svg(graph)}
<aside id="details" aria-live="polite"><h2>Details</h2><p class="note-text">Click a node to see its wording, scale and condition.</p></aside>
</div>
<div hidden>${graph.nodes.map(n => html`<template id="detail-${n.id}">${view.details(n)}</template>`)}</div>`;
    return renderPage({
        title: `${title} — routing`,
        lang: language,
        nonce: options.nonce ?? newNonce(),
        style: ROUTING_STYLE + languageRules(model.languages.length),
        body,
        bodyAttributes: { 'data-lang-index': String(languageIndex) },
        script: ROUTING_SCRIPT
    });
}

/** Texts in every language are in the page, marked `l l-<index>`; these rules show the chosen one. */
function languageRules(count: number): string {
    return Array.from({ length: count }, (_, i) => `\nbody[data-lang-index="${i}"] .l:not(.l-${i}) { display: none; }`).join('');
}

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
/** Characters that fit a node line, from an average glyph width (12px sans ≈ 6.6px). */
const fit = (width: number, glyph = 6.6): number => Math.floor((width - 20) / glyph);

class GraphView {
    private readonly languages: string[];

    constructor(private readonly model: SurveyModel, private readonly variant: string) {
        this.languages = model.languages;
    }

    svg(graph: RoutingGraph): Html {
        const items = itemsOf(this.model).length;
        return html`<svg id="canvas" xmlns="http://www.w3.org/2000/svg" aria-label="${`Routing of ${this.model.id}: ${items} items`}" data-survey="${this.model.id}" data-width="${graph.width}" data-height="${graph.height}">
<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#6e7781"/></marker>
<marker id="arrow-end" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#cf222e"/></marker>
</defs>
<g id="viewport">
<g class="bands">${graph.bands.map((b, i) => this.band(b.section, b.y, b.height, graph.width, i))}</g>
<g class="edges">${graph.edges.map(e => this.edge(e))}</g>
<g class="nodes">${graph.nodes.map(n => this.node(n))}</g>
</g>
</svg>`;
    }

    /** Each text in every language, only the chosen one shown (see `languageRules`). */
    private each(render: (language: string, index: number) => Html): Html {
        return html`${this.languages.map((l, i) => render(l, i))}`;
    }

    private t(text: LocalizedText | undefined, language: string): string {
        return localized(this.model, text, language);
    }

    private wording(w: Wording | undefined, language: string): string {
        if (!w) return '';
        const own = this.variant ? w.variants?.[this.variant] : undefined;
        return own ? this.t(own, language) || this.t(w.text, language) : this.t(w.text, language);
    }

    private band(section: string, y: number, height: number, width: number, index: number): Html {
        const model = this.model.sections.find(s => s.name === section);
        const lines = Math.max(1, Math.floor((height - 22) / 15));
        return html`<g class="band-group" data-section="${section}"><rect class="band${index % 2 ? ' odd' : ''}" x="0" y="${y}" width="${width}" height="${height}"/>
${this.each((l, i) => html`<text class="band-title l l-${i}" x="12" y="${y + 20}">${wrap(this.t(model?.title, l) || section, 24, lines).map((line, n) => html`<tspan x="12" dy="${n === 0 ? 0 : 15}">${line}</tspan>`)}</text>`)}
${height >= 50 ? html`<text class="band-name mono" x="12" y="${y + height - 8}">${truncate(section, 26)}</text>` : ''}</g>`;
    }

    private edge(edge: GraphEdge): Html {
        const d = edge.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'} ${x} ${y}`).join(' ');
        const marker = edge.kind === 'ends' ? 'url(#arrow-end)' : 'url(#arrow)';
        return html`<path class="edge ${edge.kind}" data-from="${edge.from}" data-to="${edge.to}" d="${d}" marker-end="${marker}"/>${edge.label ? html`<text class="edge-label" x="${edge.label.x}" y="${edge.label.y}">${edge.label.text}</text>` : ''}`;
    }

    private node(node: GraphNode): Html {
        const { x, y, width: w, height: h } = node;
        const line1 = y + 17;
        const line2 = y + 33;
        const chars = fit(w);
        const group = (kind: string, label: string, shape: Html, texts: Html): Html =>
            html`<g class="node ${kind}" id="${node.id}" data-id="${node.id}"${node.element ? html` data-name="${node.element.name}"` : ''} tabindex="0" role="button" aria-label="${label}"><title>${label}</title>${shape}${texts}</g>`;
        const rect = html`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6"/>`;
        switch (node.kind) {
            case 'start': {
                const items = itemsOf(this.model).length;
                return group('start', `Start: ${this.t(this.model.title, this.languages[0])}`, html`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${h / 2}"/>`,
                    html`${this.each((l, i) => html`<text class="title l l-${i}" x="${x + 16}" y="${line1}">${truncate(`Start · ${this.t(this.model.title, l)}`, fit(w, 7.6))}</text>`)}<text class="kind" x="${x + 16}" y="${line2}">${items} items · ${this.model.sections.length} sections · ${this.model.id}</text>`);
            }
            case 'finish':
                return group('finish', 'End of the questionnaire', html`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${h / 2}"/>`,
                    html`<text class="title" x="${x + 16}" y="${line1}">End of the questionnaire</text><text class="kind" x="${x + 16}" y="${line2}">everyone who gets here completed the interview</text>`);
            case 'item': {
                const item = node.element as ItemModel;
                // An inline type (`text optional`, `integer 0..120`) is named `<item>#type`: show its kind.
                const scale = item.scale?.includes('#') ? scaleOf(this.model, item.scale)?.kind : item.scale;
                const kind = `${item.kind}${item.multi ? ' · multi' : ''}${scale ? ` · ${scale}` : ''}`;
                const kindText = truncate(kind, 26);
                return group(`item ${item.kind}`, `${item.name}: ${this.wording(item.wording, this.languages[0])}`, rect,
                    html`<text class="title mono" x="${x + 10}" y="${line1}">${truncate(item.name, chars - kindText.length - 4)}</text><text class="kind" x="${x + w - 10}" y="${line1}" text-anchor="end">${kindText}</text>
${this.each((l, i) => html`<text class="sub l l-${i}" x="${x + 10}" y="${line2}">${truncate(this.wording(item.wording, l), chars)}</text>`)}`);
            }
            case 'decision': {
                const condition = node.condition!;
                // An `else` reads as the `if` it is the other side of: "else (not: x is “Ja”)".
                const shown = node.otherwise && condition.kind === 'not' ? condition.operand : condition;
                const title = (language: string): string => {
                    const words = inWords(shown, this.model, language);
                    return node.element ? `end if ${words}` : node.otherwise ? `else (not: ${words})` : `if ${words}`;
                };
                const kto = ktoText(condition);
                const shape = html`<polygon points="${hexagon(x, y, w, h)}"/>`;
                return group(node.element ? 'decision screen-out' : 'decision', `${title(this.languages[0])} (${kto})`, shape,
                    html`${this.each((l, i) => html`<text class="title l l-${i}" x="${x + 14}" y="${line1}">${truncate(title(l), fit(w, 7.3))}</text>`)}<text class="sub mono" x="${x + 14}" y="${line2}">${truncate(kto, fit(w, 6.8))}</text>`);
            }
            case 'terminal': {
                const screenOut = node.element as ScreenOutModel;
                return group('terminal', `End of the interview (${screenOut.name}): ${this.wording(screenOut.text, this.languages[0])}`, rect,
                    html`<text class="title" x="${x + 10}" y="${line1}">■ END · ${screenOut.name}${screenOut.condition ? '' : ' (everyone who gets here)'}</text>
${this.each((l, i) => html`<text class="sub l l-${i}" x="${x + 10}" y="${line2}">${truncate(this.wording(screenOut.text, l), fit(w))}</text>`)}`);
            }
        }
    }

    // -------------------------------------------------------------- the details panel

    details(node: GraphNode): Html {
        const entries: Array<[string, Html | string]> = [];
        let heading: Html | string;
        const multi = (text: LocalizedText | undefined): Html =>
            html`${this.languages.filter(l => text?.[l]).map(l => html`<div><span class="lang">${l}</span>${text![l]}</div>`)}`;
        const wordingBlock = (w: Wording): Html =>
            html`${multi(w.text)}${Object.entries(w.variants ?? {}).map(([v, text]) => html`<div class="variant"><span class="lang">${v}:</span></div>${multi(text)}`)}`;
        const condition = (e: Expression | undefined, text?: string): Html =>
            e ? html`${this.each((l, i) => html`<div class="l l-${i}">${inWords(e, this.model, l)}</div>`)}<div><code>${text ?? ktoText(e)}</code></div>` : html`always`;
        switch (node.kind) {
            case 'start':
                heading = this.t(this.model.title, this.languages[0]);
                entries.push(['Survey', html`<code>${this.model.id}</code>${this.model.version ? ` · version ${this.model.version}` : ''}`]);
                entries.push(['Title', multi(this.model.title)]);
                entries.push(['Languages', this.languages.map(languageName).join(', ')]);
                if (this.model.variants.length) entries.push(['Respondent variants', html`${this.model.variants.map(v => html`<div><code>${v.name}</code> ${this.t(v.label, this.languages[0])}</div>`)}`]);
                entries.push(['Items', String(itemsOf(this.model).length)]);
                break;
            case 'finish':
                heading = 'End of the questionnaire';
                entries.push(['', 'Respondents who get here completed the interview.']);
                break;
            case 'item': {
                const item = node.element as ItemModel;
                heading = html`<code>${item.name}</code>`;
                entries.push(['Kind', `${item.kind}${item.multi ? ' (multi-select)' : ''}${item.optional && item.kind !== 'note' ? ', optional' : ''}${item.reversed ? ', reverse-coded' : ''}${item.block ? `, from block ${item.block}` : ''}`]);
                entries.push(['Wording', wordingBlock(item.wording)]);
                if (item.hint) entries.push(['Hint', wordingBlock(item.hint)]);
                if (item.rows?.length) entries.push(['Statements', html`${item.rows.map(r => html`<div><code>${item.name}.${r.name}</code></div>${multi(r.wording.text)}`)}`]);
                const scale = scaleOf(this.model, item.scale);
                if (scale) {
                    const range = scale.min !== undefined || scale.max !== undefined ? ` ${scale.min ?? ''}..${scale.max ?? ''}` : '';
                    const codes = [...scale.codes.map(c => ({ c, missing: false })), ...scale.missing.map(c => ({ c, missing: true }))];
                    entries.push(['Scale', html`<code>${scale.name}</code> ${scale.kind}${range}${codes.map(({ c, missing }) => html`<div>${c.value} = ${this.t(c.label, this.languages[0])}${missing ? ' (missing)' : ''}</div>`)}`]);
                }
                entries.push(['Asked when', condition(item.askedWhen, item.askedWhenText)]);
                if (item.description) entries.push(['Documentation', item.description]);
                break;
            }
            case 'decision':
                if (node.element) {
                    const screenOut = node.element as ScreenOutModel;
                    heading = `Screen-out ${screenOut.name}`;
                    entries.push(['Ends the interview when', condition(screenOut.condition, screenOut.conditionText)]);
                    entries.push(['Reached when', condition(screenOut.askedWhen, screenOut.askedWhenText)]);
                    entries.push(['End text', wordingBlock(screenOut.text)]);
                } else {
                    heading = node.otherwise ? 'Routing decision (else)' : 'Routing decision';
                    entries.push(['Condition', condition(node.condition)]);
                    entries.push(['Yes: asks', html`${(node.branch ?? []).map((name, i) => html`${i > 0 ? ', ' : ''}<code>${name}</code>`)}`]);
                    entries.push(['No', 'skips them and goes on below']);
                }
                break;
            case 'terminal': {
                const screenOut = node.element as ScreenOutModel;
                heading = `End of the interview (${screenOut.name})`;
                entries.push(['End text', wordingBlock(screenOut.text)]);
                entries.push(['Ends the interview when', screenOut.condition ? condition(screenOut.condition, screenOut.conditionText) : 'everyone who gets here']);
                entries.push(['Reached when', condition(screenOut.askedWhen, screenOut.askedWhenText)]);
                break;
            }
        }
        return html`<h2>${heading}</h2><dl>${entries.map(([label, value]) => html`${label ? html`<dt>${label}</dt>` : ''}<dd>${value}</dd>`)}</dl>`;
    }
}

function hexagon(x: number, y: number, w: number, h: number): string {
    const c = 10;
    return [[x + c, y], [x + w - c, y], [x + w, y + h / 2], [x + w - c, y + h], [x + c, y + h], [x, y + h / 2]].map(p => p.join(',')).join(' ');
}

/** Word-wraps a title into at most `lines` lines of about `width` characters. */
function wrap(text: string, width: number, lines: number): string[] {
    const out: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
        if (line && (line + ' ' + word).length > width) {
            out.push(line);
            line = word;
        } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
    if (out.length > lines) return [...out.slice(0, lines - 1), truncate(out.slice(lines - 1).join(' '), width)];
    return out.map(l => truncate(l, width + 6));
}
