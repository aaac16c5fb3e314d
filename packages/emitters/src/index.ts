export * from './emitter.js';
export * from './schema.js';
export * from './analysis.js';
export * from './codebook.js';
export * from './surveyjs.js';
export * from './xform.js';
export * from './targets.js';
export { escapeHtml, html, Html } from './html.js';
export { inWords } from './plain-words.js';
