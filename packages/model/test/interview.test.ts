import { describe, expect, test } from 'vitest';
import { URI } from 'langium';
import { createKtoServices, KtoWorkspace, type KtoFile } from '@kto/language';
import { interview, itemsOf, lowerSurvey, runTests, type SurveyModel } from '@kto/model';

async function model(text: string): Promise<SurveyModel> {
    const { shared, Kto } = createKtoServices();
    const uri = URI.file('/model/main.kto');
    const workspace = new KtoWorkspace(shared, async u => (u.toString() === uri.toString() ? text : undefined));
    await workspace.load([uri]);
    const diagnostics = (await workspace.check()).get(uri.toString()) ?? [];
    expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return lowerSurvey(workspace.documents[0].parseResult.value as KtoFile, Kto.documentation.CommentProvider);
}

const SURVEY = `survey s {
  title "Test" @en "Test"
  languages nl, en
  variant ouder "Ouder" @en "Parent"
}
scale Cijfer: grade 1..10 { missing 99 weet_niet "Weet niet" @en "Don't know" }
section a "Deel A" @en "Part A" {
  /** De kernvraag. */
  question algemeen: Cijfer "Cijfer?" @en "Grade?" ouder: "Cijfer voor uw kind?" @en "Grade for your child?"
  question hulp: yesno "Hulp?" @en "Help?"
  if hulp = yes {
    question hulp_cijfer: Cijfer "Cijfer hulp?" @en "Grade help?"
    if hulp_cijfer <= 5 {
      question waarom: text optional "Waarom?" @en "Why?"
    }
  } else {
    note geen "Jammer" @en "Pity"
  }
}
section b "Deel B" @en "Part B" {
  question leeftijd: integer 0..120 "Leeftijd?" @en "Age?"
  end "Te jong" @en "Too young" if leeftijd < 18
  grid stellingen: Cijfer "Stellingen" @en "Statements" { snel "Snel" @en "Fast" goed "Goed" @en "Good" }
}
derive laag = answered(hulp_cijfer) and hulp_cijfer <= 5
derive groep = leeftijd < 30 ? "jong" : "oud"
indicators {
  min_n 30
  indicator gem "Gemiddeld" @en "Mean" = mean(algemeen) by groep
}
test "hulp" {
  given hulp = yes, hulp_cijfer = 4, leeftijd = 40
  expect asked waarom
  expect that laag
}
test "fout" {
  given hulp = no, leeftijd = 40
  expect asked waarom
  expect screened out
  expect that groep = "jong"
}
`;

describe('lowering', () => {
    test('routing becomes each item\'s askedWhen, in interview order', async () => {
        const m = await model(SURVEY);
        expect(m.sections.map(s => s.name)).toEqual(['a', 'b']);
        const items = itemsOf(m);
        expect(items.map(i => i.name)).toEqual(['algemeen', 'hulp', 'hulp_cijfer', 'waarom', 'geen', 'leeftijd', 'stellingen']);
        expect(items.find(i => i.name === 'waarom')!.askedWhenText).toBe('hulp = yes and hulp_cijfer <= 5');
        expect(items.find(i => i.name === 'geen')!.askedWhenText).toBe('not (hulp = yes)');
        expect(items.find(i => i.name === 'algemeen')!.askedWhen).toBeUndefined();
        expect(items.find(i => i.name === 'algemeen')!.description).toBe('De kernvraag.');
        expect(items.find(i => i.name === 'algemeen')!.wording).toEqual({
            text: { nl: 'Cijfer?', en: 'Grade?' }, variants: { ouder: { nl: 'Cijfer voor uw kind?', en: 'Grade for your child?' } }
        });
    });

    test('scales are resolved once, inline types get their own, yes/no carries its labels', async () => {
        const m = await model(SURVEY);
        expect(m.scales.map(s => s.name).sort()).toEqual(['Cijfer', 'leeftijd#type', 'waarom#type', 'yesno']);
        expect(m.scales.find(s => s.name === 'Cijfer')).toMatchObject({ kind: 'grade', min: 1, max: 10, missing: [{ value: 99, name: 'weet_niet' }] });
        expect(m.scales.find(s => s.name === 'yesno')!.codes).toEqual([
            { value: 1, name: 'yes', label: { nl: 'Ja', en: 'Yes' } }, { value: 0, name: 'no', label: { nl: 'Nee', en: 'No' } }
        ]);
    });

    test('indicators take the block\'s defaults; derived values come in dependency order', async () => {
        const m = await model(SURVEY + 'derive dubbel = laag and groep = "jong"\n');
        expect(m.indicators[0]).toMatchObject({ name: 'gem', kind: 'mean', minN: { indicative: 30 }, breakdowns: ['groep'] });
        expect(m.derived.map(d => [d.name, d.type])).toEqual([['laag', 'boolean'], ['groep', 'string'], ['dubbel', 'boolean']]);
    });
});

describe('the reference evaluator', () => {
    test('asks what the routing allows, in order', async () => {
        const m = await model(SURVEY);
        const r = interview(m, { answers: { algemeen: 7, hulp: 1, hulp_cijfer: 8, leeftijd: 40 } });
        expect(r.asked).toEqual(['algemeen', 'hulp', 'hulp_cijfer', 'leeftijd', 'stellingen']);
        expect(r.screenedOut).toBe(false);
    });

    test('an answer to an item that was not asked does not exist', async () => {
        const m = await model(SURVEY);
        const r = interview(m, { answers: { hulp: 0, hulp_cijfer: 3, leeftijd: 40 } });
        expect(r.asked).toEqual(['algemeen', 'hulp', 'geen', 'leeftijd', 'stellingen']);
        expect(r.answers.hulp_cijfer).toBeUndefined();
        expect(r.derived.laag).toBe(false);
    });

    test('a missing code is never "at most 5"', async () => {
        const m = await model(SURVEY);
        expect(interview(m, { answers: { hulp: 1, hulp_cijfer: 99, leeftijd: 40 } }).asked).not.toContain('waarom');
        expect(interview(m, { answers: { hulp: 1, hulp_cijfer: 5, leeftijd: 40 } }).asked).toContain('waarom');
    });

    test('a screen-out ends the interview where it stands', async () => {
        const m = await model(SURVEY);
        const r = interview(m, { answers: { hulp: 0, leeftijd: 16 } });
        expect(r.screenedOut).toBe(true);
        expect(r.screenOut).toBe('end1');
        expect(r.asked.at(-1)).toBe('leeftijd');
    });

    test('scripted respondents pass or fail with the expectation and what happened', async () => {
        const m = await model(SURVEY);
        const [pass, fail] = runTests(m);
        expect(pass).toMatchObject({ name: 'hulp', passed: true, failures: [] });
        expect(fail.passed).toBe(false);
        expect(fail.failures).toEqual([
            { expectation: 'expect asked waarom', actual: "'waarom' was not asked" },
            { expectation: 'expect screened out', actual: 'the interview was completed' },
            { expectation: 'expect that groep = "jong"', actual: 'it does not hold (laag = false, groep = "oud")' }
        ]);
        expect(fail.path).toEqual(['algemeen', 'hulp', 'geen', 'leeftijd', 'stellingen']);
    });
});
