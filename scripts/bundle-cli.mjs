// Bundles the CLI into one ESM file: one file to load instead of hundreds keeps `kto` quick to start.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('packages/cli/package.json', root), 'utf8'));

await build({
    entryPoints: [new URL('packages/cli/src/main.ts', root).pathname],
    outfile: new URL('packages/cli/dist/kto.mjs', root).pathname,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    define: { KTO_VERSION: JSON.stringify(pkg.version) },
    // Some dependencies are CommonJS and call require(); give them one.
    banner: { js: "import { createRequire as __ktoRequire } from 'node:module'; const require = __ktoRequire(import.meta.url);" },
    logLevel: 'warning'
});
