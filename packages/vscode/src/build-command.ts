import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildOptions } from './build-options.js';

/** One compiler target, as `kto build --target` names it (server/targets.json, written at build time from @kto/emitters). */
interface Target {
    target: string;
    description: string;
}

interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

/**
 * `kto: Build to a target…` on the desktop: a quick pick of the compiler's targets, then the kto
 * CLI (bundled into the extension as `server/kto-cli.mjs`, the same `kto build` as on the command
 * line and in CI) writes them atomically to `kto.build.outDir`. The CLI runs in VS Code's own Node
 * (Electron as Node), so nothing needs to be installed.
 */
export async function buildWithCli(
    context: vscode.ExtensionContext,
    output: vscode.LogOutputChannel,
    resource?: vscode.Uri,
    options: BuildOptions = {}
): Promise<string[] | undefined> {
    if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('kto: building writes files, so it is off in an untrusted workspace.');
    const survey = resource ?? activeKtoDocument();
    if (!survey) return void vscode.window.showInformationMessage('kto: open the .kto survey you want to build.');
    if (survey.scheme !== 'file') return void vscode.window.showInformationMessage('kto: only surveys on disk can be built (this one is not a file).');

    let chosen = options.targets;
    if (!chosen) {
        const targets = JSON.parse(await readFile(context.asAbsolutePath('server/targets.json'), 'utf8')) as Target[];
        const picked = await vscode.window.showQuickPick(
            targets.map(t => ({ label: t.target, description: t.description, picked: true })),
            { canPickMany: true, title: `kto: build ${path.basename(survey.fsPath)}`, placeHolder: 'The targets to write' }
        );
        chosen = picked?.map(p => p.label);
    }
    if (!chosen || chosen.length === 0) return;

    // The compiler reads the files on disk: save the kto documents first.
    for (const document of vscode.workspace.textDocuments) {
        if (document.languageId === 'kto' && document.isDirty) await document.save();
    }

    const folder = vscode.workspace.getWorkspaceFolder(survey);
    const base = folder?.uri.fsPath ?? path.dirname(survey.fsPath);
    const setting = options.outDir || vscode.workspace.getConfiguration('kto.build', survey).get<string>('outDir') || 'out/kto';
    const outDir = path.resolve(base, setting);
    const args = ['build', survey.fsPath, '--out', outDir, '--target', chosen.join(','), '--format', 'json', '--no-color'];

    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `kto: building ${chosen.join(', ')}…` },
        () => runCli(context.asAbsolutePath('server/kto-cli.mjs'), args, base)
    );
    output.appendLine(`> kto ${args.join(' ')}`);
    if (result.stdout) output.append(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
    if (result.stderr) output.append(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`);

    // The notifications are not awaited: the command is done when the build is (its result is
    // the files written), not when someone dismisses the message.
    if (result.code === 0) {
        let built: string[] = [];
        try {
            built = (JSON.parse(result.stdout) as { built: string[] }).built.map(f => path.resolve(base, f));
        } catch {
            // the files are written; only the list is missing
        }
        const where = path.relative(base, outDir) || '.';
        void vscode.window.showInformationMessage(`kto: wrote ${built.length} file${built.length === 1 ? '' : 's'} to ${where}.`, 'Reveal in Explorer', 'Show Output').then(choice => {
            if (choice === 'Reveal in Explorer') void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(built[0] ?? outDir));
            else if (choice === 'Show Output') output.show(true);
        });
        return built;
    }
    if (result.code === 1) {
        void vscode.window.showErrorMessage('kto: nothing was built: the survey has errors. Fix them first.', 'Show Problems').then(choice => {
            if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
    } else {
        // 2: usage or file problems (e.g. a library has no survey to build), 3: a bug in kto.
        const message = result.stderr.split('\n').find(l => l.trim())?.replace(/^kto: /, '') ?? `the compiler stopped (exit code ${result.code})`;
        void vscode.window.showErrorMessage(`kto: ${message}`, 'Show Output').then(choice => {
            if (choice) output.show(true);
        });
    }
    return undefined;
}

function activeKtoDocument(): vscode.Uri | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'kto' ? editor.document.uri : undefined;
}

function runCli(cli: string, args: string[], cwd: string): Promise<CliResult> {
    return new Promise(resolve => {
        const child = fork(cli, args, {
            cwd,
            silent: true,
            execArgv: [],
            env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', e => resolve({ code: null, stdout, stderr: `${stderr}${e.message}\n` }));
        child.on('close', code => resolve({ code, stdout, stderr }));
    });
}
