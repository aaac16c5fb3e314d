export * from './kto-lsp-module.js';
