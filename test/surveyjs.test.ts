import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Model, surveyLocalization, type ItemValue, type Question } from 'survey-core';
import 'survey-core/survey.i18n';
import { lintSurvey } from 'survey-core/linter';
import { Evaluator, truthy, type Value } from '@kto/language';
import {
    elementsOf, evaluateAfter, interview, isItem, itemsOf, scaleOf,
    type LocalizedText, type Respondent, type SurveyModel, type Wording
} from '@kto/model';
import { surveyJsEmitter } from '../packages/emitters/src/surveyjs.js';
import { SurveyJsExpressions } from '../packages/emitters/src/surveyjs-expressions.js';
import { exampleModels, loadModels } from './support/models.js';
import { respondentArbitrary } from './support/respondents.js';
import { calculatedValue, keptAnswers, runInSurveyJs } from './support/surveyjs-runtime.js';
import { expressionCaseArbitrary, expressionModel } from './support/surveyjs-expressions.js';

/**
 * The SurveyJS target, proven in the real runtime: every emitted JSON loads in a stock survey-core
 * and its linter finds nothing; every language has every text; and random respondents, the
 * examples' own `test` blocks and hand-picked respondents for the tricky semantics go through
 * survey-core exactly as the reference evaluator says (items asked in order, where the interview
 * ends, the answers kept and the derived values).
 */

const NUM_RUNS = Number(process.env.KTO_PROPERTY_RUNS ?? (process.env.CI ? 60 : 200));
const SEED = Number(process.env.KTO_PROPERTY_SEED ?? 20261124);

/** The emitted JSON per respondent variant ('' = the default respondent). */
function emitted(model: SurveyModel): Map<string, object> {
    const files = surveyJsEmitter.emit(model);
    const result = new Map<string, object>();
    for (const file of files) {
        const variant = file.path.slice(model.id.length + 1).replace(/\.?surveyjs\.json$/, '');
        result.set(variant, JSON.parse(file.content) as object);
    }
    return result;
}

function jsonFor(jsons: Map<string, object>, respondent: Respondent): object {
    return jsons.get(respondent.variant ?? '')!;
}

/** The page (section) each screen-out is on, as the emitted JSON names it. */
function screenOutPages(json: object): Map<string, string> {
    const pages = (json as { pages: Array<{ name: string; elements: Array<{ name: string }> }> }).pages;
    return new Map(pages.flatMap(p => p.elements.map(e => [e.name, p.name] as const)));
}

/** Runs one respondent through survey-core and compares everything with the reference evaluator. */
function agreesWithReference(model: SurveyModel, jsons: Map<string, object>, respondent: Respondent, reuse = false): void {
    const json = jsonFor(jsons, respondent);
    const reference = interview(model, respondent);
    const run = runInSurveyJs(json, model, respondent, { navigate: true, reuse });
    expect(run.asked).toEqual(reference.asked);
    expect(run.screenOut).toEqual(reference.screenOut);
    expect(run.shownAfterEnd).toEqual([]);
    expect(run.completed).toBe(true);
    if (reference.screenOut) {
        // the interview ended on the screen-out's own page (the last one left), through its
        // complete trigger when the screen-out reads an answer given on that page (SurveyJS runs a
        // complete trigger when a value it reads changes)
        const pages = screenOutPages(json);
        const page = pages.get(reference.screenOut);
        expect(run.completedOnPage).toBe(page);
        const element = (json as { pages: Array<{ elements: Array<{ name: string; visibleIf?: string }> }> }).pages
            .flatMap(p => p.elements).find(e => e.name === reference.screenOut)!;
        const readsOwnPage = [...(element.visibleIf ?? '').matchAll(/\{#?([\w.]+)\}/g)].some(m => pages.get(m[1].split('.')[0]) === page);
        if (readsOwnPage) expect(run.completedByTrigger).toBe(true);
    } else {
        expect(run.completedByTrigger).toBe(false);
    }
    expect(keptAnswers(run.survey, model)).toEqual(reference.answers);
    for (const d of model.derived) expect([d.name, calculatedValue(run.survey, d.name)]).toEqual([d.name, reference.derived[d.name]]);
}

function expected(text: LocalizedText | undefined, language: string): string | undefined {
    return text?.[language];
}

function wordingFor(wording: Wording, variant: string): LocalizedText {
    return (variant && wording.variants?.[variant]) || wording.text;
}

/**
 * Every text the respondent sees, in each language, against the model: in a stock survey-core and
 * in one whose default locale is the survey's default language (as hosts of non-English surveys
 * often configure it).
 */
function checkAllTexts(model: SurveyModel, jsons: Map<string, object>): void {
    const stock = surveyLocalization.defaultLocale;
    for (const hostDefault of [stock, model.languages[0]]) {
        surveyLocalization.defaultLocale = hostDefault;
        try {
            for (const [variant, json] of jsons) {
                for (const language of model.languages) checkTexts(model, json, variant, language);
                // the survey opens in its default language
                const opened = new Model(json);
                expect([hostDefault, opened.title]).toEqual([hostDefault, model.title[model.languages[0]]]);
            }
        } finally {
            surveyLocalization.defaultLocale = stock;
        }
    }
}

function checkTexts(model: SurveyModel, json: object, variant: string, language: string): void {
    const survey = new Model(json);
    survey.locale = language;
    const problems: string[] = [];
    const same = (where: string, actual: string, wanted: string | undefined): void => {
        if (wanted === undefined) problems.push(`${where}: the model has no ${language} text`);
        else if (actual !== wanted) problems.push(`${where}: shows ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
    };
    same('survey title', survey.title, expected(model.title, language));
    for (const section of model.sections) {
        const page = survey.pages.find(p => p.elements.some(e => section.elements.some(s => s.name === e.name)));
        if (section.title && page) same(`page ${section.name}`, page.title, expected(section.title, language));
    }
    for (const element of elementsOf(model)) {
        const question = survey.getQuestionByName(element.name) as Question & { html?: string; choices?: ItemValue[]; rateValues?: ItemValue[]; columns?: ItemValue[]; rows?: ItemValue[] };
        if (!question) {
            problems.push(`${element.name}: not in the SurveyJS JSON`);
            continue;
        }
        if (!isItem(element) || element.kind === 'note') {
            const text = expected(wordingFor(isItem(element) ? element.wording : element.text, variant), language);
            if (text === undefined || !(question.html ?? '').includes(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'))) {
                problems.push(`${element.name}: html ${JSON.stringify(question.html)} lacks ${JSON.stringify(text)}`);
            }
            continue;
        }
        same(element.name, question.title, expected(wordingFor(element.wording, variant), language));
        if (element.hint) {
            const hint = expected(wordingFor(element.hint, variant), language);
            if (hint === undefined || !question.description.includes(hint)) problems.push(`${element.name}: description ${JSON.stringify(question.description)} lacks the hint`);
        }
        for (const row of element.rows ?? []) {
            const shown = question.getType() === 'multipletext'
                ? (question as unknown as { items: Array<{ name: string; title: string }> }).items.find(i => i.name === row.name)?.title ?? ''
                : question.rows?.find(r => r.value === row.name)?.text ?? '';
            same(`${element.name}.${row.name}`, shown, expected(wordingFor(row.wording, variant), language));
        }
        const scale = scaleOf(model, element.scale);
        const options = question.getType() === 'matrixdropdown'
            ? (question.columns as unknown as Array<{ choices: ItemValue[] }>)[0].choices
            : question.choices ?? question.rateValues ?? question.columns;
        if (scale && options && question.getType() !== 'boolean') {
            for (const code of [...scale.codes, ...scale.missing]) {
                const option = options.find(o => o.value === code.value);
                const label = expected(code.label, language);
                if (!option || label === undefined || !(option.text.includes(label) || ['minRateDescription', 'maxRateDescription'].some(p => (question as unknown as Record<string, string>)[p] === label))) {
                    problems.push(`${element.name}: option ${code.value} shows ${JSON.stringify(option?.text)}, expected ${JSON.stringify(label)}`);
                }
            }
        }
        if (question.getType() === 'boolean') {
            const q = question as unknown as { labelTrue: string; labelFalse: string };
            same(`${element.name} yes`, q.labelTrue, expected(scale?.codes.find(c => c.value === 1)?.label, language));
            same(`${element.name} no`, q.labelFalse, expected(scale?.codes.find(c => c.value === 0)?.label, language));
        }
    }
    expect([surveyLocalization.defaultLocale, language, problems]).toEqual([surveyLocalization.defaultLocale, language, []]);
}

const examples = await exampleModels();

describe.each([...examples].map(([file, model]) => [file.split('/').pop()!, model] as const))('SurveyJS target: %s', (_, model) => {
    const jsons = emitted(model);

    test('emits one JSON for the default respondent and one per variant', () => {
        expect([...jsons.keys()]).toEqual(['', ...model.variants.map(v => v.name)]);
    });

    test('every JSON loads in survey-core without errors and its linter finds nothing', () => {
        for (const json of jsons.values()) {
            const survey = new Model(json);
            expect(survey.jsonErrors ?? []).toEqual([]);
            const lint = lintSurvey(json);
            expect(lint.findings.map(f => `${f.severity} ${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
            // every item and screen-out is there, under its own name
            for (const element of elementsOf(model)) expect(survey.getQuestionByName(element.name), element.name).toBeTruthy();
        }
    });

    test('every language has every text', () => checkAllTexts(model, jsons));

    test(`random respondents go through survey-core as the reference evaluator says (${NUM_RUNS} runs)`, () => {
        fc.assert(fc.property(respondentArbitrary(model), respondent => agreesWithReference(model, jsons, respondent, true)), { numRuns: NUM_RUNS, seed: SEED });
    }, 300_000);

    test.each(model.tests.map(t => [t.name, t] as const))('test block "%s" replayed in survey-core', (_, t) => {
        const respondent: Respondent = { answers: t.given, ...(t.variant ? { variant: t.variant } : {}) };
        const reference = interview(model, respondent);
        const run = runInSurveyJs(jsonFor(jsons, respondent), model, respondent, { navigate: false });
        expect(run.asked).toEqual(reference.asked);
        expect(run.screenOut).toEqual(reference.screenOut);
        const expressions = new SurveyJsExpressions(model);
        // each expectation comes out in survey-core as it does in the reference evaluator
        for (const expectation of t.expectations) {
            if (expectation.kind === 'asked') {
                for (const item of expectation.items) expect([item, run.asked.includes(item)]).toEqual([item, reference.asked.includes(item)]);
            } else if (expectation.kind === 'screened-out') {
                expect(run.screenOut !== undefined).toBe(reference.screenedOut);
            } else {
                // `expect that`: the condition, translated, holds in survey-core over its answers and calculated values
                const wanted = truthy(evaluateAfter(model, reference, expectation.condition));
                expect([expectation.text, run.survey.runCondition(expressions.condition(expectation.condition))]).toEqual([expectation.text, wanted]);
            }
        }
    });
});

// ---------------------------------------------------------------------------------------------
// The tricky semantics, on a survey written for them

const TRICKY = `survey lastig {
  title "Lastige routering" @en "Tricky routing"
  languages nl, en
  variant ouder "Ouder" @en "Parent"
}

scale Cijfer: grade 1..10 {
  1 "Slecht" @en "Bad"
  10 "Goed" @en "Good"
  missing 99 weet_niet "Weet niet" @en "Don't know"
}

scale Kleur: nominal {
  1 rood "Rood" @en "Red"
  2 groen "Groen" @en "Green"
  3 blauw "Blauw" @en "Blue"
  4 geel "Geel" @en "Yellow"
  missing 9 geen "Geen voorkeur" @en "No preference"
}

scale Hobby: nominal {
  1 sport "Sport" @en "Sport"
  2 muziek "Muziek" @en "Music"
  3 lezen "Lezen" @en "Reading"
  4 anders "Iets anders" @en "Something else"
}

scale Regio: nominal {
  1 noord "Noord" @en "North"
  2 zuid "Zuid" @en "South"
}

sample regio: Regio "Regio" @en "Region"

section een "Deel een" @en "Part one" {
  question x: Cijfer "Welk cijfer?" @en "Which grade?" ouder: "Welk cijfer geeft uw kind?" @en "Which grade does your child give?"
  if x > 5 {
    question boven5: text "Waarom hoger dan 5?" @en "Why above 5?"
  }
  if not (x > 5) {
    note niet_boven5 "Niet hoger dan 5 (of weet niet)." @en "Not above 5 (or don't know)."
  }
  question kleur: Kleur optional "Welke kleur?" @en "Which colour?"
  if kleur != rood {
    question niet_rood: yesno "Niet rood?" @en "Not red?"
  }
  if kleur in {rood, groen} {
    question warm: integer 0..10 "Hoe warm?" @en "How warm?"
  } else if kleur = blauw {
    question koel: decimal 0..5 "Hoe koel?" @en "How cool?"
  } else if answered(kleur) {
    question anders_kleur: date "Sinds wanneer?" @en "Since when?"
  } else {
    note geen_kleur "Geen kleur gekozen." @en "No colour chosen."
  }
  question hobbies: multi Hobby "Welke hobby's?" @en "Which hobbies?" hint "Meerdere antwoorden." @en "Several answers."
  if hobbies contains anders {
    question hobby_anders: text "Welke andere hobby?" @en "Which other hobby?"
  }
  end "Einde: rood en een 1." @en "End: red and a 1." if x = 1 and kleur = rood
  question leeftijd: integer 0..120 "Leeftijd?" @en "Age?"
  grid stellingen: Cijfer "Stellingen" @en "Statements" {
    snel "Snel" @en "Fast"
    goed "Goed" @en "Good"
  }
}

section twee "Deel twee" @en "Part two" {
  if totaal >= 12 {
    question hoog: yesno "Hoog totaal?" @en "High total?"
  }
  if regio = zuid and valid(stellingen.snel) and stellingen.snel < stellingen.goed {
    question zuid_beter: text optional "Wat ging beter?" @en "What went better?"
  }
  if answered(warm) and warm > 5 {
    question heet: yesno "Was het heet?" @en "Was it hot?"
  }
  end "Einde: geel." @en "End: yellow." if kleur = geel
  question slot: text optional "Nog iets?" @en "Anything else?"
}

section drie "Deel drie" @en "Part three" {
  question kinderen: integer 0..20 { missing 99 weet_niet "Weet niet" @en "Don't know" } "Hoeveel kinderen?" @en "How many children?"
  grid uren: integer 0..24 "Hoeveel uur per dag?" @en "How many hours a day?" {
    werk "Werk" @en "Work"
    slaap "Slaap" @en "Sleep"
  }
  if kinderen > 2 or uren.werk > 8 {
    question druk: text optional "Is het druk?" @en "Is it busy?"
  }
  grid bezig: multi Hobby "Wat doet u waar?" @en "What do you do where?" {
    thuis "Thuis" @en "At home"
    buiten "Buiten" @en "Outside"
  }
  if bezig.thuis contains muziek {
    question instrument: text optional "Welk instrument?" @en "Which instrument?"
  }
  question antwoord: text "Typ ja of nee." @en "Type yes or no."
  if antwoord = "ja" {
    note precies "Precies ja." @en "Exactly yes."
  }
}

derive totaal "Totaal" @en "Total" = sum(x, stellingen.snel, stellingen.goed)
derive groep "Groep" @en "Group" = leeftijd < 18 ? "jong" : leeftijd < 65 ? "midden" : "oud"
derive afgerond "Afgerond" @en "Rounded" = round(leeftijd / 4)
derive verschil "Verschil" @en "Difference" = abs(stellingen.snel - stellingen.goed)
`;

const trickyFile = join(mkdtempSync(join(tmpdir(), 'kto-surveyjs-')), 'lastig.kto');
writeFileSync(trickyFile, TRICKY);
const tricky = [...(await loadModels([trickyFile])).values()][0];

describe('SurveyJS target: the tricky semantics', () => {
    const jsons = emitted(tricky);
    const base = { regio: 1, x: 7, boven5: 'ja', kleur: 2, niet_rood: 1, warm: 3, hobbies: [1], leeftijd: 40, 'stellingen.snel': 5, 'stellingen.goed': 6, hoog: 0, slot: 'nee', kinderen: 1, 'uren.werk': 8, 'uren.slaap': 7, 'bezig.thuis': [3], 'bezig.buiten': [1, 2], antwoord: 'nee' };
    const rest = ['kinderen', 'uren', 'bezig', 'antwoord'];

    test('loads and lints clean', () => {
        for (const json of jsons.values()) {
            expect(new Model(json).jsonErrors ?? []).toEqual([]);
            expect(lintSurvey(json).findings.map(f => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
        }
    });

    test('the translations say what kto means', () => {
        const byName = new Map(elementsOf(tricky).map(e => [e.name, e]));
        const json = jsons.get('')! as { pages: Array<{ elements: Array<{ name: string; visibleIf?: string }> }>; triggers: Array<{ expression: string }> };
        const visibleIf = (name: string): string | undefined => json.pages.flatMap(p => p.elements).find(e => e.name === name)?.visibleIf;
        // a missing code is no value for ordering
        expect(visibleIf('boven5')).toBe('{x} notempty and {x} != 99 and {x} > 5');
        // `not (x > 5)` holds for "weet niet" and for no answer
        expect(visibleIf('niet_boven5')).toBe('!({x} notempty and {x} != 99 and {x} > 5)');
        // `!=` with an unanswered item is false
        expect(visibleIf('niet_rood')).toBe('{kleur} notempty and {kleur} != 1');
        // the screen-out reading only answers on an earlier page waits until the respondent is on its page
        expect(json.triggers[1].expression).toBe('!({x} notempty and {x} = 1 and {kleur} notempty and {kleur} = 1) and {kleur} notempty and {kleur} = 4 and {pageno} = {pagecount}');
        expect(visibleIf('warm')).toBe('{kleur} notempty and {kleur} anyof [1, 2]');
        expect(visibleIf('hobby_anders')).toBe('{hobbies} contains 4');
        expect(byName.get('hoog')).toBeDefined();
        // a derived value in routing reads the calculated value
        expect(visibleIf('hoog')).toBe('{totaal} notempty and {totaal} >= 12 and !({x} notempty and {x} = 1 and {kleur} notempty and {kleur} = 1)');
        expect(json.triggers.length).toBe(2);
    });

    const cases: Array<[string, Record<string, unknown>, string[], string | undefined]> = [
        ['a grade above 5 asks why', base,
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['"weet niet" is not above 5, and not (x > 5) holds for it', { ...base, x: 99 },
            ['x', 'niet_boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'slot', ...rest], undefined],
        ['an unanswered colour: != is false, the last else applies', { ...base, kleur: undefined },
            ['x', 'boven5', 'kleur', 'geen_kleur', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['"geen voorkeur" is an answer: != holds, in does not, answered does', { ...base, kleur: 9, anders_kleur: '2020-02-02' },
            ['x', 'boven5', 'kleur', 'niet_rood', 'anders_kleur', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['blue: the else-if branch', { ...base, kleur: 3, koel: 2.5 },
            ['x', 'boven5', 'kleur', 'niet_rood', 'koel', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['contains: another hobby', { ...base, hobbies: [2, 4], hobby_anders: 'dansen' },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'hobby_anders', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['the screen-out in the middle ends the interview', { ...base, x: 1, kleur: 1 },
            ['x', 'niet_boven5', 'kleur', 'warm', 'hobbies'], 'end1'],
        ['a derived value in routing skips missing codes (sum of 7, 99 and 1 is 8)', { ...base, 'stellingen.snel': 99, 'stellingen.goed': 1 },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'slot', ...rest], undefined],
        ['a sample variable and a grid comparison', { ...base, regio: 2, zuid_beter: 'alles' },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'zuid_beter', 'slot', ...rest], undefined],
        ['a missing code in the grid is not valid() (and the total of 7 and 6 is high)', { ...base, regio: 2, 'stellingen.snel': 99 },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['a missing code on a number is not more than 2', { ...base, kinderen: 99 },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['more than 2 children', { ...base, kinderen: 3 },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', 'kinderen', 'uren', 'druk', 'bezig', 'antwoord'], undefined],
        ['a grid of numbers', { ...base, 'uren.werk': 9 },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', 'kinderen', 'uren', 'druk', 'bezig', 'antwoord'], undefined],
        ['contains on a statement of a multi-select grid', { ...base, 'bezig.thuis': [2, 3] },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', 'kinderen', 'uren', 'bezig', 'instrument', 'antwoord'], undefined],
        ['text equality is exact: "Ja" is not "ja"', { ...base, antwoord: 'Ja' },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['text equality is exact: " ja" is not "ja"', { ...base, antwoord: ' ja' },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest], undefined],
        ['"ja" is "ja"', { ...base, antwoord: 'ja' },
            ['x', 'boven5', 'kleur', 'niet_rood', 'warm', 'hobbies', 'leeftijd', 'stellingen', 'hoog', 'slot', ...rest, 'precies'], undefined],
        ['a screen-out pages after the answer it reads', { ...base, kleur: 4, anders_kleur: '2021-01-01' },
            ['x', 'boven5', 'kleur', 'niet_rood', 'anders_kleur', 'hobbies', 'leeftijd', 'stellingen', 'hoog'], 'end2'],
    ];

    test.each(cases)('%s', (_, answers, asked, screenOut) => {
        for (const variant of [undefined, 'ouder']) {
            const respondent: Respondent = { answers: answers as Respondent['answers'], ...(variant ? { variant } : {}) };
            const reference = interview(tricky, respondent);
            expect(reference.asked).toEqual(asked);
            expect(reference.screenOut).toEqual(screenOut);
            agreesWithReference(tricky, jsons, respondent);
            const run = runInSurveyJs(jsonFor(jsons, respondent), tricky, respondent, { navigate: false });
            expect(run.asked).toEqual(asked);
            expect(run.screenOut).toEqual(screenOut);
        }
    });

    test('changing an earlier answer clears the answers it hides, so they no longer steer the routing', () => {
        const survey = new Model(jsons.get('')!);
        for (const [name, value] of Object.entries({ regio: 1, x: 7, boven5: 'ja', kleur: 1, warm: 8 })) survey.setValue(name, value);
        expect(survey.getQuestionByName('heet').isVisible).toBe(true);
        survey.setValue('kleur', 3);
        expect(survey.getQuestionByName('warm').isVisible).toBe(false);
        expect(survey.getValue('warm')).toBeUndefined();
        expect(survey.getQuestionByName('heet').isVisible).toBe(false);
        expect(interview(tricky, { answers: { regio: 1, x: 7, kleur: 3, warm: 8 } }).asked).not.toContain('heet');
    });

    test('derived values: sum skips missing codes, round and abs follow JavaScript', () => {
        const respondent: Respondent = { answers: { ...base, leeftijd: 10, 'stellingen.snel': 99, 'stellingen.goed': 3 } as Respondent['answers'] };
        const reference = interview(tricky, respondent);
        expect(reference.derived).toEqual({ totaal: 10, groep: 'jong', afgerond: 3, verschil: undefined });
        const run = runInSurveyJs(jsons.get('')!, tricky, respondent, { navigate: true });
        for (const d of tricky.derived) expect([d.name, calculatedValue(run.survey, d.name)]).toEqual([d.name, reference.derived[d.name]]);
        const half: Respondent = { answers: { ...base, leeftijd: 2, 'stellingen.snel': 4, 'stellingen.goed': 9 } as Respondent['answers'] };
        const halfReference = interview(tricky, half);
        expect(halfReference.derived).toMatchObject({ afgerond: 1, verschil: 5 });
        const halfRun = runInSurveyJs(jsons.get('')!, tricky, half, { navigate: true });
        for (const d of tricky.derived) expect([d.name, calculatedValue(halfRun.survey, d.name)]).toEqual([d.name, halfReference.derived[d.name]]);
    });

    test('every language has every text', () => checkAllTexts(tricky, jsons));

    test(`random respondents agree with the reference evaluator (${NUM_RUNS} runs)`, () => {
        fc.assert(fc.property(respondentArbitrary(tricky), respondent => agreesWithReference(tricky, jsons, respondent, true)), { numRuns: NUM_RUNS, seed: SEED });
    }, 300_000);

    test('items of the model are all in the JSON', () => {
        for (const item of itemsOf(tricky)) expect(new Model(jsons.get('')!).getQuestionByName(item.name), item.name).toBeTruthy();
    });
});

// ---------------------------------------------------------------------------------------------
// The expression translation, value by value

describe('SurveyJS expressions agree with the reference evaluator', () => {
    /** SurveyJS data for kto answers: grid statements under their grid, sets as arrays. */
    function data(answers: Record<string, Value>): Record<string, unknown> {
        const result: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(answers)) {
            if (value === undefined) continue;
            const [item, row] = name.split('.');
            const v = value instanceof Set ? [...value] : value;
            if (row) result[item] = { ...(result[item] as object | undefined), [row]: v };
            else result[name] = v;
        }
        return result;
    }

    test(`random expressions and derived values (${NUM_RUNS * 5} runs)`, () => {
        fc.assert(fc.property(expressionCaseArbitrary(), c => {
            const model = expressionModel(c.derived);
            const translate = new SurveyJsExpressions(model);
            const json = {
                pages: [{ name: 'p', elements: [{ type: 'html', name: 'h' }] }],
                calculatedValues: c.derived.map(d => ({ name: d.name, expression: translate.calculated(d.expression) }))
            };
            const survey = new Model(json);
            survey.data = data(c.answers);
            const evaluator = new Evaluator({ answer: name => c.answers[name], derived: name => c.derived.find(d => d.name === name)?.expression });
            // -0 and 0 are the same value (kto compares with ===)
            const same = (v: Value): Value => (v === 0 ? 0 : v);
            for (const d of c.derived) {
                const expression = json.calculatedValues.find(v => v.name === d.name)!.expression;
                expect([d.name, expression, same(calculatedValue(survey, d.name))]).toEqual([d.name, expression, same(evaluator.evaluate(d.expression))]);
            }
            const condition = translate.condition(c.condition);
            expect([condition, survey.runCondition(condition)]).toEqual([condition, truthy(evaluator.evaluate(c.condition))]);
        }), { numRuns: NUM_RUNS * 5, seed: SEED });
    }, 300_000);
});

describe('SurveyJS: known differences, pinned', () => {
    test('+, - and * round to the decimals of their operands (0.1 + 0.2 = 0.3; kto: 0.30000000000000004)', () => {
        const translate = new SurveyJsExpressions(expressionModel([]));
        const sum: import('@kto/language').Expression = { kind: 'binary', operator: '+', left: { kind: 'answer', name: 'm', missing: [] }, right: { kind: 'number', value: 0.2 } };
        const survey = new Model({ pages: [{ name: 'p', elements: [{ type: 'html', name: 'h' }] }] });
        survey.data = { m: 0.1 };
        expect(new Evaluator({ answer: () => 0.1, derived: () => undefined }).evaluate(sum)).toBe(0.30000000000000004);
        expect(survey.runExpression(translate.value(sum))).toBe(0.3);
    });
});
