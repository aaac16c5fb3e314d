// Builds the VS Code extension into its own folder, so that `vsce package` finds everything there
// (it packages only this folder and, with --no-dependencies, no node_modules: all is bundled).
//
//   dist/extension.js                  desktop entry (package.json `main`): Node, CommonJS
//   dist/web/extension.js              web entry (package.json `browser`): web extension host, CommonJS
//   server/kto-language-server.mjs     the language server for the desktop (packages/language-server/src/main-node.ts)
//   server/kto-language-server-web.js  the language server in a web worker (…/src/main-browser.ts)
//   server/kto-cli.mjs                 the kto CLI, for `kto: Build to a target…` (packages/cli/src/main.ts)
//   server/targets.json                the compiler's targets for the build quick pick (from @kto/emitters)
//   syntaxes/kto.tmLanguage.json       copied from the repository's syntaxes/
//   out/test/{web,desktop}/suite.js    the tests that run inside VS Code (test/vscode/), not packaged
//
// Needs the other packages built first (root `npm run build`: generated parser, dist/ of each).
// `--production`: minified, no source maps, and a missing input is an error rather than a warning.
import { build } from 'esbuild';
import { access, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const here = new URL('..', import.meta.url);
const root = new URL('../../../', import.meta.url);
const at = (base, p) => fileURLToPath(new URL(p, base));
const pkg = (p) => at(here, p);
const repo = (p) => at(root, p);
const exists = (p) => access(p).then(() => true, () => false);
const started = Date.now();

const problems = [];
const warn = (message) => {
    if (production) problems.push(message);
    else console.warn(`kto vscode build: warning: ${message}`);
};

// Generated sources the bundles need (the parser, the preview pages' scripts) and the built emitters.
for (const generated of ['packages/language/src/generated/ast.ts', 'packages/language-server/src/preview/generated/browser-scripts.ts', 'packages/emitters/dist/index.js']) {
    if (!(await exists(repo(generated)))) {
        console.error(`kto vscode build: ${generated} is missing; run \`npm run build\` at the repository root first.`);
        process.exit(1);
    }
}

await Promise.all(['dist', 'server', 'syntaxes', 'out'].map(d => rm(pkg(d), { recursive: true, force: true })));

const version = JSON.parse(await readFile(repo('packages/cli/package.json'), 'utf8')).version;

// VS Code runs the server and the CLI with its own Node (Electron's): Node 20 in VS Code 1.91–1.100.
// Chevrotain 13's grammar checks call Object.groupBy, which Node 20 lacks; Langium skips them in
// production mode (the bundles were seen to work on Node 20 without this), but one code path that
// reaches them would stop the server, and the polyfill costs nothing.
const polyfills = `if(!Object.groupBy)Object.defineProperty(Object,'groupBy',{configurable:true,writable:true,value:function(xs,f){var r=Object.create(null),i=0;for(var x of xs){var k=f(x,i++);(r[k]||(r[k]=[])).push(x)}return r}});` +
    `if(!Map.groupBy)Object.defineProperty(Map,'groupBy',{configurable:true,writable:true,value:function(xs,f){var r=new Map(),i=0;for(var x of xs){var k=f(x,i++);r.has(k)?r.get(k).push(x):r.set(k,[x])}return r}});`;

const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    define: { KTO_VERSION: JSON.stringify(version) }
};
const nodeServer = {
    ...common,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // CommonJS dependencies (vscode-languageserver) call require(); give them one.
    banner: { js: `import { createRequire as __ktoRequire } from 'node:module'; const require = __ktoRequire(import.meta.url);${polyfills}` }
};

await Promise.all([
    // The extension itself: desktop and web.
    build({ ...common, entryPoints: [pkg('src/extension.ts')], outfile: pkg('dist/extension.js'), platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] }),
    build({ ...common, entryPoints: [pkg('src/extension-web.ts')], outfile: pkg('dist/web/extension.js'), platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'] }),
    // The language server, from the language-server package's sources.
    build({ ...nodeServer, entryPoints: [repo('packages/language-server/src/main-node.ts')], outfile: pkg('server/kto-language-server.mjs') }),
    build({ ...common, entryPoints: [repo('packages/language-server/src/main-browser.ts')], outfile: pkg('server/kto-language-server-web.js'), platform: 'browser', format: 'iife', target: 'es2022', banner: { js: polyfills } }),
    // The CLI, for `kto: Build to a target…` on the desktop.
    build({ ...nodeServer, entryPoints: [repo('packages/cli/src/main.ts')], outfile: pkg('server/kto-cli.mjs') }),
    // The tests that run inside VS Code (test/vscode/), not packaged.
    ...(production ? [] : [
        build({ ...common, entryPoints: [repo('test/vscode/web/suite.ts')], outfile: pkg('out/test/web/suite.js'), platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'] }),
        build({ ...common, entryPoints: [repo('test/vscode/desktop/suite.ts')], outfile: pkg('out/test/desktop/suite.js'), platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] })
    ])
]);

// The targets of `kto build`, for the quick pick: the emitters' own names and descriptions.
const { EMITTERS } = await import(new URL('packages/emitters/dist/index.js', root).href);
await writeFile(pkg('server/targets.json'), JSON.stringify(EMITTERS.map(e => ({ target: e.target, description: e.description })), null, 2) + '\n');

// The grammar lives at the repository root (the docs and tests use it too); vsce needs a copy here.
await mkdir(pkg('syntaxes'), { recursive: true });
const grammar = repo('syntaxes/kto.tmLanguage.json');
const generated = repo('syntaxes/kto.tmLanguage.generated.json');
if (await exists(grammar)) {
    await copyFile(grammar, pkg('syntaxes/kto.tmLanguage.json'));
} else if (await exists(generated)) {
    warn('syntaxes/kto.tmLanguage.json is missing; using the grammar Langium generates (keywords and strings only)');
    await copyFile(generated, pkg('syntaxes/kto.tmLanguage.json'));
} else {
    problems.push('no TextMate grammar: syntaxes/kto.tmLanguage.json is missing');
}

// Files the manifest names that other people maintain, and the icons.
for (const file of ['language-configuration.json', 'snippets/kto.json', 'images/icon.png', 'images/kto-file.svg', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (!(await exists(pkg(file)))) warn(`packages/vscode/${file} is missing`);
}

if (problems.length > 0) {
    for (const p of problems) console.error(`kto vscode build: ${p}`);
    process.exit(1);
}
console.log(`kto vscode build: ${production ? 'production ' : ''}extension, servers and CLI bundled in ${Date.now() - started} ms`);
