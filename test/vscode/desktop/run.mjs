#!/usr/bin/env node
// Runs the extension's tests (suite.ts, bundled to packages/vscode/out/test/desktop/suite.js) in
// VS Code on the desktop with @vscode/test-electron: the `main` entry, the language server as a
// Node process. The same checks as the web suite, on the repository's examples/ folder.
//
//   npm run test:desktop            (in packages/vscode; builds first)
//   xvfb-run -a npm run test:desktop   on a Linux machine without a display
//
// test-electron downloads VS Code (stable, or KTO_VSCODE_VERSION, e.g. 1.91.0 for the oldest
// supported) into node_modules/.cache/kto-vscode-test-electron; KTO_VSCODE_EXECUTABLE uses a VS Code
// already installed instead. Machines that cannot reach update.code.visualstudio.com cannot run
// this suite; there the web suite (test/vscode/web) is the proof that the extension works.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const extension = join(repo, 'packages/vscode');
const suite = join(extension, 'out/test/desktop/suite.js');

if (!existsSync(suite) || !existsSync(join(extension, 'dist/extension.js'))) {
    console.error('kto desktop test: the extension is not built: run `npm run build` in packages/vscode first.');
    process.exit(2);
}

const userData = mkdtempSync(join(tmpdir(), 'kto-vscode-user-'));
const started = Date.now();
try {
    await runTests({
        ...(process.env.KTO_VSCODE_EXECUTABLE
            ? { vscodeExecutablePath: process.env.KTO_VSCODE_EXECUTABLE }
            : { version: process.env.KTO_VSCODE_VERSION ?? 'stable', cachePath: join(repo, 'node_modules/.cache/kto-vscode-test-electron') }),
        extensionDevelopmentPath: extension,
        extensionTestsPath: suite,
        launchArgs: [
            join(repo, 'examples'),
            '--disable-extensions', // no other extensions: kto's grammar and server only
            '--disable-workspace-trust',
            '--skip-welcome',
            '--skip-release-notes',
            '--disable-gpu',
            `--user-data-dir=${userData}`
        ]
    });
    console.log(`kto desktop test: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`kto desktop test: failed: ${message}`);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|update\.code\.visualstudio\.com/.test(message)) {
        console.error('kto desktop test: VS Code could not be downloaded from this machine. Set KTO_VSCODE_EXECUTABLE to an ' +
            'installed VS Code, or rely on the VS Code for the Web suite here (node test/vscode/web/run.mjs).');
    }
    process.exitCode = 1;
} finally {
    rmSync(userData, { recursive: true, force: true });
}
