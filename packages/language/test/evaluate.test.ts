import { describe, expect, test } from 'vitest';
import { createKtoServices, Evaluator, isDerived, isIfBlock, KtoWorkspace, lowerExpression, type KtoFile, type Value } from '@kto/language';
import { URI } from 'langium';
import { SCALES } from './helpers.js';

/** Parses `if <condition> {}` after the declarations and evaluates the condition for the answers. */
async function evaluate(condition: string, answers: Record<string, Value>): Promise<Value> {
    const { shared } = createKtoServices();
    const text = `survey t {}\n${SCALES}\nquestion cijfer: Cijfer "C"\nquestion eens: Akkoord5 "E"\nquestion leeftijd: integer 0..120 "L"\nquestion opmerking: text optional "O"\nquestion kanaal: multi Kanaal "K"\nscale Kanaal: nominal { 1 balie "Balie" 2 telefoon "Telefoon" }\nderive groep = leeftijd < 30 ? "jong" : "oud"\nif ${condition} {}\n`;
    const uri = URI.file('/eval/main.kto');
    const workspace = new KtoWorkspace(shared, async u => (u.toString() === uri.toString() ? text : undefined));
    await workspace.load([uri]);
    const diagnostics = await workspace.check();
    const errors = (diagnostics.get(uri.toString()) ?? []).filter(d => d.severity === 'error');
    expect(errors, 'the condition checks').toEqual([]);
    const root = workspace.documents[0].parseResult.value as KtoFile;
    const ifBlock = root.declarations.find(isIfBlock)!;
    const derived = new Map(root.declarations.filter(isDerived).map(d => [d.name, lowerExpression(d.expr)]));
    return new Evaluator({ answer: name => answers[name], derived: name => derived.get(name) }).evaluate(lowerExpression(ifBlock.condition));
}

describe('expression semantics', () => {
    test('comparisons with an unanswered item are false, whichever the operator', async () => {
        expect(await evaluate('cijfer > 5', {})).toBe(false);
        expect(await evaluate('cijfer != 5', {})).toBe(false);
        expect(await evaluate('cijfer in {1, 2}', {})).toBe(false);
        expect(await evaluate('not (cijfer > 5)', {})).toBe(true);
        expect(await evaluate('answered(cijfer)', {})).toBe(false);
    });

    test('missing codes are answers for =, but no value for ordering', async () => {
        expect(await evaluate('cijfer = weet_niet', { cijfer: 99 })).toBe(true);
        expect(await evaluate('cijfer >= 6', { cijfer: 99 })).toBe(false);
        expect(await evaluate('cijfer <= 5', { cijfer: 99 })).toBe(false);
        expect(await evaluate('answered(cijfer)', { cijfer: 99 })).toBe(true);
        expect(await evaluate('valid(cijfer)', { cijfer: 99 })).toBe(false);
        expect(await evaluate('valid(cijfer)', { cijfer: 7 })).toBe(true);
    });

    test('labels stand for their codes', async () => {
        expect(await evaluate('eens >= eens', { eens: 5 })).toBe(true);
        expect(await evaluate('eens >= eens', { eens: 3 })).toBe(false);
        expect(await evaluate('eens >= eens', { eens: 9 })).toBe(false);
        expect(await evaluate('eens in {eens, helemaal_eens}', { eens: 4 })).toBe(true);
        expect(await evaluate('eens not in {eens, helemaal_eens}', { eens: 1 })).toBe(true);
    });

    test('arithmetic skips missing values in sum, propagates otherwise', async () => {
        expect(await evaluate('sum(cijfer, leeftijd) = 50', { cijfer: 99, leeftijd: 50 })).toBe(true);
        expect(await evaluate('cijfer + leeftijd > 0', { cijfer: 99, leeftijd: 50 })).toBe(false);
        expect(await evaluate('cijfer * 2 = 14', { cijfer: 7 })).toBe(true);
    });

    test('derived values, text and multi-select', async () => {
        expect(await evaluate('groep = "jong"', { leeftijd: 20 })).toBe(true);
        expect(await evaluate('groep = "jong"', { leeftijd: 40 })).toBe(false);
        expect(await evaluate('groep = "jong"', {})).toBe(false);
        expect(await evaluate('opmerking = "geen"', { opmerking: 'geen' })).toBe(true);
        expect(await evaluate('kanaal contains telefoon', { kanaal: new Set([2]) })).toBe(true);
        expect(await evaluate('kanaal contains balie', { kanaal: new Set([2]) })).toBe(false);
        expect(await evaluate('count(kanaal) = 2', { kanaal: new Set([1, 2]) })).toBe(true);
    });
});
