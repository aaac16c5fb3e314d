import { describe, expect, test } from 'vitest';
import { checkSources, createKtoServices } from '@kto/language';

describe('the checker itself', () => {
    test('a failing family of checks becomes a located kto/internal-error, and the others still run', async () => {
        const services = createKtoServices();
        services.Kto.validation.KtoValidator.families.unshift(['exploding', () => { throw new Error('boom'); }]);
        const result = await checkSources(services.shared, { 'main.kto': 'survey s {}\nquestion q: Onbekend "Q"\n' });
        const diagnostics = result.get('main.kto')!;
        expect(diagnostics.map(d => d.code)).toEqual(['kto/internal-error', 'kto/unknown-reference']);
        expect(diagnostics[0].message).toContain('could not finish the exploding checks on this file (boom)');
    });
});
