import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EMITTERS } from '@kto/emitters';
import { exampleModels } from './support/models.js';

/**
 * Every example compiled to every target, kept in test/outputs/<example>/ so a change to an
 * emitter is reviewed as a diff of real output. `npm run golden` re-records them.
 */
const OUTPUTS = join(import.meta.dirname, 'outputs');
const UPDATE = process.env.KTO_UPDATE_GOLDEN === '1';
const models = await exampleModels();

describe('compiled examples match their golden outputs', () => {
    for (const [file, model] of models) {
        const dir = join(OUTPUTS, basename(file, '.kto'));
        for (const emitter of EMITTERS) {
            test(`${basename(file)} → ${emitter.target}`, () => {
                for (const out of emitter.emit(model)) {
                    const path = join(dir, out.path);
                    if (UPDATE || !existsSync(path)) {
                        if (!UPDATE && process.env.CI) throw new Error(`missing golden output ${path}; run npm run golden`);
                        mkdirSync(dir, { recursive: true });
                        writeFileSync(path, out.content);
                        continue;
                    }
                    expect(out.content, `${path} (run \`npm run golden\` to re-record)`).toBe(readFileSync(path, 'utf8'));
                }
            });
        }
        test(`${basename(file)}: no stale golden files`, () => {
            if (!existsSync(dir)) return;
            const expected = new Set(EMITTERS.flatMap(e => e.emit(model).map(o => o.path)));
            expect(readdirSync(dir).filter(f => !expected.has(f))).toEqual([]);
        });
    }
});
