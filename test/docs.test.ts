import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { renderDiagnosticsDoc } from '../scripts/gen-diagnostics-doc.mjs';

const ROOT = join(import.meta.dirname, '..');

test('docs/diagnostics.md is generated from the current catalogue and cases (npm run docs)', () => {
    expect(readFileSync(join(ROOT, 'docs/diagnostics.md'), 'utf8')).toBe(renderDiagnosticsDoc());
});
