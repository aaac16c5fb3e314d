// The previews in a real browser (Debian's Chromium through playwright-core): the questionnaire
// routes live by the reference evaluator, switches language and variant, screens out; the routing
// graph draws one node per item; survey text never runs as markup; and `kto/preview` over the
// real language server (stdio).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { interview } from '@kto/model/interview';
import { itemsOf, scaleOf, type AnswerValue, type ItemModel, type SurveyModel } from '@kto/model';
import { contentSecurityPolicy, flowTree, generateErrorHtml, generateQuestionnaireHtml, generateRoutingHtml, type FlowNode } from '../packages/language-server/src/preview/index.js';
import { ktoText } from '../packages/language-server/src/preview/kto-syntax.js';
import { inkShare, launchBrowser, openPage, type PageEvents } from './support/browser.js';
import { EXAMPLES, exampleModels, loadModels } from './support/models.js';

const ROOT = resolve(import.meta.dirname, '..');
/** Screenshots of the routing graphs, for people to look at. */
const SHOTS = join(tmpdir(), 'kto-preview-screenshots');
const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';

let browser: Browser;
let models: Map<string, SurveyModel>;
const example = (name: string): SurveyModel => models.get(join(EXAMPLES, `${name}.kto`))!;

beforeAll(async () => {
    browser = await launchBrowser();
    models = await exampleModels();
    mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
    await browser?.close();
});

async function show(html: string): Promise<{ page: Page; events: PageEvents }> {
    const opened = await openPage(browser);
    await opened.page.setContent(html);
    return opened;
}

function expectClean(events: PageEvents): void {
    expect(events.errors, 'console errors').toEqual([]);
    expect(events.dialogs, 'dialogs').toEqual([]);
    expect(events.requests, 'network requests').toEqual([]);
}

const pathInPage = (page: Page): Promise<string[]> =>
    page.$$eval('#path-list li', items => items.map(li => li.getAttribute('data-name')!));

/**
 * Answers through the page's controls, as a respondent would: in interview order, only where the
 * control is enabled (an item the routing skips cannot be answered, and the evaluator ignores
 * such answers anyway).
 */
async function answerInPage(page: Page, model: SurveyModel, answers: Record<string, AnswerValue>): Promise<void> {
    const keys = [
        ...model.sampleVariables.map(s => s.name),
        ...itemsOf(model).flatMap(item => (item.kind === 'grid' ? (item.rows ?? []).map(r => `${item.name}.${r.name}`) : [item.name]))
    ].filter(key => answers[key] !== undefined);
    for (const key of keys) {
        const value = answers[key];
        const k = JSON.stringify(key);
        if (Array.isArray(value)) {
            for (const v of value) {
                const box = page.locator(`input[type=checkbox][data-key=${k}][value="${v}"]`);
                if (await box.isEnabled()) await box.check();
            }
            continue;
        }
        const button = page.locator(`button[data-key=${k}][data-value="${value}"]`);
        const radio = page.locator(`input[type=radio][data-key=${k}][value="${value}"]`);
        const field = page.locator(`input[data-key=${k}]:not([type=radio]):not([type=checkbox]), textarea[data-key=${k}]`);
        if (await button.count()) {
            if (await button.isEnabled()) await button.click();
        } else if (await radio.count()) {
            if (await radio.isEnabled()) await radio.check();
        } else if (await field.count()) {
            if (await field.isEnabled()) await field.fill(String(value));
        } else {
            throw new Error(`no control for ${key} = ${String(value)}`);
        }
    }
}

/** A seeded respondent: a random valid (or missing) answer for every item. */
function randomAnswers(model: SurveyModel, seed: number): Record<string, AnswerValue> {
    let state = seed;
    const random = (): number => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
    const valueFor = (scaleName: string | undefined, multi: boolean): AnswerValue | undefined => {
        const scale = scaleOf(model, scaleName);
        if (!scale) return undefined;
        const codes = scale.kind === 'grade' ? Array.from({ length: scale.max! - scale.min! + 1 }, (_, i) => scale.min! + i) : scale.codes.map(c => c.value);
        const missing = scale.missing.map(c => c.value);
        if (multi) return codes.filter(() => random() < 0.4);
        if (codes.length > 0) return random() < 0.1 && missing.length ? pick(missing) : pick(codes);
        if (scale.kind === 'integer') return Math.round((scale.min ?? 0) + random() * ((scale.max ?? 100) - (scale.min ?? 0)));
        if (scale.kind === 'text') return random() < 0.5 ? 'iets' : undefined;
        return undefined;
    };
    const answers: Record<string, AnswerValue> = {};
    for (const sample of model.sampleVariables) {
        const v = valueFor(sample.scale, false);
        if (v !== undefined) answers[sample.name] = v;
    }
    for (const item of itemsOf(model) as ItemModel[]) {
        if (item.kind === 'note') continue;
        const keys = item.kind === 'grid' ? (item.rows ?? []).map(r => `${item.name}.${r.name}`) : [item.name];
        for (const key of keys) {
            if (random() < 0.1) continue; // left unanswered
            const v = valueFor(item.scale, item.multi ?? false);
            if (v !== undefined) answers[key] = v;
        }
    }
    return answers;
}

describe('questionnaire preview', () => {
    test('is a self-contained page with a strict Content-Security-Policy', () => {
        const html = generateQuestionnaireHtml(example('bijstand-2017'), { nonce: NONCE });
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(NONCE).replaceAll("'", '&#39;')}">`);
        expect(contentSecurityPolicy(NONCE)).toBe(`default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`);
        // One script that runs (with the nonce), one JSON data block; nothing loaded from anywhere.
        expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="kto-data">', `<script nonce="${NONCE}">`]);
        expect(html).not.toMatch(/\b(src|href)="(?!#)/);
        expect(html).not.toMatch(/<link\b/);
        // Two pages never share a nonce.
        expect(generateQuestionnaireHtml(example('bijstand-2017'))).not.toBe(generateQuestionnaireHtml(example('bijstand-2017')));
    });

    test('answering a filter question shows and hides the items behind it (bijstand)', async () => {
        const { page, events } = await show(generateQuestionnaireHtml(example('bijstand-2017')));
        expect(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')).toMatch(/^default-src 'none'; script-src 'nonce-/);
        const balie = page.locator('.element[data-name="balie"]');
        await expect.poll(() => page.locator('.element[data-name="balie_bezocht"]').isVisible()).toBe(true);
        expect(await balie.isVisible()).toBe(false);

        await page.locator('.element[data-name="balie_bezocht"] input[value="1"]').check(); // yes
        expect(await balie.isVisible()).toBe(true);
        expect(await balie.getAttribute('data-status')).toBe('asked');
        expect(await pathInPage(page)).toContain('balie');

        await page.locator('.element[data-name="balie_bezocht"] input[value="0"]').check(); // no
        expect(await balie.isVisible()).toBe(false);
        expect(await pathInPage(page)).not.toContain('balie');

        // "Show all": the skipped grid appears greyed, with its condition in plain words and kto.
        await page.locator('#show-all').check();
        expect(await balie.isVisible()).toBe(true);
        expect(await balie.getAttribute('data-status')).toBe('skipped');
        const why = await balie.locator('.why').textContent();
        expect(why).toContain('Not asked: asked only when balie_bezocht is “Ja”');
        expect(why).toContain('balie_bezocht = yes');
        expect(await balie.locator('input').first().isDisabled()).toBe(true);
        await page.locator('#show-all').uncheck();
        expect(await balie.isVisible()).toBe(false);

        // Nested routing: the outcome question only after a completed or stopped trajectory.
        const uitkomst = page.locator('.element[data-name="traject_uitkomst"]');
        await page.locator('.element[data-name="traject"] input[value="1"]').check(); // volgt
        expect(await page.locator('.element[data-name="traject_cijfer"]').isVisible()).toBe(true);
        expect(await uitkomst.isVisible()).toBe(false);
        await page.locator('.element[data-name="traject"] input[value="2"]').check(); // afgerond
        expect(await uitkomst.isVisible()).toBe(true);

        // A grade is a row of buttons: pressing one answers, pressing it again clears.
        const eight = page.locator('button[data-key="traject_cijfer"][data-value="8"]');
        await eight.click();
        expect(await eight.getAttribute('aria-pressed')).toBe('true');
        await page.locator('button[data-key="traject_cijfer"][data-value="99"]').click(); // weet niet
        expect(await eight.getAttribute('aria-pressed')).toBe('false');
        expect(await page.getAttribute('button[data-key="traject_cijfer"][data-value="99"]', 'aria-pressed')).toBe('true');

        await page.locator('#reset').click();
        expect(await page.locator('.element[data-name="traject_cijfer"]').isVisible()).toBe(false);
        expect(await page.locator('.element[data-name="traject"] input:checked').count()).toBe(0);
        expectClean(events);
        await page.close();
    }, 120_000);

    test('a screen-out shows its end text and ends the path (bijstand)', async () => {
        const { page, events } = await show(generateQuestionnaireHtml(example('bijstand-2017')));
        const end = page.locator('.element[data-name="end1"]');
        expect(await end.isVisible()).toBe(false);
        await page.locator('.element[data-name="uitkering"] input[value="0"]').check(); // no benefit
        expect(await end.isVisible()).toBe(true);
        expect(await end.getAttribute('data-status')).toBe('ended-here');
        expect(await end.locator('.end-text').textContent()).toContain('Deze vragenlijst is bedoeld voor mensen met een bijstandsuitkering');
        expect(await page.locator('.element[data-name="eerstelijn_cijfer"]').isVisible()).toBe(false);
        expect(await page.getAttribute('#path-end', 'data-screen-out')).toBe('end1');
        expect(await page.textContent('#path-end')).toContain('Screened out at end1');
        expect(await pathInPage(page)).toEqual(interview(example('bijstand-2017'), { answers: { uitkering: 0 } }).asked);
        // With "show all", what comes after is there, marked as not reached.
        await page.locator('#show-all').check();
        expect(await page.locator('.element[data-name="eerstelijn_cijfer"]').getAttribute('data-status')).toBe('not-reached');
        await page.locator('.element[data-name="uitkering"] input[value="1"]').check();
        expect(await end.getAttribute('data-status')).toBe('passed');
        expect(await page.getAttribute('#path-end', 'data-screen-out')).toBeNull();
        expectClean(events);
        await page.close();
    }, 120_000);

    test('the path lists the items reached in order, as interview() does (scripted and random respondents)', async () => {
        for (const name of ['bijstand-2017', 'nijmegen-2024']) {
            const model = example(name);
            const respondents = [...model.tests.map(t => t.given), randomAnswers(model, 7), randomAnswers(model, 42)];
            const { page, events } = await show(generateQuestionnaireHtml(model));
            for (const answers of respondents) {
                await page.locator('#reset').click();
                await answerInPage(page, model, answers);
                const expected = interview(model, { answers });
                expect(await pathInPage(page), `${name}: ${JSON.stringify(answers)}`).toEqual(expected.asked);
                expect(await page.getAttribute('#path-end', 'data-screen-out')).toBe(expected.screenOut ?? null);
                // What the page shows is what the path says.
                const visible = await page.$$eval('.element[data-kind]:not([data-kind="screen-out"])', els =>
                    els.filter(e => !(e as HTMLElement).hidden && !(e.closest('section') as HTMLElement).hidden).map(e => e.getAttribute('data-name')));
                expect(visible).toEqual(expected.asked);
            }
            expectClean(events);
            await page.close();
        }
    }, 300_000);

    test('switches language (bijstand: Dutch → English)', async () => {
        const { page, events } = await show(generateQuestionnaireHtml(example('bijstand-2017')));
        const wording = page.locator('.element[data-name="uitkering"] .wording .text');
        expect(await wording.textContent()).toBe('Ontvangt u op dit moment een bijstandsuitkering van de gemeente?');
        await page.selectOption('#language', 'en');
        expect(await wording.textContent()).toBe('Do you currently receive a social-assistance benefit from the municipality?');
        expect(await page.textContent('#survey-title')).toBe('Client satisfaction survey Work and Income 2017');
        expect(await page.textContent('[data-section="start"] h2')).toBe('Introduction');
        expect(await page.textContent('.element[data-name="uitkering"] .choice')).toContain('Yes');
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        // Answers survive the switch.
        await page.locator('.element[data-name="uitkering"] input[value="0"]').check();
        await page.selectOption('#language', 'nl');
        expect(await page.locator('.element[data-name="uitkering"] input[value="0"]').isChecked()).toBe(true);
        expect(await page.locator('.element[data-name="end1"] .end-text').textContent()).toContain('Hartelijk dank!');
        // The page opens in the language asked for.
        const english = await show(generateQuestionnaireHtml(example('bijstand-2017'), { language: 'en' }));
        expect(await english.page.locator('.element[data-name="uitkering"] .wording .text').textContent()).toMatch(/^Do you currently/);
        expectClean(events);
        expectClean(english.events);
        await page.close();
        await english.page.close();
    }, 120_000);

    test('switches respondent variant: the variant wording is shown (meerssen: ouder)', async () => {
        const model = example('meerssen-jeugd-2023');
        const item = itemsOf(model).find(i => i.kind === 'question' && i.wording.variants?.ouder && !i.askedWhen)!;
        expect(item, 'meerssen has a question with `ouder:` wording asked of everyone').toBeDefined();
        const { page, events } = await show(generateQuestionnaireHtml(model));
        const wording = page.locator(`.element[data-name="${item.name}"] .wording .text`);
        expect(await wording.textContent()).toBe(item.wording.text.nl);
        await page.selectOption('#variant', 'ouder');
        expect(await wording.textContent()).toBe(item.wording.variants!.ouder.nl);
        expect(await wording.getAttribute('class')).toContain('variant-wording');
        await page.selectOption('#language', 'en');
        expect(await wording.textContent()).toBe(item.wording.variants!.ouder.en ?? item.wording.variants!.ouder.nl);
        await page.selectOption('#variant', '');
        expect(await wording.textContent()).toBe(item.wording.text.en);
        // And the page opens with the variant asked for.
        const opened = await show(generateQuestionnaireHtml(model, { variant: 'ouder' }));
        expect(await opened.page.locator(`.element[data-name="${item.name}"] .wording .text`).textContent()).toBe(item.wording.variants!.ouder.nl);
        expectClean(events);
        expectClean(opened.events);
        await page.close();
        await opened.page.close();
    }, 120_000);

    test('sample variables can be set and route the questionnaire (nijmegen: onderzoek)', async () => {
        const model = example('nijmegen-2024');
        const { page, events } = await show(generateQuestionnaireHtml(model));
        const first = itemsOf(model).find(i => i.askedWhenText?.startsWith('onderzoek = stadswinkel'))!;
        expect(await page.locator(`.element[data-name="${first.name}"]`).isVisible()).toBe(false);
        await answerInPage(page, model, { onderzoek: 1 });
        expect(await page.locator(`.element[data-name="${first.name}"]`).isVisible()).toBe(true);
        expectClean(events);
        await page.close();
    }, 120_000);
});

/** A page as in a VS Code webview: `acquireVsCodeApi()` whose state outlives reloads; served by a route, no network. */
async function webview(html: string): Promise<{ page: Page; events: PageEvents; url: string }> {
    const { page, events } = await openPage(browser);
    const url = 'http://preview.kto.invalid/';
    await page.route(url, route => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await page.addInitScript(() => {
        const w = window as unknown as { acquireVsCodeApi: () => unknown; name: string };
        w.acquireVsCodeApi = () => ({
            getState: () => (w.name ? JSON.parse(w.name) : undefined),
            setState: (state: unknown) => { w.name = JSON.stringify(state); }
        });
    });
    await page.goto(url);
    return { page, events: { ...events, get requests() { return events.requests.filter(r => r !== url); } } as PageEvents, url };
}

describe('previews in a VS Code webview keep their state when the page is refreshed', () => {
    test('questionnaire: the answers and the chosen language', async () => {
        const { page, events, url } = await webview(generateQuestionnaireHtml(example('bijstand-2017')));
        await page.locator('.element[data-name="uitkering"] input[value="0"]').check();
        await page.selectOption('#language', 'en');
        await page.goto(url);
        expect(await page.locator('.element[data-name="uitkering"] input[value="0"]').isChecked()).toBe(true);
        expect(await page.getAttribute('#path-end', 'data-screen-out')).toBe('end1');
        expect(await page.inputValue('#language')).toBe('en');
        expect(await page.textContent('#survey-title')).toBe('Client satisfaction survey Work and Income 2017');
        expectClean(events);
        await page.close();
    }, 120_000);

    test('routing graph: zoom, position and the selected node', async () => {
        const { page, events, url } = await webview(generateRoutingHtml(example('bijstand-2017')));
        await page.locator('g.node[data-name="balie"]').click();
        await page.locator('#zoom-in').click();
        const transform = await page.getAttribute('#viewport', 'transform');
        await page.goto(url);
        await page.waitForSelector('body[data-ready="true"]');
        expect(await page.getAttribute('#viewport', 'transform')).toBe(transform);
        expect(await page.getAttribute('#details', 'data-node')).toBe('item-balie');
        expectClean(events);
        await page.close();
    }, 120_000);
});

describe('conditions for people', () => {
    test('each condition written back in kto syntax reads as the compiler wrote it', () => {
        for (const model of models.values()) {
            for (const element of model.sections.flatMap(s => s.elements)) {
                if (element.askedWhen) expect(ktoText(element.askedWhen)).toBe(element.askedWhenText);
                if (element.kind === 'screen-out' && element.condition) expect(ktoText(element.condition)).toBe(element.conditionText);
            }
            for (const derived of model.derived) expect(ktoText(derived.expression)).toBe(derived.expressionText);
        }
    });
});

describe('routing graph', () => {
    test('every example: one node per item, a terminal per screen-out, and a picture that is not empty', async () => {
        for (const [file, model] of models) {
            const name = file.split('/').pop()!.replace(/\.kto$/, '');
            await checkGraph(model, name);
        }
    }, 300_000);

    test('a generated survey of 100 items stays readable', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-preview-'));
        const file = join(dir, 'groot.kto');
        writeFileSync(file, largeSurvey(10));
        const [model] = (await loadModels([file])).values();
        expect(itemsOf(model)).toHaveLength(100);
        const page = await checkGraph(model, 'generated-100');
        // Fit to the width, the nodes are still legible (not scaled below 60%).
        expect(Number(await page.getAttribute('#canvas', 'data-scale'))).toBeGreaterThan(0.6);
        await page.close();
    }, 120_000);

    test('pans, zooms, and shows a node\'s wording on click', async () => {
        const model = example('bijstand-2017');
        const { page, events } = await show(generateRoutingHtml(model));
        const transform = (): Promise<string | null> => page.getAttribute('#viewport', 'transform');
        const before = await transform();
        const box = (await page.locator('#canvas').boundingBox())!;
        await page.mouse.move(box.x + 300, box.y + 300);
        await page.mouse.wheel(0, -400);
        await expect.poll(() => page.getAttribute('#canvas', 'data-scale')).not.toBe('1.000');
        const zoomed = await transform();
        expect(zoomed).not.toBe(before);
        await page.mouse.move(box.x + 100, box.y + 100);
        await page.mouse.down();
        await page.mouse.move(box.x + 250, box.y + 180, { steps: 5 });
        await page.mouse.up();
        expect(await transform()).not.toBe(zoomed);
        await page.locator('#fit-width').click();
        // Click a node: its wording in every language, its condition.
        await page.locator('g.node[data-name="balie"]').click();
        const details = await page.textContent('#details');
        expect(details).toContain('Welk rapportcijfer geeft u voor ...?');
        expect(details).toContain('What grade do you give for ...?');
        expect(details).toContain('balie_bezocht = yes');
        expect(details).toContain('de wachttijd aan de balie');
        // The language switch changes the node texts.
        const sub = page.locator('g.node[data-name="uitkering"] text.sub:visible');
        expect(await sub.textContent()).toMatch(/^Ontvangt u/);
        await page.selectOption('#language', { label: 'English (en)' });
        expect(await sub.textContent()).toMatch(/^Do you currently/);
        expectClean(events);
        await page.close();
    }, 120_000);
});

async function checkGraph(model: SurveyModel, name: string): Promise<Page> {
    const { page, events } = await show(generateRoutingHtml(model));
    await page.waitForSelector('body[data-ready="true"]');
    const items = itemsOf(model);
    const screenOuts = model.sections.flatMap(s => s.elements).filter(e => e.kind === 'screen-out');
    expect(await page.locator('svg g.node.item').count(), name).toBe(items.length);
    expect(await page.$$eval('svg g.node.item', nodes => nodes.map(n => n.getAttribute('data-name'))), name).toEqual(items.map(i => i.name));
    expect(await page.locator('svg g.node.terminal').count(), name).toBe(screenOuts.length);
    const branches = (flow: FlowNode[]): number => flow.reduce((n, f) => n + (f.kind === 'branch' ? 1 + branches(f.children) : 0), 0);
    expect(await page.locator('svg g.node.decision:not(.screen-out)').count(), name).toBe(branches(flowTree(model)));
    expect(await page.locator('svg .edge').count(), name).toBeGreaterThanOrEqual(items.length);
    expect(await page.locator('svg .band-group').count(), name).toBeGreaterThanOrEqual(model.sections.length);
    const png = await page.screenshot({ path: join(SHOTS, `${name}.routing.png`) });
    const { share } = await inkShare(browser, png);
    expect(share, `${name}: share of drawn pixels`).toBeGreaterThan(0.08);
    // The whole graph, too (for people looking at the screenshots).
    await page.locator('#fit-all').click();
    await page.screenshot({ path: join(SHOTS, `${name}.routing-all.png`) });
    await page.locator('#fit-width').click();
    expectClean(events);
    return page;
}

/** A survey of `sections` × 10 items with filters, nested and `else` branches and screen-outs. */
function largeSurvey(sections: number): string {
    const out = ['survey groot {\n  title "Een groot onderzoek" @en "A large survey"\n  languages nl, en\n}\n',
        'scale Cijfer: grade 1..10 {\n  1 "Slecht" @en "Poor"\n  10 "Uitstekend" @en "Excellent"\n  missing 99 weet_niet "Weet niet" @en "Don\'t know"\n}\n'];
    for (let s = 1; s <= sections; s++) {
        const q = (n: number): string => `s${s}_q${n}`;
        const t = (n: number, text: string): string => `"${text} ${s}.${n}?" @en "Question ${s}.${n}?"`;
        out.push(`section sectie${s} "Onderdeel ${s}" @en "Part ${s}" {
  question ${q(1)}: yesno ${t(1, 'Hebt u contact gehad in onderdeel')}
  question ${q(2)}: Cijfer ${t(2, 'Welk cijfer geeft u voor onderdeel')}
  if ${q(1)} = yes {
    question ${q(3)}: Cijfer ${t(3, 'Hoe tevreden bent u over het contact in onderdeel')}
    question ${q(4)}: yesno ${t(4, 'Was het contact snel genoeg in onderdeel')}
    if ${q(4)} = no {
      question ${q(5)}: text optional ${t(5, 'Wat had sneller gekund in onderdeel')}
    }
  } else {
    question ${q(6)}: yesno ${t(6, 'Had u contact willen hebben in onderdeel')}
  }
  question ${q(7)}: integer 0..120 ${t(7, 'Hoeveel keer in onderdeel')}
${s % 3 === 0 ? `  end "Einde voor onderdeel ${s}." @en "The end for part ${s}." if ${q(7)} > 100\n` : ''}  grid ${q(8)}: Cijfer ${t(8, 'Welk cijfer voor')} {
    a "aspect a" @en "aspect a"
    b "aspect b" @en "aspect b"
  }
  if ${q(2)} <= 5 {
    question ${q(9)}: text optional ${t(9, 'Waarom een onvoldoende voor onderdeel')}
  }
  note ${q(10)} "Einde van onderdeel ${s}." @en "End of part ${s}."
}
`);
    }
    return out.join('\n');
}

// ------------------------------------------------------------------ XSS

describe('survey text is never markup', () => {
    test('<script>, <img onerror> and </script> in every text render as text; nothing runs', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-preview-xss-'));
        const file = join(dir, 'xss.kto');
        const attack = (where: string): string => `<script>alert('${where}')</script><img src=x onerror=alert('${where}-img')>`;
        writeFileSync(file, `survey xss {
  title "${attack('title')}" @en "</script><script>alert('title-en')</script>"
  languages nl, en
  variant ouder "${attack('variant')}" @en "v"
}
scale Keuze: nominal {
  1 a "${attack('label')}" @en "a"
  2 b "<b>vet</b> & \\"quotes\\" '" @en "b"
  missing 9 wn "${attack('missing')}" @en "wn"
}
section s "${attack('section')}" @en "s" {
  question q: Keuze "${attack('question')}" @en "q" ouder: "${attack('ouder')}" @en "q ouder" hint "</div><script>alert('hint')</script>" @en "h"
  if q = a {
    note n "${attack('note')}" @en "n"
    grid g: Keuze "${attack('grid')}" @en "g" {
      r "${attack('row')}" @en "r"
    }
  }
  end "${attack('end')}" @en "e" if q = b
}
`);
        const [model] = (await loadModels([file])).values();
        for (const html of [generateQuestionnaireHtml(model), generateRoutingHtml(model), generateQuestionnaireHtml(model, { variant: 'ouder', language: 'en' })]) {
            expect(html.match(/<script\b/g)!.length).toBeLessThanOrEqual(2);
            expect(html).not.toMatch(/<img\b/);
            const { page, events } = await show(html);
            await page.waitForTimeout(100);
            if (await page.locator('#show-all').count()) {
                await page.locator('#show-all').check();
                await page.locator('.element[data-name="q"] input[value="1"]').check();
                await page.locator('.element[data-name="q"] input[value="2"]').check();
                await page.selectOption('#language', 'nl');
                await page.selectOption('#variant', '');
                expect(await page.innerText('#survey')).toContain("<script>alert('question')</script><img src=x onerror=alert('question-img')>");
                expect(await page.innerText('#survey')).toContain("</div><script>alert('hint')</script>");
                expect(await page.textContent('.element[data-name="end1"] .end-text')).toContain("<script>alert('end')</script>");
                await page.selectOption('#variant', 'ouder');
                expect(await page.innerText('#survey')).toContain("<script>alert('ouder')</script>");
                expect(await page.innerText('#path')).toContain("<script>alert('end')</script>");
            } else {
                for (const node of await page.locator('g.node').all()) await node.click();
                await page.locator('g.node[data-name="q"]').click();
                expect(await page.textContent('#details')).toContain("<script>alert('question')</script>");
            }
            expect(await page.locator('img').count()).toBe(0);
            expect(await page.locator('script').count()).toBe(2 - (html.includes('id="kto-data"') ? 0 : 1));
            expect(await page.locator('b').count()).toBe(0);
            expectClean(events);
            await page.close();
        }
    }, 120_000);
});

test('the error page escapes what the diagnostics quote', () => {
    const html = generateErrorHtml('<b>t</b>', '<f>.kto', 'm <i>', [{ line: 3, column: 4, message: "Unknown item '<script>alert(1)</script>'", code: 'kto/x', source: '  if <img src=x onerror=alert(1)> {' }], NONCE);
    expect(html).not.toMatch(/<(b|i|f|img)\b|<script>alert/);
    expect(html).toContain('&lt;f&gt;.kto:3:4');
    expect(html).toContain("Unknown item &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;");
    expect(html).toContain(`content="default-src &#39;none&#39;; script-src &#39;nonce-${NONCE}&#39;`);
});

// ------------------------------------------------------------------ over LSP (stdio)

/** A minimal LSP client over stdio: Content-Length framing, requests, notifications. */
class LspClient {
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
    readonly notifications: Array<{ method: string; params: unknown }> = [];
    private waiters: Array<() => void> = [];
    readonly stderr: string[] = [];

    constructor(private readonly child: ChildProcessWithoutNullStreams) {
        child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
        child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const end = this.buffer.indexOf('\r\n\r\n');
            if (end < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())![1]);
            if (this.buffer.length < end + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
            this.buffer = this.buffer.subarray(end + 4 + length);
            if (message.id !== undefined && message.method === undefined) {
                this.pending.get(message.id)?.(message);
                this.pending.delete(message.id);
            } else if (message.id !== undefined) {
                // A request from the server (registrations, configuration): answer it.
                this.send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? (message.params.items ?? []).map(() => null) : null });
            } else {
                this.notifications.push({ method: message.method, params: message.params });
                for (const wake of this.waiters.splice(0)) wake();
            }
        }
    }

    private send(message: object): void {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
        this.child.stdin.write(body);
    }

    request<T>(method: string, params: unknown): Promise<T> {
        const id = this.nextId++;
        return new Promise((resolvePromise, reject) => {
            this.pending.set(id, message => (message.error ? reject(new Error(JSON.stringify(message.error))) : resolvePromise(message.result as T)));
            this.send({ jsonrpc: '2.0', id, method, params });
        });
    }

    notify(method: string, params: unknown): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** Waits for a notification matching `match` that arrives from now on (or is already among `since`). */
    async waitFor(method: string, match: (params: any) => boolean, since: number, timeout = 30_000): Promise<unknown> {
        const deadline = Date.now() + timeout;
        for (;;) {
            const found = this.notifications.slice(since).find(n => n.method === method && match(n.params));
            if (found) return found.params;
            if (Date.now() > deadline) throw new Error(`no ${method} within ${timeout} ms; got ${this.notifications.slice(since).map(n => n.method).join(', ')}; stderr: ${this.stderr.join('')}`);
            await new Promise<void>(wake => {
                this.waiters.push(wake);
                setTimeout(wake, 500);
            });
        }
    }
}

describe('kto/preview over the language server (stdio)', () => {
    test('previews an open document, announces changes, lists errors located', async () => {
        const server = join(ROOT, 'packages/language-server/bin/kto-language-server.mjs');
        const dir = mkdtempSync(join(tmpdir(), 'kto-preview-lsp-'));
        cpSync(join(EXAMPLES, 'lib'), join(dir, 'lib'), { recursive: true });
        const file = join(dir, 'bijstand-2017.kto');
        const source = readFileSync(join(EXAMPLES, 'bijstand-2017.kto'), 'utf8');
        writeFileSync(file, source);
        const uri = pathToFileURL(file).href;
        const library = pathToFileURL(join(dir, 'lib/schalen.kto')).href;
        const child = spawn(process.execPath, [server, '--stdio'], { cwd: dir });
        const client = new LspClient(child);
        try {
            await client.request('initialize', {
                processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {},
                workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'kto' }]
            });
            client.notify('initialized', {});
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kto', version: 1, text: source } });

            const first = await client.request<{ html?: string; error?: string }>('kto/preview', { uri, kind: 'questionnaire' });
            expect(first.error).toBeUndefined();
            expect(first.html).toContain('<meta http-equiv="Content-Security-Policy"');
            expect(first.html).toContain('Klanttevredenheidsonderzoek Werk en Inkomen 2017');
            const routing = await client.request<{ html?: string }>('kto/preview', { uri, kind: 'routing', language: 'en' });
            expect(routing.html).toContain('class="node item');
            expect(routing.html).toContain('data-lang-index="1"');

            // An unsaved change: announced, and the preview shows it.
            let since = client.notifications.length;
            const changed = source.replace('"Klanttevredenheidsonderzoek Werk en Inkomen 2017"', '"Bijstand, gewijzigd"');
            client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: changed }] });
            await client.waitFor('kto/previewInvalidated', p => p.uri === uri, since);
            const second = await client.request<{ html?: string }>('kto/preview', { uri, kind: 'questionnaire' });
            expect(second.html).toContain('Bijstand, gewijzigd');

            // An error: the page lists it, located.
            since = client.notifications.length;
            const broken = changed.replace('if balie_bezocht = yes {', 'if balie_bezocht = ja_hoor {');
            client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: broken }] });
            await client.waitFor('kto/previewInvalidated', p => p.uri === uri, since);
            const third = await client.request<{ html?: string }>('kto/preview', { uri, kind: 'routing' });
            const line = broken.split('\n').findIndex(l => l.includes('ja_hoor')) + 1;
            expect(third.html).toMatch(/has (one error|\d+ errors)/);
            expect(third.html).toContain(`bijstand-2017.kto:${line}:`);
            expect(third.html).toContain('ja_hoor');
            expect(third.html).toContain('<meta http-equiv="Content-Security-Policy"');

            // A change in an imported file invalidates the survey's preview too.
            client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: changed }] });
            const libraryText = readFileSync(join(dir, 'lib/schalen.kto'), 'utf8');
            client.notify('textDocument/didOpen', { textDocument: { uri: library, languageId: 'kto', version: 1, text: libraryText } });
            await client.waitFor('kto/previewInvalidated', p => p.uri === uri, client.notifications.length);
            since = client.notifications.length;
            client.notify('textDocument/didChange', { textDocument: { uri: library, version: 2 }, contentChanges: [{ text: libraryText.replace('"Weet ik niet" @en', '"Weet ik echt niet" @en') }] });
            await client.waitFor('kto/previewInvalidated', p => p.uri === uri, since);
            const fourth = await client.request<{ html?: string }>('kto/preview', { uri, kind: 'questionnaire' });
            expect(fourth.html).toContain('Weet ik echt niet');

            // A library previews as a page saying so; an unknown document or kind is an error.
            const lib = await client.request<{ html?: string }>('kto/preview', { uri: library, kind: 'questionnaire' });
            expect(lib.html).toContain('is a library');
            expect(await client.request('kto/preview', { uri: pathToFileURL(join(dir, 'nope.kto')).href, kind: 'questionnaire' })).toHaveProperty('error');
            expect(await client.request('kto/preview', { uri, kind: 'pdf' })).toHaveProperty('error');

            await client.request('shutdown', null);
            client.notify('exit', null);
        } finally {
            child.kill();
        }
    }, 120_000);
});
