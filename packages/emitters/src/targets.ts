import type { Emitter } from './emitter.js';
import { analysisEmitter } from './analysis.js';
import { codebookEmitter } from './codebook.js';
import { schemaEmitter } from './schema.js';
import { surveyJsEmitter } from './surveyjs.js';
import { xformEmitter } from './xform.js';

/** Every compiler target, in the order `kto build` writes them. */
export const EMITTERS: Emitter[] = [schemaEmitter, analysisEmitter, surveyJsEmitter, xformEmitter, codebookEmitter];
