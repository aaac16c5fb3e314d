import type { SurveyModel } from '@kto/model';
import type { Emitter } from './emitter.js';

export const SURVEY_FORMAT_VERSION = '1.0';
export const SURVEY_SCHEMA_ID = 'https://kto.dev/schemas/survey-1.0.schema.json';

/** The canonical survey schema document: the model as it is, versioned. */
export function surveyDocument(model: SurveyModel): Record<string, unknown> {
    return { $schema: SURVEY_SCHEMA_ID, formatVersion: SURVEY_FORMAT_VERSION, ...model };
}

export const schemaEmitter: Emitter = {
    target: 'schema',
    description: 'the canonical, runtime-neutral JSON survey schema (schemas/survey.schema.json)',
    emit: model => [{ path: `${model.id}.survey.json`, content: JSON.stringify(surveyDocument(model), null, 2) + '\n' }]
};
