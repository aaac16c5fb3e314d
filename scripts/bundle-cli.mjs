// Bundles the CLI and the language server into one ESM file each: one file to load instead of
// hundreds keeps `kto` and `kto-language-server` quick to start.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const path = (p) => new URL(p, root).pathname;
const version = JSON.parse(await readFile(new URL('packages/cli/package.json', root), 'utf8')).version;

const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    define: { KTO_VERSION: JSON.stringify(version) },
    // Some dependencies are CommonJS and call require(); give them one.
    banner: { js: "import { createRequire as __ktoRequire } from 'node:module'; const require = __ktoRequire(import.meta.url);" },
    logLevel: 'warning'
};

await Promise.all([
    // Split so that `kto fmt`'s formatter (with the editor services) loads only when used.
    build({
        ...common, entryPoints: { kto: path('packages/cli/src/main.ts') }, outdir: path('packages/cli/dist'),
        splitting: true, chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' }
    }),
    build({ ...common, entryPoints: [path('packages/language-server/src/main-node.ts')], outfile: path('packages/language-server/dist/kto-language-server.mjs') })
]);
