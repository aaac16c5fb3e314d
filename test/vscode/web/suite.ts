// The test module VS Code for the Web loads (extensionTestsPath; bundled to
// packages/vscode/out/test/web/suite.js as CommonJS): run() resolves, or rejects with what failed.
import { runKtoChecks } from '../checks.js';

export async function run(): Promise<void> {
    console.log('kto extension in VS Code for the Web:');
    await runKtoChecks();
}
