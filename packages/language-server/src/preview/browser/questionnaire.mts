// The questionnaire preview's page script: renders the survey from the model embedded in the page
// and runs the reference evaluator (`interview`) on every answer, so the routing the respondent
// sees is exactly the one every compiled target is tested against. Survey text only ever enters
// the page through `textContent` / attribute values set by the DOM, never as markup.
import { interview, type InterviewResult } from '@kto/model/interview';
import type { AnswerValue, ElementModel, ItemModel, LocalizedText, ScaleModel, ScreenOutModel, SectionModel, Wording } from '@kto/model/model';
import type { ConditionText, QuestionnaireData } from '../questionnaire-data.js';

interface VsCodeApi {
    getState(): unknown;
    setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface State {
    survey: string;
    /** The language and variant the editor asked for, to tell a refresh from a new request. */
    requested: string;
    answers: Record<string, AnswerValue>;
    language: string;
    /** '' = the default respondent. */
    variant: string;
    showAll: boolean;
}

const data = JSON.parse(document.getElementById('kto-data')!.textContent!) as QuestionnaireData;
const model = data.model;
const defaultLanguage = model.languages[0];
const scales = new Map(model.scales.map(s => [s.name, s]));
const elements: ElementModel[] = model.sections.flatMap(s => s.elements);
const orderOf = new Map(elements.map(e => [e.name, e.order]));
const byName = new Map(elements.map(e => [e.name, e]));
const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

const state: State = initialState();
/** The rendered element per name, with what `update` changes in it. */
const views = new Map<string, ElementView>();
let sectionViews: Array<{ node: HTMLElement; names: string[] }> = [];

interface ElementView {
    node: HTMLElement;
    why: HTMLElement;
    clear?: HTMLButtonElement;
    keys: string[];
}

/**
 * The state kept by the webview across refreshes (VS Code's `getState`): the answers, and the
 * language and variant chosen in the page, unless the editor now asks for other ones.
 */
function initialState(): State {
    const requested = `${data.language}|${data.variant}`;
    const fresh: State = { survey: model.id, requested, answers: {}, language: data.language, variant: data.variant, showAll: false };
    const saved = vscode?.getState() as Partial<State> | undefined;
    if (!saved || saved.survey !== model.id) return fresh;
    const keep = saved.requested === requested;
    return {
        ...fresh,
        answers: saved.answers ?? {},
        language: keep && saved.language && model.languages.includes(saved.language) ? saved.language : data.language,
        variant: keep && saved.variant !== undefined && (saved.variant === '' || model.variants.some(v => v.name === saved.variant)) ? saved.variant : data.variant,
        showAll: saved.showAll ?? false
    };
}

// ------------------------------------------------------------------ small DOM helpers

type Child = Node | string | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === false) continue;
        node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) {
        if (child === undefined || child === false) continue;
        node.append(child);
    }
    return node;
}

function text(t: LocalizedText | undefined): string {
    if (!t) return '';
    return t[state.language] ?? t[defaultLanguage] ?? Object.values(t)[0] ?? '';
}

/** The wording for the chosen respondent variant (its own text where it has one). */
function wording(w: Wording | undefined): { text: string; variant: boolean } {
    if (!w) return { text: '', variant: false };
    const own = state.variant ? w.variants?.[state.variant] : undefined;
    if (own) return { text: own[state.language] ?? own[defaultLanguage] ?? text(w.text), variant: true };
    return { text: text(w.text), variant: false };
}

function words(condition: ConditionText | undefined): Array<Node | string> {
    if (!condition) return [];
    return [condition.words[state.language] ?? condition.words[defaultLanguage] ?? condition.kto, ' ', h('code', {}, condition.kto)];
}

// ------------------------------------------------------------------ answers

interface Choice {
    value: number;
    label: string;
    /** An anchor label of a grade (1 = "Zeer slecht"). */
    anchor?: string;
    missing: boolean;
}

function choices(scale: ScaleModel): Choice[] {
    const missing = scale.missing.map(c => ({ value: c.value, label: text(c.label), missing: true }));
    if (scale.kind === 'grade' && scale.min !== undefined && scale.max !== undefined && scale.max - scale.min <= 20) {
        const grades: Choice[] = [];
        for (let v = scale.min; v <= scale.max; v++) {
            const code = scale.codes.find(c => c.value === v);
            grades.push({ value: v, label: String(v), anchor: code ? text(code.label) : undefined, missing: false });
        }
        return [...grades, ...missing];
    }
    return [...scale.codes.map(c => ({ value: c.value, label: text(c.label), missing: false })), ...missing];
}

function isCoded(scale: ScaleModel): boolean {
    return scale.kind === 'yesno' || scale.kind === 'ordinal' || scale.kind === 'nominal' || (scale.kind === 'grade' && scale.max !== undefined && scale.min !== undefined && scale.max - scale.min <= 20);
}

function setAnswer(key: string, value: AnswerValue | undefined): void {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete state.answers[key];
    else state.answers[key] = value;
    update();
}

/** The control for one answer (a question, a grid statement in a table cell excepted, a sample variable). */
function control(key: string, scale: ScaleModel | undefined, multi: boolean, label: string): HTMLElement {
    if (!scale) return h('div', { class: 'control' });
    const answer = state.answers[key];
    if (multi) {
        const box = h('div', { class: 'choices', role: 'group', 'aria-label': label });
        for (const choice of choices(scale)) {
            const input = h('input', { type: 'checkbox', value: String(choice.value), 'data-key': key });
            input.checked = Array.isArray(answer) && answer.includes(choice.value);
            input.addEventListener('change', () => {
                const chosen = [...box.querySelectorAll<HTMLInputElement>('input:checked')].map(i => Number(i.value));
                setAnswer(key, chosen);
            });
            box.append(h('label', { class: choice.missing ? 'choice missing' : 'choice' }, input, ' ', h('span', {}, choice.label)));
        }
        return box;
    }
    if (scale.kind === 'grade' && isCoded(scale)) return gradeButtons(key, scale, label);
    if (isCoded(scale)) {
        const box = h('div', { class: 'choices', role: 'radiogroup', 'aria-label': label });
        for (const choice of choices(scale)) {
            const input = h('input', { type: 'radio', name: key, value: String(choice.value), 'data-key': key });
            input.checked = answer === choice.value;
            input.addEventListener('change', () => setAnswer(key, choice.value));
            box.append(h('label', { class: choice.missing ? 'choice missing' : 'choice' }, input, ' ', h('span', {}, choice.label)));
        }
        return box;
    }
    return freeAnswer(key, scale, label);
}

/** A grade: a row of buttons, the anchor labels under the ends, missing codes apart. */
function gradeButtons(key: string, scale: ScaleModel, label: string): HTMLElement {
    const row = h('div', { class: 'grades', role: 'group', 'aria-label': label });
    const all = choices(scale);
    for (const choice of all) {
        const button = h('button', {
            type: 'button', class: choice.missing ? 'grade missing' : 'grade', 'data-key': key, 'data-value': String(choice.value),
            title: choice.anchor ?? (choice.missing ? undefined : choice.label)
        }, choice.label);
        button.setAttribute('aria-pressed', String(state.answers[key] === choice.value));
        button.addEventListener('click', () => {
            setAnswer(key, state.answers[key] === choice.value ? undefined : choice.value);
            for (const b of row.querySelectorAll('button')) b.setAttribute('aria-pressed', String(state.answers[key] === Number(b.dataset.value)));
        });
        row.append(button);
    }
    const anchors = all.filter(c => c.anchor);
    const legend = anchors.length > 0 ? h('div', { class: 'anchors' }, anchors.map(c => `${c.value} = ${c.anchor}`).join(' · ')) : undefined;
    return h('div', { class: 'control' }, row, legend);
}

/** Numbers, text and dates; a scale's missing codes as buttons beside the field. */
function freeAnswer(key: string, scale: ScaleModel, label: string): HTMLElement {
    const answer = state.answers[key];
    const isMissing = typeof answer === 'number' && scale.missing.some(m => m.value === answer);
    let input: HTMLInputElement | HTMLTextAreaElement;
    if (scale.kind === 'text') {
        input = h('textarea', { rows: '2', 'data-key': key, 'aria-label': label });
    } else if (scale.kind === 'date') {
        input = h('input', { type: 'date', 'data-key': key, 'aria-label': label });
    } else {
        input = h('input', {
            type: 'number', 'data-key': key, 'aria-label': label,
            min: scale.min === undefined ? undefined : String(scale.min),
            max: scale.max === undefined ? undefined : String(scale.max),
            step: scale.kind === 'integer' ? '1' : 'any'
        });
    }
    if (answer !== undefined && !isMissing && !Array.isArray(answer)) input.value = String(answer);
    input.addEventListener('input', () => {
        const raw = input.value.trim();
        if (scale.kind === 'text' || scale.kind === 'date') {
            setAnswer(key, raw === '' ? undefined : raw);
        } else {
            const n = raw === '' ? NaN : Number(raw);
            setAnswer(key, Number.isFinite(n) ? n : undefined);
        }
        for (const b of box.querySelectorAll('button.missing')) b.setAttribute('aria-pressed', 'false');
    });
    const unit = scale.unit ? h('span', { class: 'unit' }, text(scale.unit)) : undefined;
    const box = h('div', { class: 'control free' }, input, unit);
    for (const code of scale.missing) {
        const button = h('button', { type: 'button', class: 'grade missing', 'data-key': key, 'data-value': String(code.value) }, text(code.label));
        button.setAttribute('aria-pressed', String(answer === code.value));
        button.addEventListener('click', () => {
            const on = state.answers[key] !== code.value;
            input.value = '';
            setAnswer(key, on ? code.value : undefined);
            for (const b of box.querySelectorAll('button.missing')) b.setAttribute('aria-pressed', String(on && b === button));
        });
        box.append(button);
    }
    return box;
}

/** A grid: one row per statement, one column per code (matrix), or one field per statement. */
function gridTable(item: ItemModel, scale: ScaleModel | undefined): HTMLElement {
    const rows = item.rows ?? [];
    if (!scale || !isCoded(scale) || item.multi) {
        return h('div', { class: 'grid-rows' }, ...rows.map(row => {
            const key = `${item.name}.${row.name}`;
            const statement = wording(row.wording).text;
            return h('div', { class: 'grid-row', 'data-row': row.name }, h('div', { class: 'statement' }, statement), control(key, scale, item.multi ?? false, statement));
        }));
    }
    const columns = choices(scale);
    const head = h('tr', {}, h('th', {}), ...columns.map(c => h('th', { scope: 'col', class: c.missing ? 'missing' : undefined, title: c.anchor }, c.label)));
    const body = rows.map(row => {
        const key = `${item.name}.${row.name}`;
        const statement = wording(row.wording).text;
        const cells = columns.map(c => {
            const input = h('input', { type: 'radio', name: key, value: String(c.value), 'data-key': key, 'aria-label': `${statement}: ${c.label}` });
            input.checked = state.answers[key] === c.value;
            input.addEventListener('change', () => setAnswer(key, c.value));
            return h('td', { class: c.missing ? 'missing' : undefined }, input);
        });
        return h('tr', { 'data-row': row.name }, h('th', { scope: 'row' }, statement), ...cells);
    });
    return h('div', { class: 'grid-scroll' }, h('table', { class: 'grid' }, h('thead', {}, head), h('tbody', {}, ...body)));
}

// ------------------------------------------------------------------ rendering

function renderItem(item: ItemModel): ElementView {
    const scale = item.scale ? scales.get(item.scale) : undefined;
    const w = wording(item.wording);
    const heading = h('div', { class: 'wording' },
        h('span', { class: 'name' }, item.name),
        h('span', { class: w.variant ? 'text variant-wording' : 'text' }, w.text),
        w.variant ? h('span', { class: 'badge', title: 'wording for this respondent variant' }, state.variant) : undefined,
        item.optional && item.kind !== 'note' ? h('span', { class: 'badge optional' }, 'optional') : undefined);
    const hint = item.hint ? h('div', { class: 'hint' }, wording(item.hint).text) : undefined;
    const why = h('div', { class: 'why' });
    let body: HTMLElement | undefined;
    let keys: string[] = [];
    if (item.kind === 'question') {
        body = control(item.name, scale, item.multi ?? false, w.text);
        keys = [item.name];
    } else if (item.kind === 'grid') {
        body = gridTable(item, scale);
        keys = (item.rows ?? []).map(r => `${item.name}.${r.name}`);
    }
    const clear = keys.length > 0 ? h('button', { type: 'button', class: 'clear', title: 'Clear this answer' }, 'Clear') : undefined;
    clear?.addEventListener('click', () => {
        for (const key of keys) delete state.answers[key];
        render();
    });
    const node = h('div', { class: `element ${item.kind}`, 'data-name': item.name, 'data-kind': item.kind, id: `item-${item.name}` }, heading, hint, body, h('div', { class: 'foot' }, why, clear));
    return { node, why, clear, keys };
}

function renderScreenOut(screenOut: ScreenOutModel): ElementView {
    const why = h('div', { class: 'why' });
    const node = h('div', { class: 'element screen-out', 'data-name': screenOut.name, 'data-kind': 'screen-out', id: `item-${screenOut.name}` },
        h('div', { class: 'end-label' }, 'End of the interview'),
        h('div', { class: 'end-text' }, wording(screenOut.text).text),
        h('div', { class: 'foot' }, why));
    return { node, why, keys: [] };
}

function renderSection(section: SectionModel): HTMLElement {
    const node = h('section', { class: 'page', 'data-section': section.name },
        h('h2', {}, text(section.title) || section.name));
    for (const element of section.elements) {
        const view = element.kind === 'screen-out' ? renderScreenOut(element) : renderItem(element);
        views.set(element.name, view);
        node.append(view.node);
    }
    sectionViews.push({ node, names: section.elements.map(e => e.name) });
    return node;
}

function renderSample(): HTMLElement | undefined {
    if (model.sampleVariables.length === 0) return undefined;
    const box = h('section', { class: 'page sample', 'data-section': '(sample)' },
        h('h2', {}, 'From the sample file'),
        h('p', { class: 'note-text' }, 'Not asked: these values come with the respondent. Set them to see the routing that depends on them.'));
    for (const sample of model.sampleVariables) {
        const label = text(sample.label) || sample.name;
        box.append(h('div', { class: 'element sample-variable', 'data-name': sample.name },
            h('div', { class: 'wording' }, h('span', { class: 'name' }, sample.name), h('span', { class: 'text' }, label)),
            control(sample.name, scales.get(sample.scale), false, label)));
    }
    return box;
}

function render(): void {
    document.documentElement.lang = state.language;
    document.title = `${text(model.title)} — questionnaire preview`;
    document.getElementById('survey-title')!.textContent = text(model.title);
    views.clear();
    sectionViews = [];
    const survey = document.getElementById('survey')!;
    survey.replaceChildren(...[renderSample(), ...model.sections.map(renderSection)].filter((n): n is HTMLElement => n !== undefined));
    update();
}

// ------------------------------------------------------------------ routing, live

function update(): void {
    const result = interview(model, { answers: state.answers, variant: state.variant || undefined });
    const asked = new Set(result.asked);
    const endedAt = result.screenOut !== undefined ? orderOf.get(result.screenOut)! : Infinity;
    const endedBy = result.screenOut !== undefined ? byName.get(result.screenOut) : undefined;
    for (const element of elements) {
        const view = views.get(element.name);
        if (!view) continue;
        const conditions = data.conditions[element.name] ?? {};
        let status: string;
        let why: Array<Node | string> = [];
        if (element.kind === 'screen-out') {
            if (result.screenOut === element.name) status = 'ended-here';
            else if (element.order > endedAt) status = 'not-reached';
            else status = 'passed';
            if (status === 'ended-here') {
                why = conditions.endsWhen ? ['Ends the interview because ', ...words(conditions.endsWhen)] : [];
            } else if (status === 'not-reached') {
                why = [`Not reached: the interview already ended (${endedBy?.name}).`];
            } else {
                why = conditions.endsWhen ? ['Ends the interview when ', ...words(conditions.endsWhen)] : ['Ends the interview for everyone who reaches it.'];
                if (conditions.askedWhen) why.push(' — reached only when ', ...words(conditions.askedWhen));
            }
        } else {
            if (asked.has(element.name)) status = 'asked';
            else if (element.order > endedAt) status = 'not-reached';
            else status = 'skipped';
            if (status === 'skipped') why = ['Not asked: asked only when ', ...words(conditions.askedWhen)];
            else if (status === 'not-reached') why = [`Not reached: the interview ended at ${endedBy?.name}.`];
            else if (conditions.askedWhen) why = ['Asked because ', ...words(conditions.askedWhen)];
        }
        view.node.dataset.status = status;
        view.node.hidden = !state.showAll && status !== 'asked' && status !== 'ended-here';
        view.why.replaceChildren(...why);
        view.why.hidden = !state.showAll && status !== 'ended-here';
        const inactive = status !== 'asked';
        for (const input of view.node.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLTextAreaElement>('input, textarea, button.grade')) input.disabled = inactive;
        if (view.clear) view.clear.hidden = inactive || !view.keys.some(k => state.answers[k] !== undefined);
    }
    for (const section of sectionViews) {
        section.node.hidden = !state.showAll && section.names.every(n => views.get(n)!.node.hidden);
    }
    renderPath(result);
    save();
}

function renderPath(result: InterviewResult): void {
    const list = document.getElementById('path-list')!;
    list.replaceChildren(...result.asked.map(name => {
        const element = byName.get(name);
        const label = element && element.kind !== 'screen-out' ? wording(element.wording).text : '';
        const link = h('a', { href: `#item-${name}` }, h('span', { class: 'name' }, name), ' ', h('span', { class: 'text' }, label));
        return h('li', { 'data-name': name }, link);
    }));
    const end = document.getElementById('path-end')!;
    const items = elements.filter(e => e.kind !== 'screen-out').length;
    if (result.screenedOut) {
        const screenOut = byName.get(result.screenOut!) as ScreenOutModel;
        end.dataset.screenOut = screenOut.name;
        end.replaceChildren(h('strong', {}, `Screened out at ${screenOut.name}`), ` after ${result.asked.length} of ${items} items: `, h('q', {}, wording(screenOut.text).text));
    } else {
        delete end.dataset.screenOut;
        end.replaceChildren(h('strong', {}, 'Reaches the end of the questionnaire'), ` with ${result.asked.length} of ${items} items asked.`);
    }
    const derived = document.getElementById('path-derived')!;
    derived.replaceChildren(...model.derived.map(d => h('tr', { 'data-name': d.name },
        h('th', { scope: 'row', title: d.expressionText }, d.name), h('td', {}, formatValue(result.derived[d.name], d.scale)))));
    document.getElementById('path-derived-box')!.hidden = model.derived.length === 0;
}

function formatValue(value: unknown, scaleName: string | undefined): string {
    if (value === undefined) return '—';
    if (value instanceof Set) return `{${[...value].join(', ')}}`;
    if (typeof value === 'number' && scaleName) {
        const scale = scales.get(scaleName);
        const code = [...(scale?.codes ?? []), ...(scale?.missing ?? [])].find(c => c.value === value);
        if (code) return `${value} (${text(code.label)})`;
    }
    if (typeof value === 'string') return `“${value}”`;
    return String(value);
}

function save(): void {
    vscode?.setState(state);
}

// ------------------------------------------------------------------ the toolbar

function setUp(): void {
    const language = document.getElementById('language') as HTMLSelectElement | null;
    if (language) {
        language.value = state.language;
        language.addEventListener('change', () => {
            state.language = language.value;
            render();
        });
    }
    const variant = document.getElementById('variant') as HTMLSelectElement | null;
    if (variant) {
        variant.value = state.variant;
        variant.addEventListener('change', () => {
            state.variant = variant.value;
            render();
        });
    }
    const showAll = document.getElementById('show-all') as HTMLInputElement;
    showAll.checked = state.showAll;
    showAll.addEventListener('change', () => {
        state.showAll = showAll.checked;
        document.body.classList.toggle('show-all', state.showAll);
        update();
    });
    document.body.classList.toggle('show-all', state.showAll);
    document.getElementById('reset')!.addEventListener('click', () => {
        state.answers = {};
        render();
    });
    const path = document.getElementById('toggle-path') as HTMLButtonElement;
    path.addEventListener('click', () => {
        const hidden = document.body.classList.toggle('path-hidden');
        path.setAttribute('aria-pressed', String(!hidden));
    });
    render();
}

setUp();
