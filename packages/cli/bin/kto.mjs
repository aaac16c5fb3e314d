#!/usr/bin/env node
// The CLI is bundled into one file (scripts/bundle-cli.mjs) and Node's compile cache is on, so
// that `kto` starts fast in CI loops and editors.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/kto.mjs');
