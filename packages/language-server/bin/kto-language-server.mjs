#!/usr/bin/env node
// The language server, bundled into one file (scripts/bundle-cli.mjs); speaks LSP over stdio.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/kto-language-server.mjs');
