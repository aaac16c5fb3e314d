import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkSources, createKtoServices } from '@kto/language';

/**
 * Every ```kto example in the language reference is checked: a doc example that does not check is
 * a bug in the doc. Comments naming `error kto/x` or `warning kto/x` list exactly the diagnostics
 * the example must produce; a block starting `// file: path.kto` is one file of a multi-file
 * example, checked with the other such blocks under the same heading.
 */
interface Unit { files: Record<string, string>; line: number; heading: string }

function examples(markdown: string): Unit[] {
    const units: Unit[] = [];
    let heading = '';
    let group: Unit | undefined;
    let block: string[] | undefined;
    let start = 0;
    markdown.split('\n').forEach((line, i) => {
        if (!block && /^#{1,6} /.test(line)) {
            heading = line;
            group = undefined;
        } else if (!block && line.trim() === '```kto') {
            block = [];
            start = i + 2;
        } else if (block && line.trim() === '```') {
            const text = block.join('\n') + '\n';
            const file = /^\/\/ file: (\S+)/.exec(block[0] ?? '')?.[1];
            if (file) {
                if (!group) units.push(group = { files: {}, line: start, heading });
                group.files[file] = text;
            } else {
                units.push({ files: { 'example.kto': text }, line: start, heading });
            }
            block = undefined;
        } else if (block) {
            block.push(line);
        }
    });
    return units;
}

const DOC = 'docs/language.md';
const units = examples(readFileSync(join(import.meta.dirname, '..', DOC), 'utf8'));

test(`${DOC} has examples`, () => {
    expect(units.length).toBeGreaterThan(20);
});

test.each(units.map(u => [`${DOC}:${u.line} ${u.heading.replace(/^#+ /, '')}`, u] as const))('%s', async (_name, unit) => {
    const expected = Object.values(unit.files).flatMap(text => [...text.matchAll(/\b(error|warning) (kto\/[a-z-]+)/g)].map(m => `${m[1]} ${m[2]}`));
    const result = await checkSources(createKtoServices().shared, unit.files);
    const actual = [...result.values()].flat().map(d => `${d.severity} ${d.code}`);
    expect(actual.sort()).toEqual(expected.sort());
});
