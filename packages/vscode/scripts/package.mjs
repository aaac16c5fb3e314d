// `npm run package`: the production build, then `vsce package --no-dependencies` (everything the
// extension runs is bundled, so no node_modules go in) to kto-<version>.vsix, then a check that the
// package holds what the manifest points at, and its listing.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: here, stdio: 'inherit' });

const manifest = JSON.parse(await readFile(join(here, 'package.json'), 'utf8'));
const vsix = `${manifest.name}-${manifest.version}.vsix`;

run(process.execPath, [join(here, 'scripts/build.mjs'), '--production']);
run(process.execPath, [join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce'), 'package', '--no-dependencies', '--out', vsix]);

let entries;
try {
    entries = execFileSync('unzip', ['-Z1', vsix], { cwd: here, encoding: 'utf8' }).split('\n').filter(Boolean);
} catch {
    console.warn(`kto package: no unzip here; ${vsix} was written but not checked`);
    process.exit(0);
}
const required = [
    manifest.main, manifest.browser, manifest.icon,
    'server/kto-language-server.mjs', 'server/kto-language-server-web.js', 'server/kto-cli.mjs', 'server/targets.json',
    ...manifest.contributes.grammars.map(g => g.path),
    ...manifest.contributes.snippets.map(s => s.path),
    ...manifest.contributes.languages.flatMap(l => [l.configuration, l.icon?.light, l.icon?.dark]).filter(Boolean),
    'readme.md', 'changelog.md', 'LICENSE.txt'
].map(p => `extension/${p.replace(/^\.\//, '')}`);
const lower = new Set(entries.map(e => e.toLowerCase()));
const missing = [...new Set(required)].filter(p => !lower.has(p.toLowerCase()));
const unwanted = entries.filter(e => /\.(ts|map)$|^extension\/(src|scripts|out|node_modules)\//.test(e));
execFileSync('unzip', ['-l', vsix], { cwd: here, stdio: 'inherit' });
if (missing.length > 0 || unwanted.length > 0) {
    if (missing.length) console.error(`kto package: ${vsix} lacks ${missing.join(', ')}`);
    if (unwanted.length) console.error(`kto package: ${vsix} should not hold ${unwanted.join(', ')}`);
    process.exit(1);
}
console.log(`kto package: ${vsix} holds both entries, the servers, the CLI, the grammar and the icon`);
