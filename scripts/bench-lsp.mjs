#!/usr/bin/env node
// Language-server benchmark: `npm run bench:lsp` (builds first). Drives the real server over stdio
// on a generated 2,000-question survey and prints the time from an edit to its diagnostics
// (median, p95), completion latency, and the server's memory while 1,000 edits go in (it must
// stay flat). A measuring tool, not a test: it exits 0 whatever the figures.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateSurvey, renderKto } from './bench/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.bench', 'lsp');
const EDITS = Number(process.env.KTO_BENCH_EDITS ?? 1000);
const QUESTIONS = 2000;

mkdirSync(OUT, { recursive: true });

const { model: survey } = generateSurvey({ id: 'lsp_bench', seed: 2000, questions: QUESTIONS, indicators: 80, tests: 3 });
const text = renderKto(survey);
const file = join(OUT, 'survey-2000.kto');
writeFileSync(file, text);
const uri = pathToFileURL(file).toString();

const server = spawn(process.execPath, [join(ROOT, 'packages/language-server/bin/kto-language-server.mjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', p => {
    if (p.uri !== uri) return;
    // Diagnostics for a version answer every edit up to it (a newer edit may cancel an older build).
    for (const [version, resolve] of waiting) {
        if (p.version === undefined || p.version >= version) {
            waiting.delete(version);
            resolve({ at: performance.now(), diagnostics: p.diagnostics });
        }
    }
});
connection.onRequest('workspace/configuration', () => []);
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('window/workDoneProgress/create', () => null);
connection.listen();

const diagnosticsFor = version => new Promise(resolve => waiting.set(version, resolve));
const rssMiB = () => {
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
};
const median = v => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = v => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)];
const say = (label, value) => console.log(`${label.padEnd(48)} ${value}`);

const rootUri = pathToFileURL(OUT).toString();
await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
await connection.sendNotification('initialized', {});

console.log(`== language server on a generated ${QUESTIONS}-question survey (${(text.length / 1e3).toFixed(0)} kB), ${EDITS} edits`);
let t = performance.now();
let first = diagnosticsFor(1);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kto', version: 1, text } });
const opened = await first;
say('open → first diagnostics', `${(opened.at - t).toFixed(0)} ms (${opened.diagnostics.filter(d => d.severity === 1).length} errors)`);

// Each edit retypes one question's wording (as a researcher editing text does), cycling through the file.
const wordings = [...text.matchAll(/\n\s+"([^"\n]{8,})"/g)].map(m => m.index + m[0].length - 2);
if (wordings.length === 0) throw new Error("no question wording found to edit");
const latencies = [];
const memory = [[0, rssMiB()]];
let current = text;
for (let i = 1; i <= EDITS; i++) {
    const at = wordings[(i * 7919) % wordings.length];
    current = current.slice(0, at) + (i % 2 ? 'x' : 'y') + current.slice(at + 1);
    const version = i + 1;
    const done = diagnosticsFor(version);
    t = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: current }] });
    latencies.push((await done).at - t);
    if (i % (EDITS / 4) === 0) memory.push([i, rssMiB()]);
}
say('edit → diagnostics, median', `${median(latencies).toFixed(1)} ms  [goal < 50 ms: ${median(latencies) < 50 ? 'PASS' : 'MISS'}]`);
say('edit → diagnostics, p95', `${p95(latencies).toFixed(1)} ms`);
say('edit → diagnostics, first 10 / last 10 median', `${median(latencies.slice(0, 10)).toFixed(1)} / ${median(latencies.slice(-10)).toFixed(1)} ms`);

const position = (() => {
    const index = current.indexOf('\nif ') + 4;
    const before = current.slice(0, index).split('\n');
    return { line: before.length - 1, character: before.at(-1).length };
})();
const completion = [];
for (let i = 0; i < 30; i++) {
    t = performance.now();
    const result = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    completion.push(performance.now() - t);
    if (i === 0) say('completion items at an `if` condition', String((Array.isArray(result) ? result : result?.items ?? []).length));
}
say('completion latency, median / p95', `${median(completion).toFixed(1)} / ${p95(completion).toFixed(1)} ms`);
say('server memory (RSS) after edits', memory.map(([n, m]) => `${n}: ${m.toFixed(0)} MiB`).join(', '));
const growth = memory.at(-1)[1] - memory[1][1];
say('growth from 250 to 1000 edits', `${growth.toFixed(0)} MiB  [must stay flat: ${growth < 50 ? 'PASS' : 'MISS'}]`);

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
server.kill();
