#!/usr/bin/env node
// The desktop suite (test/vscode/desktop/suite.ts) in a Node extension host without downloading
// VS Code: code-server (VS Code's server with a web UI, installed apart: see
// /work/shared/design/real-hosts.md) runs the packaged extension (.vsix) and a small runner
// extension that calls the suite's run() once VS Code has started, and writes the outcome to a
// file; headless Chromium opens the workbench so that the extension host starts.
//
//   KTO_CODE_SERVER=/path/to/node_modules/code-server  node test/vscode/code-server/run.mjs
//
// Needs: `npm run package` and `npm run build` in packages/vscode (the .vsix and
// out/test/desktop/suite.js), code-server's Node (KTO_CODE_SERVER_NODE, default `node` on PATH;
// code-server 4.100 wants Node 20), Chromium (KTO_CHROMIUM). Optional, not part of `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const extension = join(repo, 'packages/vscode');
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
const vsix = join(extension, `${manifest.name}-${manifest.version}.vsix`);
const suite = join(extension, 'out/test/desktop/suite.js');
const codeServer = process.env.KTO_CODE_SERVER;
const node = process.env.KTO_CODE_SERVER_NODE ?? 'node';
const chromium = process.env.KTO_CHROMIUM ?? '/usr/lib/chromium/chromium';

const fail = message => {
    console.error(`kto code-server test: ${message}`);
    process.exit(2);
};
if (!codeServer || !existsSync(join(codeServer, 'out/node/entry.js'))) fail('set KTO_CODE_SERVER to an installed code-server package (the folder holding out/node/entry.js)');
if (!existsSync(vsix)) fail(`${vsix} is missing: run \`npm run package\` in packages/vscode`);
if (!existsSync(suite)) fail(`${suite} is missing: run \`npm run build\` in packages/vscode (after packaging)`);
if (!existsSync(chromium)) fail(`Chromium is missing at ${chromium}`);

const work = mkdtempSync(join(tmpdir(), 'kto-code-server-'));
const result = join(work, 'result.txt');
const dirs = ['--config', join(work, 'config.yaml'), '--user-data-dir', join(work, 'user'), '--extensions-dir', join(work, 'extensions')];
const env = { ...process.env, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_DATA_HOME: join(work, 'xdg-data') };
const entry = join(codeServer, 'out/node/entry.js');
let server;
let browser;
try {
    // The runner: an extension that runs the suite when VS Code has started.
    const runner = join(work, 'runner');
    mkdirSync(runner);
    copyFileSync(suite, join(runner, 'suite.js'));
    writeFileSync(join(runner, 'package.json'), JSON.stringify({
        name: 'kto-test-runner', publisher: 'local', version: '0.0.1', license: 'MIT', engines: { vscode: manifest.engines.vscode },
        main: './runner.js', activationEvents: ['onStartupFinished']
    }));
    writeFileSync(join(runner, 'README.md'), 'Runs the kto extension checks.\n');
    writeFileSync(join(runner, 'LICENSE'), 'MIT\n');
    writeFileSync(join(runner, 'runner.js'), `const fs = require('fs');
exports.activate = async () => {
    try {
        await require('./suite.js').run();
        fs.writeFileSync(${JSON.stringify(result)}, 'PASS');
    } catch (e) {
        fs.writeFileSync(${JSON.stringify(result)}, 'FAIL ' + (e && e.message || e));
    }
};
`);
    const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', join(work, 'runner.vsix')], { cwd: runner, stdio: 'ignore' });
    for (const v of [vsix, join(work, 'runner.vsix')]) execFileSync(node, [entry, ...dirs, '--install-extension', v], { env, stdio: 'ignore' });

    const port = await new Promise((resolve, reject) => {
        const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
    server = spawn(node, [entry, ...dirs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', '--disable-telemetry', join(repo, 'examples')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout.on('data', d => (log += d));
    server.stderr.on('data', d => (log += d));
    const started = Date.now();
    while (!log.includes('HTTP server listening')) {
        if (Date.now() - started > 60_000 || server.exitCode !== null) fail(`code-server did not start:\n${log}`);
        await new Promise(r => setTimeout(r, 200));
    }

    const { chromium: pw } = require('playwright-core');
    browser = await pw.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const page = await browser.newPage();
    // The suite logs in the extension host; code-server forwards that to the page's console.
    page.on('console', m => {
        const text = m.text().replace(/%c/g, '').replace(/ color: \S*/g, '').replace(/^\[Extension Host\] /, '');
        if (/^ *[✓✗]|^kto /.test(text)) console.log(text.trimEnd());
    });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(join(repo, 'examples'))}`, { timeout: 120_000 });
    while (!existsSync(result)) {
        if (Date.now() - started > 180_000) fail('the checks did not finish within 3 minutes');
        await new Promise(r => setTimeout(r, 300));
    }
    const outcome = readFileSync(result, 'utf8');
    console.log(`kto code-server test: ${outcome.startsWith('PASS') ? 'passed' : outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    process.exitCode = outcome.startsWith('PASS') ? 0 : 1;
} finally {
    await browser?.close();
    server?.kill();
    rmSync(work, { recursive: true, force: true });
}
