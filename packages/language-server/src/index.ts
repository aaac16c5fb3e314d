export * from './kto-lsp-module.js';
export * from './server.js';
export * from './preview/index.js';
export { formatText, KtoFormatError } from './format.js';
