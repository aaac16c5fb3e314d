import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { LoadFormSuccessResult, RootNode } from '@getodk/xforms-engine';
import { Evaluator, languageName, truthy, type Expression, type Value } from '@kto/language';
import {
    elementsOf, evaluateAfter, interview, isItem, scaleOf,
    type LocalizedText, type Respondent, type SurveyModel, type TestModel, type Wording
} from '@kto/model';
import { XFormEmitError, xformEmitter, xformFormId, xformLayout } from '../packages/emitters/src/xform.js';
import { XPathTranslationError, XPathTranslator, plainDecimal, type XPathVariable } from '../packages/emitters/src/xpath.js';
import { exampleModels, loadModels } from './support/models.js';
import { loadOdkEngine } from './support/odk-engine.js';
import { fillIn, loadOdkForm, nodesOf, type EngineNode, type OdkRun } from './support/odk-runtime.js';
import { respondentArbitrary } from './support/respondents.js';

/**
 * The ODK XForms target, proven in ODK's own engine (`@getodk/xforms-engine`, the engine of ODK
 * Web Forms) running headless: every emitted form loads without errors or warnings and shows every
 * text in every language; random respondents, the examples' own `test` blocks and hand-picked
 * respondents for the tricky semantics go through the engine exactly as the reference evaluator
 * says (the items shown, in order; where the interview ends; the answers kept; the derived values).
 */

const NUM_RUNS = Number(process.env.KTO_PROPERTY_RUNS ?? (process.env.CI ? 40 : 100));
const SEED = 20261124;

await loadOdkEngine();

interface LoadedForm {
    xml: string;
    form: LoadFormSuccessResult;
}

/** The emitted forms per respondent variant ('' = the default respondent), loaded in the engine. */
async function loadForms(model: SurveyModel): Promise<Map<string, LoadedForm>> {
    const forms = new Map<string, LoadedForm>();
    for (const file of xformEmitter.emit(model)) {
        const variant = file.path.slice(model.id.length + 1).replace(/\.?xform\.xml$/, '');
        forms.set(variant, { xml: file.content, form: await loadOdkForm(file.content) });
    }
    return forms;
}

async function run(model: SurveyModel, forms: Map<string, LoadedForm>, respondent: Respondent): Promise<OdkRun> {
    const { form, xml } = forms.get(respondent.variant ?? '')!;
    return fillIn(form, xml, model, respondent);
}

/** One respondent through the engine, compared with the reference evaluator in every respect. */
async function agreesWithReference(model: SurveyModel, forms: Map<string, LoadedForm>, respondent: Respondent): Promise<OdkRun> {
    const reference = interview(model, respondent);
    const odk = await run(model, forms, respondent);
    expect(odk.asked).toEqual(reference.asked);
    expect(odk.screenOut).toEqual(reference.screenOut);
    expect(odk.shownAfterEnd).toEqual([]);
    expect(odk.answers).toEqual(reference.answers);
    for (const d of model.derived) expect([d.name, odk.derived[d.name]]).toEqual([d.name, sameZero(reference.derived[d.name])]);
    // the submission holds a screen-out's (empty) node exactly when it ended the interview
    const layout = xformLayout(model);
    const submitted = odk.root.instanceState.instanceXML;
    const ended = elementsOf(model).filter(e => !isItem(e) && submitted.includes(`<${layout.elements.get(e.order)!.slice('/data/'.length)}/>`));
    expect(ended.map(e => e.name)).toEqual(reference.screenOut ? [reference.screenOut] : []);
    return odk;
}

/** XForms values are texts, where -0 is "0"; kto cannot tell -0 from 0 either (`=`, ordering, `r = 0`). */
function sameZero(value: Value): Value {
    return value === 0 ? 0 : value;
}

/** Whether every relevant, required node is answered and every answer meets its constraint. */
function violations(root: RootNode): string[] {
    return root.validationState.violations.map(v => `${v.reference}: ${v.violation.condition}`);
}

function wordingFor(wording: Wording, variant: string): LocalizedText {
    return (variant && wording.variants?.[variant]) || wording.text;
}

/** Every text a respondent sees, in one language of one form, against the model. */
function checkTexts(model: SurveyModel, root: RootNode, variant: string, language: string): string[] {
    const problems: string[] = [];
    const layout = xformLayout(model);
    const nodes = new Map(nodesOf(root).map(n => [n.currentState.reference, n]));
    const text = (t: LocalizedText | undefined) => t?.[language];
    const same = (where: string, actual: string | undefined, wanted: string | undefined) => {
        if (wanted === undefined) problems.push(`${where}: the model has no ${language} text`);
        else if (actual !== wanted) problems.push(`${where}: shows ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
    };
    const includes = (where: string, actual: string | undefined, wanted: string | undefined) => {
        if (wanted === undefined || !actual?.includes(wanted)) problems.push(`${where}: ${JSON.stringify(actual)} lacks ${JSON.stringify(wanted)}`);
    };
    const choices = (where: string, node: EngineNode, scaleName: string | undefined) => {
        const scale = scaleOf(model, scaleName);
        const options = node.currentState.valueOptions;
        if (!scale || !options) return;
        const shown = new Map(options.map(o => [o.value, o.label.asString]));
        const wanted = new Map<string, string | undefined>();
        if (scale.kind === 'grade') {
            for (let v = scale.min!; v <= scale.max!; v++) {
                const code = scale.codes.find(c => c.value === v);
                wanted.set(String(v), code ? (text(code.label) === undefined ? undefined : `${v} – ${text(code.label)}`) : String(v));
            }
        } else {
            for (const code of scale.codes) wanted.set(String(code.value), text(code.label));
        }
        for (const code of scale.missing) wanted.set(String(code.value), text(code.label));
        expect([where, [...shown.keys()]]).toEqual([where, [...wanted.keys()]]);
        for (const [value, label] of wanted) same(`${where} option ${value}`, shown.get(value), label);
    };
    for (const element of elementsOf(model)) {
        const node = nodes.get(layout.elements.get(element.order)!);
        if (!node) {
            problems.push(`${element.name}: not in the form`);
            continue;
        }
        if (!isItem(element)) {
            same(element.name, node.currentState.label?.asString, text(wordingFor(element.text, variant)));
            continue;
        }
        same(element.name, node.currentState.label?.asString, text(wordingFor(element.wording, variant)));
        const hint = element.hint ? text(wordingFor(element.hint, variant)) : undefined;
        if (element.kind === 'grid') {
            for (const [i, row] of (element.rows ?? []).entries()) {
                const rowNode = nodes.get(`${layout.elements.get(element.order)}/${row.name}`)!;
                same(`${element.name}.${row.name}`, rowNode.currentState.label?.asString, text(wordingFor(row.wording, variant)));
                if (i === 0 && element.hint) includes(`${element.name} hint`, rowNode.currentState.hint?.asString, hint);
                choices(`${element.name}.${row.name}`, rowNode, element.scale);
            }
        } else {
            if (element.hint) includes(`${element.name} hint`, node.currentState.hint?.asString, hint);
            choices(element.name, node, element.scale);
        }
    }
    return problems;
}

/** `expect that`, evaluated over the engine's answers and `calculate` values. */
function holdsInEngine(model: SurveyModel, odk: OdkRun, condition: Expression): boolean {
    const literal = (v: Value): Expression => {
        if (v === undefined) return { kind: 'answer', name: '\u0000absent', missing: [] };
        if (typeof v === 'number') return { kind: 'number', value: v };
        if (typeof v === 'string') return { kind: 'string', value: v };
        if (typeof v === 'boolean') return { kind: 'boolean', value: v };
        return { kind: 'set', values: [...v].map(n => ({ kind: 'number', value: n }) as Expression) };
    };
    const evaluator = new Evaluator({
        answer: name => odk.answers[name],
        derived: name => (model.derived.some(d => d.name === name) ? literal(odk.derived[name]) : undefined)
    });
    return truthy(evaluator.evaluate(condition));
}

async function replayTest(model: SurveyModel, forms: Map<string, LoadedForm>, t: TestModel): Promise<void> {
    const respondent: Respondent = { answers: t.given, ...(t.variant ? { variant: t.variant } : {}) };
    const reference = interview(model, respondent);
    const odk = await run(model, forms, respondent);
    expect(odk.asked).toEqual(reference.asked);
    expect(odk.screenOut).toEqual(reference.screenOut);
    for (const expectation of t.expectations) {
        if (expectation.kind === 'asked') {
            for (const item of expectation.items) expect([item, odk.asked.includes(item)]).toEqual([item, !expectation.negated]);
        } else if (expectation.kind === 'screened-out') {
            expect(odk.screenOut !== undefined).toBe(!expectation.negated);
        } else {
            const wanted = truthy(evaluateAfter(model, reference, expectation.condition));
            expect(wanted).toBe(true);
            expect([expectation.text, holdsInEngine(model, odk, expectation.condition)]).toEqual([expectation.text, wanted]);
        }
    }
}

async function engineLanguages(model: SurveyModel, forms: Map<string, LoadedForm>): Promise<void> {
    for (const [variant, { form, xml }] of forms) {
        const root = (await form.createInstance()).root;
        expect(root.languages.map(l => l.language)).toEqual(model.languages.map(languageName));
        expect(root.languages.map(l => l.isDefault)).toEqual(model.languages.map((_, i) => i === 0));
        for (const [i, language] of model.languages.entries()) {
            root.setLanguage(root.languages[i] as never);
            expect(root.currentState.activeLanguage.language).toBe(languageName(language));
            expect(checkTexts(model, root, variant, language)).toEqual([]);
        }
        // the title is the survey's (and the variant's), in the default language
        const title = /<h:title>(.*)<\/h:title>/.exec(xml)![1];
        expect(title.startsWith(model.title[model.languages[0]].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))).toBe(true);
    }
}

const examples = await exampleModels();

describe.each([...examples].map(([file, model]) => [file.split('/').pop()!, model] as const))('ODK XForms target: %s', (_, model) => {
    const loading = loadForms(model);

    test('emits one well-formed XForm for the default respondent and one per variant', async () => {
        const files = xformEmitter.emit(model);
        expect(files.map(f => f.path)).toEqual([`${model.id}.xform.xml`, ...model.variants.map(v => `${model.id}.${v.name}.xform.xml`)]);
        for (const [i, file] of files.entries()) {
            const document = new DOMParser().parseFromString(file.content, 'text/xml');
            expect(document.getElementsByTagName('parsererror').length).toBe(0);
            const data = [...document.getElementsByTagName('instance')][0].firstElementChild!;
            expect(data.getAttribute('id')).toBe(xformFormId(model, i === 0 ? undefined : model.variants[i - 1].name));
            expect(data.getAttribute('version')).toBe(model.version ?? null);
        }
        expect([...(await loading).keys()]).toEqual(['', ...model.variants.map(v => v.name)]);
    });

    test('loads in the ODK engine; every language has every text', async () => {
        await engineLanguages(model, await loading);
    });

    test(`random respondents go through the ODK engine as the reference evaluator says (${NUM_RUNS} runs)`, async () => {
        const forms = await loading;
        await fc.assert(fc.asyncProperty(respondentArbitrary(model), async respondent => {
            const odk = await agreesWithReference(model, forms, respondent);
            expect(violations(odk.root)).toEqual([]);
        }), { numRuns: NUM_RUNS, seed: SEED });
    }, 120_000);

    test.each(model.tests.map(t => [t.name, t] as const))('test block "%s" replayed in the ODK engine', async (_, t) => {
        await replayTest(model, await loading, t);
    });
});

// ---------------------------------------------------------------------------------------------
// The tricky semantics, on a survey written for them

const TRICKY = `survey lastig {
  title "Lastige routering & <zo>" @en "Tricky routing & <such>"
  version "1"
  languages nl, en
  variant ouder "Ouder" @en "Parent"
}

scale Cijfer: grade 1..10 {
  1 zeer_slecht "Zeer slecht" @en "Very bad"
  10 uitstekend "Uitstekend" @en "Excellent"
  missing 99 weet_niet "Weet niet" @en "Don't know"
}

scale Eens: ordinal {
  1 oneens "Oneens" @en "Disagree"
  2 neutraal "Neutraal" @en "Neutral"
  3 eens "Eens" @en "Agree"
  missing 9 weet_niet "Weet niet" @en "Don't know"
}

scale Wijk: nominal {
  1 noord "Noord" @en "North"
  2 zuid "Zuid" @en "South"
  3 oost "Oost" @en "East"
  4 west "West" @en "West"
}

scale Kanaal: nominal {
  1 telefoon "Telefoon" @en "Phone"
  2 balie "Balie" @en "Desk"
  3 website "Website" @en "Website"
  4 anders "Anders & <overig> \\"iets\\" 'x'" @en "Other & <more> \\"thing\\" 'x'"
}

scale Uren: decimal 0..40 {
  missing -1 zeg_niet "Zeg ik liever niet" @en "Rather not say"
}

sample regio: Wijk "Regio uit de steekproef" @en "Region from the sample"

section start "Begin & <start>" @en "Start & <begin>" {
  note welkom "Welkom! Een \\"test\\" met <tekens> & 'zo'." @en "Welcome! A \\"test\\" with <signs> & 'so'."
  question wijk: Wijk "In welke wijk woont u?" @en "Which district do you live in?"
    ouder: "In welke wijk woont uw kind?" @en "Which district does your child live in?"
  question cijfer: Cijfer optional "Welk cijfer geeft u?" @en "What grade do you give?"
  if cijfer > 5 {
    question hoog: text "Wat ging goed?" @en "What went well?"
  }
  if cijfer != 3 {
    question niet_drie: yesno "Niet drie?" @en "Not three?"
  }
  if not (cijfer > 5) {
    question niet_hoog: yesno "Niet hoog (of onbekend)?" @en "Not high (or unknown)?"
  }
  if cijfer not in {zeer_slecht, 2} {
    question niet_laag: yesno "Niet laag?" @en "Not low?"
  }
  if answered(cijfer) and cijfer = weet_niet {
    question waarom_wn: text optional "Waarom weet u het niet?" @en "Why don't you know?"
  }
}

section contact "Contact" @en "Contact" {
  question kanalen: multi Kanaal "Hoe had u contact?" @en "How were you in touch?"
    hint "Meerdere antwoorden mogelijk." @en "More than one answer possible."
  if kanalen contains balie {
    question balie_cijfer: Cijfer "Cijfer voor de balie?" @en "Grade for the desk?"
  }
  if count(kanalen) >= 3 {
    question veel_kanalen: yesno "Veel kanalen?" @en "Many channels?"
  }
  if kanalen = {telefoon, website} {
    question precies: yesno "Precies telefoon en website?" @en "Exactly phone and website?"
  }
  if wijk in {noord, zuid} {
    question noordzuid: yesno "Noord of zuid?" @en "North or south?"
  } else if wijk = oost and regio != oost {
    question oost_elders: yesno "Oost maar elders geregistreerd?" @en "East but registered elsewhere?"
  } else if regio in {west} {
    question west_regio: yesno "Regio west?" @en "Region west?"
  } else {
    question rest: yesno "De rest?" @en "The rest?"
  }
  if wijk not in {noord} {
    question niet_noord: yesno "Niet noord?" @en "Not north?"
  }
  if not (wijk in {noord}) {
    question ook_niet_noord: yesno "Ook niet noord?" @en "Also not north?"
  }
}

section stellingen "Stellingen" @en "Statements" {
  grid stel: Eens "Bent u het eens?" @en "Do you agree?" hint "Eén antwoord per regel." @en "One answer per line." {
    a "Stelling A" @en "Statement A"
    b "Stelling B" @en "Statement B" ouder: "Stelling B voor ouders" @en "Statement B for parents"
    c reversed "Stelling C" @en "Statement C"
  }
  if stel.a <= neutraal {
    question waarom_a: text optional "Waarom niet eens met A?" @en "Why not agree with A?"
  }
  if score >= 7 {
    question hoge_score: yesno "Hoge score?" @en "High score?"
  }
  if hoogste = 3 and laagste < 2 {
    question spreiding: yesno "Grote spreiding?" @en "Wide spread?"
  }
  if tevreden {
    question tevreden_vraag: yesno "U bent tevreden?" @en "You are satisfied?"
  }
  if afwijking = -1 {
    question afwijking_vraag: yesno "B iets lager dan A?" @en "B a bit lower than A?"
  }
  if groep >= "midden" {
    question groep_vraag: yesno "Groep midden?" @en "Group middle?"
  }
}

section over_u "Over u" @en "About you" {
  question leeftijd: integer 0..120 unit "jaar" @en "years" { missing 999 zeg_niet "Zeg ik niet" @en "Won't say" }
    "Wat is uw leeftijd?" @en "What is your age?"
  end "U bent te jong voor dit onderzoek. Bedankt!" @en "You are too young for this survey. Thank you!" if leeftijd < 18
  question uren: Uren "Hoeveel uur werkt u per week?" @en "How many hours a week do you work?"
  if uren * 2 > 40 or round(uren) = 20 or abs(uren - 10) < 1.5 {
    question veel_uren: yesno "Veel uren, twintig of ongeveer tien?" @en "Many hours, twenty or about ten?"
  }
  if uren / 0 > 1 or -uren < -30 {
    question deling: yesno "Meer dan dertig?" @en "More than thirty?"
  }
  question datum: date "Wanneer begon u?" @en "When did you start?"
  if datum >= "2023-01-01" {
    question recent: yesno "Recent begonnen?" @en "Started recently?"
  }
  if leeftijd >= 65 and bonus > 0 {
    question senior: yesno "Senior met bonus?" @en "Senior with bonus?"
  }
  end "Einde voor wie de vragen over uren oversloeg." @en "The end for whoever skipped the hours." if not answered(uren)
  note einde "Dank u wel." @en "Thank you." ouder: "Dank u wel, ouder." @en "Thank you, parent."
}

// outside any section: a group without a title; and an item that takes the name the compiler
// gives the first screen-out
note afsluiting "Tot ziens." @en "Goodbye."
question end1: yesno optional "Nog iets?" @en "Anything else?"

derive score "Som" @en "Sum" = sum(stel.a, stel.b, stel.c)
derive hoogste = max(stel.a, stel.b, stel.c)
derive laagste = min(stel.a, stel.b, stel.c)
derive tevreden = valid(cijfer) and cijfer >= 8
derive groep = not answered(cijfer) ? "laag" : cijfer >= 8 ? "hoog" : cijfer >= 6 ? "midden" : "laag"
derive bonus = cijfer >= 8 ? 2 : 0
derive gemiddelde = (stel.a + stel.b) / 2
derive afgerond = round(gemiddelde)
derive aantal = count(kanalen)
derive wijk_kopie = wijk
derive halve_uren = uren / 2
// halves round up, also below zero: round(-1.5) = -1 (ODK's round() would give -2)
derive afwijking = round(stel.b - stel.a - 0.5)

test "weet niet is niet hoog" {
  given regio = noord, wijk = noord, cijfer = weet_niet, kanalen = {telefoon, website}, leeftijd = 30, uren = 20, datum = "2024-02-01"
  expect not asked hoog, niet_noord, ook_niet_noord
  expect asked niet_drie, niet_hoog, waarom_wn, precies, noordzuid, recent, veel_uren, einde
  expect that groep = "laag"
  expect not screened out
}

test "jong" {
  variant ouder
  given regio = west, wijk = oost, kanalen = {balie}, leeftijd = 12
  expect screened out
  expect not asked uren, einde, niet_drie
  expect asked balie_cijfer, oost_elders, niet_noord, niet_hoog, ook_niet_noord
}
`;

describe('ODK XForms target: the tricky semantics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kto-xform-'));
    const file = join(dir, 'lastig.kto');
    writeFileSync(file, TRICKY);
    const model = [...(await loadModels([file])).values()][0];
    const forms = await loadForms(model);
    const base: Record<string, unknown> = { regio: 1, wijk: 1, kanalen: [1], 'stel.a': 3, 'stel.b': 3, 'stel.c': 3, leeftijd: 40, uren: 10, datum: '2020-05-05' };
    const asked = async (answers: Record<string, unknown>, variant?: string) => {
        const respondent = { answers: { ...base, ...answers }, ...(variant ? { variant } : {}) } as Respondent;
        return (await agreesWithReference(model, forms, respondent)).asked;
    };

    test('loads in the ODK engine; every language has every text (escaped)', async () => {
        await engineLanguages(model, forms);
        expect(forms.get('')!.xml).toContain('Welkom! Een "test" met &lt;tekens&gt; &amp; \'zo\'.');
    });

    test('a missing code is never more than 5; an unanswered item is neither equal nor unequal', async () => {
        expect(await asked({ cijfer: 99 })).toEqual(expect.arrayContaining(['niet_drie', 'niet_hoog', 'waarom_wn']));
        expect(await asked({ cijfer: 99 })).not.toContain('hoog');
        expect(await asked({ cijfer: 8 })).toEqual(expect.arrayContaining(['hoog', 'niet_drie', 'tevreden_vraag']));
        expect(await asked({ cijfer: 3 })).not.toContain('niet_drie');
        const unanswered = await asked({});
        expect(unanswered).not.toContain('hoog');
        expect(unanswered).not.toContain('niet_drie'); // `!=` with no value is false
        expect(unanswered).toContain('niet_hoog'); // `not (x > 5)` with no value is true
        expect(unanswered).not.toContain('waarom_wn');
        expect(unanswered).not.toContain('niet_laag'); // `x not in {...}` is a comparison: false with no value
        expect(await asked({ cijfer: 99 })).toContain('niet_laag');
        expect(await asked({ cijfer: 2 })).not.toContain('niet_laag');
    });

    test('in, not in, not (... in ...), else-if chains and sample variables', async () => {
        expect(await asked({ wijk: 2 })).toEqual(expect.arrayContaining(['noordzuid', 'niet_noord', 'ook_niet_noord']));
        expect(await asked({ wijk: 1 })).not.toEqual(expect.arrayContaining(['niet_noord']));
        expect(await asked({ wijk: 3, regio: 4 })).toContain('oost_elders');
        expect(await asked({ wijk: 3, regio: 3 })).toContain('rest');
        expect(await asked({ wijk: 4, regio: 4 })).toContain('west_regio');
        expect(await asked({ wijk: 4, regio: undefined })).toContain('rest'); // `regio in {west}` is false without a value
        expect(await asked({ wijk: 3, regio: undefined })).toContain('rest'); // and so is `regio != oost`
    });

    test('contains, count and set equality on a multi-select', async () => {
        expect(await asked({ kanalen: [2] })).toContain('balie_cijfer');
        expect(await asked({ kanalen: [1, 3] })).toEqual(expect.arrayContaining(['precies']));
        expect(await asked({ kanalen: [1, 3, 4] })).toEqual(expect.arrayContaining(['veel_kanalen']));
        expect(await asked({ kanalen: [1, 3, 4] })).not.toContain('precies');
        expect(await asked({ kanalen: [4] })).not.toEqual(expect.arrayContaining(['balie_cijfer']));
    });

    test('derived values in routing: sum/min/max skip missing codes, booleans, texts ordered', async () => {
        expect(await asked({ 'stel.a': 9, 'stel.b': 3, 'stel.c': 3 })).not.toContain('hoge_score'); // 3 + 3, 9 skipped
        expect(await asked({ 'stel.a': 3, 'stel.b': 3, 'stel.c': 1 })).toEqual(expect.arrayContaining(['hoge_score', 'spreiding']));
        expect(await asked({ 'stel.a': 9, 'stel.b': 9, 'stel.c': 9 })).not.toContain('spreiding'); // max of nothing has no value
        expect(await asked({ 'stel.a': 3, 'stel.b': 2 })).toContain('afwijking_vraag'); // round(-1.5) = -1
        expect(await asked({ 'stel.a': 3, 'stel.b': 1 })).not.toContain('afwijking_vraag'); // round(-2.5) = -2
        expect(await asked({ cijfer: 7 })).toContain('groep_vraag');
        expect(await asked({ cijfer: 9 })).not.toContain('groep_vraag'); // "hoog" < "midden"
        expect(await asked({ cijfer: 9, leeftijd: 70 })).toContain('senior');
        expect(await asked({ cijfer: 99, leeftijd: 70 })).not.toContain('senior');
    });

    test('a screen-out in the middle ends the interview; arithmetic, rounding and dates', async () => {
        const young = await asked({ leeftijd: 12 });
        expect(young).not.toContain('uren');
        expect(young).not.toContain('einde');
        expect(await asked({ leeftijd: 999 })).toContain('uren'); // "zeg niet" is not less than 18
        expect(await asked({ uren: 20.5 })).toContain('veel_uren'); // round(20.5) = 21, but 41 > 40
        expect(await asked({ uren: 19.5 })).toContain('veel_uren'); // round(19.5) = 20
        expect(await asked({ uren: 15 })).not.toContain('veel_uren');
        expect(await asked({ uren: 8.6 })).toContain('veel_uren'); // |8.6 - 10| < 1.5
        expect(await asked({ uren: -1 })).not.toContain('veel_uren'); // "zeg niet" is no number
        expect(await asked({ uren: -1 })).not.toContain('deling');
        expect(await asked({ uren: 31 })).toContain('deling');
        expect(await asked({ datum: '2023-01-01' })).toContain('recent');
        expect(await asked({ datum: '2022-12-31' })).not.toContain('recent');
        const variant = await asked({}, 'ouder');
        expect(variant).toContain('einde');
    });

    test(`random respondents agree with the reference evaluator (${NUM_RUNS} runs)`, async () => {
        await fc.assert(fc.asyncProperty(respondentArbitrary(model), async respondent => {
            const odk = await agreesWithReference(model, forms, respondent);
            expect(violations(odk.root)).toEqual([]);
        }), { numRuns: NUM_RUNS, seed: SEED });
    }, 120_000);

    test.each(model.tests.map(t => [t.name, t] as const))('test block "%s" replayed in the ODK engine', async (_, t) => {
        await replayTest(model, forms, t);
    });
});

// ---------------------------------------------------------------------------------------------
// The translation itself

describe('kto expressions as XPath', () => {
    const variables = new Map<string, XPathVariable>([
        ['x', { path: '/data/x', kind: 'grade', multi: false, codes: [99] }],
        ['t', { path: '/data/t', kind: 'text', multi: false, codes: [] }],
        ['m', { path: '/data/m', kind: 'nominal', multi: true, codes: [1, 2, 3] }]
    ]);
    const x: Expression = { kind: 'answer', name: 'x', missing: [99] };
    const t: Expression = { kind: 'answer', name: 't', missing: [] };
    const translator = new XPathTranslator(variables, new Map());
    const cond = (e: Expression) => translator.condition(e);

    test('comparisons exclude the unanswered and, for ordering, the missing codes', () => {
        expect(cond({ kind: 'binary', operator: '>', left: x, right: { kind: 'number', value: 5 } }))
            .toBe('string-length(/data/x) > 0 and /data/x != 99 and /data/x > 5');
        expect(cond({ kind: 'binary', operator: '!=', left: x, right: { kind: 'number', value: 3 } }))
            .toBe('string-length(/data/x) > 0 and not(/data/x = 3)');
        expect(cond({ kind: 'binary', operator: '=', left: x, right: { kind: 'label', value: 99, name: 'weet_niet', scale: 'Cijfer' } }))
            .toBe('/data/x = 99');
        expect(cond({ kind: 'in', operand: x, values: [{ kind: 'number', value: 1 }, { kind: 'number', value: 2 }], negated: false }))
            .toBe('/data/x = 1 or /data/x = 2');
        expect(cond({ kind: 'binary', operator: 'contains', left: { kind: 'answer', name: 'm', missing: [] }, right: { kind: 'label', value: 2, name: 'b', scale: 'S' } }))
            .toBe('selected(/data/m, \'2\')');
        expect(cond({ kind: 'call', function: 'answered', args: [x] })).toBe('string-length(/data/x) > 0');
    });

    test('texts are quoted safely and numbers written without exponents', () => {
        expect(cond({ kind: 'binary', operator: '=', left: t, right: { kind: 'string', value: 'it\'s "x"' } }))
            .toBe('/data/t = concat(\'it\', "\'", \'s "x"\')');
        expect(plainDecimal(1e21)).toBe('1000000000000000000000');
        expect(plainDecimal(1.5e-7)).toBe('0.00000015');
        expect(plainDecimal(-2.5e22)).toBe('-25000000000000000000000');
    });

    test('a name ODK needs for itself is refused with a message', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-xform-'));
        const file = join(dir, 'meta.kto');
        writeFileSync(file, 'survey m {\n}\n\nquestion meta: yesno "Meta?"\n');
        const model = [...(await loadModels([file])).values()][0];
        expect(() => xformEmitter.emit(model)).toThrow(XFormEmitError);
        expect(() => xformEmitter.emit(model)).toThrow(/'meta'/);
    });

    test('what XPath cannot order is refused, not approximated', () => {
        const open: Expression = { kind: 'binary', operator: '<', left: { kind: 'conditional', condition: { kind: 'boolean', value: true }, then: t, otherwise: t }, right: { kind: 'string', value: 'b' } };
        expect(() => cond(open)).toThrow(XPathTranslationError);
    });
});
