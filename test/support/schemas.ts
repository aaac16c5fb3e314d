import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const SCHEMAS = join(import.meta.dirname, '../../packages/emitters/schemas');
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8'));

/** Validators for the published JSON Schemas (2020-12), compiled once with every schema registered. */
export function schemaValidators(): { survey: ValidateFunction; analysis: ValidateFunction } {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addSchema(load('expression.schema.json'));
    ajv.addSchema(load('survey.schema.json'));
    ajv.addSchema(load('analysis.schema.json'));
    return {
        survey: ajv.getSchema('https://kto.dev/schemas/survey-1.0.schema.json')!,
        analysis: ajv.getSchema('https://kto.dev/schemas/analysis-1.0.schema.json')!
    };
}
