// The test module @vscode/test-electron loads (extensionTestsPath; bundled to
// packages/vscode/out/test/desktop/suite.js as CommonJS): the same checks as on the web, with the
// desktop entry (the server as a Node process), and the build command, which only the desktop has.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runKtoChecks } from '../checks.js';

export async function run(): Promise<void> {
    console.log('kto extension in VS Code (desktop):');
    await runKtoChecks({
        more: async (step, example) => {
            await step('kto.build writes the chosen target with the bundled CLI', async () => {
                const outDir = mkdtempSync(join(tmpdir(), 'kto-build-'));
                try {
                    const written = await vscode.commands.executeCommand<string[] | undefined>('kto.build', example, { targets: ['schema'], outDir });
                    if (!written || written.length !== 1) throw new Error(`expected one file written, got ${JSON.stringify(written)}`);
                    if (!written[0].endsWith('.survey.json') || !existsSync(written[0])) throw new Error(`expected a .survey.json in ${outDir}, got ${written[0]}`);
                } finally {
                    rmSync(outDir, { recursive: true, force: true });
                }
            });
        }
    });
}
