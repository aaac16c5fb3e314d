#!/usr/bin/env node
// kto benchmark: `npm run bench` (builds first). A measuring tool, not a test: it prints one figure
// per line, marks each target PASS or MISS, and exits 0 either way — except when the generated
// survey does not check cleanly (exit 1), since then the figures would be meaningless.
//
//   1. a generated 5,000-question survey, checked once for diagnostics (0 errors expected)
//   2. parse+check time for it in-process (median of fresh-service runs), throughput, phase split
//   3. JSON.parse of the same survey as canonical JSON, for comparison
//   4. a 50-file workspace (a library and 49 surveys importing it)
//   5. peak memory of checking the big survey, in a child process
//   6. CLI cold start on a small file, and the CLI on the big survey once
//   7. compiling the big survey to every target, beside survey-core loading the SurveyJS output
//
// Generated files go to .bench/ (git-ignored) so they can be inspected afterwards.
// Options: --runs N (timed runs, default 7), --quick (fewer runs, for trying the script),
// --inject-error (drop one translation from the big survey, to see the failure path).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { canonicalJson, countQuestions, generateLibrary, generateSurvey, renderKto } from './bench/generate.mjs';
import { runKto } from './bench/kto-run.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.bench');
const CLI = join(ROOT, 'packages/cli/bin/kto.mjs');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const RUNS = (args.includes('--runs') && Number(args[args.indexOf('--runs') + 1])) || (QUICK ? 3 : 7);
const WARMUPS = QUICK ? 1 : 2;

const TARGETS = { jsonRatio: 0.1, cliStartMs: 400 };

// ------------------------------------------------------------------ output helpers

const started = performance.now();
const targets = [];
const say = (label, value) => console.log(value === undefined ? label : `${label.padEnd(50)} ${value}`);
const heading = title => console.log(`\n== ${title}`);
const ms = n => `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ms`;
const mb = bytes => bytes / 1e6; // sizes and throughput in decimal MB; memory in MiB
const fmt = (n, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = n => Math.round(n).toLocaleString('en-US');
const target = (label, value, pass, goal) => {
    const verdict = pass ? 'PASS' : 'MISS';
    targets.push({ label, value, verdict, goal });
    say(label, `${value}  [target ${goal}: ${verdict}]`);
};

function median(values) {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
    const s = [...values].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function countDiagnostics(diagnostics) {
    const all = [...diagnostics.values()].flat();
    const byCode = new Map();
    for (const d of all) byCode.set(`${d.severity} ${d.code}`, (byCode.get(`${d.severity} ${d.code}`) ?? 0) + 1);
    return {
        all,
        errors: all.filter(d => d.severity === 'error').length,
        warnings: all.filter(d => d.severity === 'warning').length,
        other: all.filter(d => d.severity !== 'error' && d.severity !== 'warning').length,
        byCode: [...byCode].sort((a, b) => b[1] - a[1])
    };
}

/** Prints diagnostic counts; on errors prints them with their source lines and exits 1. */
function reportDiagnostics(what, diagnostics, texts) {
    const c = countDiagnostics(diagnostics);
    say(`${what}: diagnostics`, `${c.errors} errors, ${c.warnings} warnings, ${c.other} other`);
    for (const [code, n] of c.byCode.slice(0, 8)) say(`  ${code}`, `${n}`);
    if (c.errors === 0) return c;
    console.log(`\nFAIL: the generated ${what} has ${c.errors} errors. Either the generator writes invalid kto`);
    console.log('(compare the message with the language reference) or the checker is wrong. First errors:');
    for (const d of c.all.filter(d => d.severity === 'error').slice(0, 20)) {
        const path = fileURLToPath(d.uri);
        const line = texts.get(path)?.split('\n')[d.line - 1]?.trim() ?? '';
        console.log(`  ${relative(ROOT, path)}:${d.line}:${d.column} ${d.code} ${d.message}\n      | ${line}`);
    }
    process.exit(1);
}

// A full GC between timed runs, so that one run does not pay for the garbage of the previous one.
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/**
 * Runs `fn` `warmups` times untimed, then up to `runs` times; returns the per-run results. On a
 * busy machine it stops after `min` runs once `budgetMs` has passed, to keep the whole run short.
 */
async function repeat(warmups, runs, fn, { min = 5, budgetMs = 25_000 } = {}) {
    for (let i = 0; i < warmups; i++) await fn();
    const results = [];
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) {
        if (i >= min && performance.now() - t0 > budgetMs) break;
        gc();
        results.push(await fn());
    }
    return results;
}

/** A warning when other processes compete for the CPUs (the machines are shared). */
function busyNote() {
    const load = os.loadavg()[0];
    const cpus = os.cpus().length;
    return load > cpus * 0.75 ? `  WARNING: machine busy (load ${load.toFixed(2)} on ${cpus} CPUs), timings are inflated` : '';
}

function spawnTimed(command, argv, options = {}) {
    return new Promise((resolve, reject) => {
        const t0 = performance.now();
        const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', d => { stdout += d; });
        child.stderr.on('data', d => { stderr += d; });
        child.on('error', reject);
        child.on('close', code => resolve({ code, ms: performance.now() - t0, stdout, stderr }));
    });
}

// ------------------------------------------------------------------ 0. setup

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'big'), { recursive: true });
mkdirSync(join(OUT, 'workspace', 'lib'), { recursive: true });
mkdirSync(join(OUT, 'small'), { recursive: true });

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log('kto benchmark');
say('node', `${process.version} (${process.platform} ${process.arch})`);
say('machine', `${cpu}, ${os.cpus().length} CPUs, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, load ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
say('timed runs per figure', `${RUNS} (after ${WARMUPS} warm-up${WARMUPS === 1 ? '' : 's'}), median reported`);
if (busyNote()) console.log(busyNote());

// ------------------------------------------------------------------ 1. the 5,000-question survey

heading('1. Generated survey (5,000 questions)');
const big = generateSurvey({ id: 'bewoners_2024', questions: 5000, seed: 2024, indicators: 200, tests: 5 });
let bigKto = renderKto(big.model);
if (args.includes('--inject-error')) bigKto = bigKto.replace(/ @en "[^"]*"/, '');
const bigJson = canonicalJson(big.model);
const bigPath = join(OUT, 'big', 'survey.kto');
writeFileSync(bigPath, bigKto);
writeFileSync(join(OUT, 'big', 'survey.json'), bigJson);
const bigBytes = Buffer.byteLength(bigKto);
const bigJsonBytes = Buffer.byteLength(bigJson);
const bigQuestions = countQuestions(big.model);
const s = big.stats;
say('file', `${relative(ROOT, bigPath)} (${fmt(mb(bigBytes), 2)} MB, ${int(bigKto.split('\n').length)} lines)`);
say('questions (a grid counts as one)', `${int(bigQuestions)} (${int(s.questions)} questions + ${int(s.grids)} grids with ${int(s.gridRows)} statements)`);
say('sections', `${int(s.sections)}`);
say('if blocks', `${int(s.ifs)} (${int(s.nestedIfs)} nested, ${int(s.elses)} else branches)`);
say('screen-outs / derived values / notes', `${s.screenOuts} / ${s.derived} / ${s.notes}`);
say('indicators / driver analyses / tests', `${s.indicators} / ${s.drivers} / ${s.tests}`);
say('languages', 'nl, en (every text translated)');

const bigSources = new Map([[bigPath, bigKto]]);
const first = await runKto([bigPath], bigSources);
reportDiagnostics('survey', first.diagnostics, bigSources);
say('first (cold) parse+check', ms(first.total));

// ------------------------------------------------------------------ 2. parse+check time

heading('2. Parse+check of the 5,000-question survey (in-process, language API)');
const runs = await repeat(WARMUPS - 1, RUNS, () => runKto([bigPath], bigSources), { min: Math.min(5, RUNS) });
say('timed runs', `${runs.length}`);
const kto = {
    parse: median(runs.map(r => r.parse)),
    link: median(runs.map(r => r.link)),
    validate: median(runs.map(r => r.validate)),
    total: median(runs.map(r => r.total)),
    services: median(runs.map(r => r.services))
};
say('parse (lexing + parsing into the AST)', ms(kto.parse));
say('link (index, scopes, references)', ms(kto.link));
say('check (validation: all kto checks)', ms(kto.validate));
say('parse+check total, median', ms(kto.total));
say('parse+check total, min .. max', `${ms(Math.min(...runs.map(r => r.total)))} .. ${ms(Math.max(...runs.map(r => r.total)))}`);
say('creating the services (not included above)', ms(kto.services));
say('throughput', `${fmt(mb(bigBytes) / (kto.total / 1000), 2)} MB/s`);
say('throughput', `${int(bigQuestions / (kto.total / 1000))} questions/s`);
say('parse only', `${fmt(mb(bigBytes) / (kto.parse / 1000), 2)} MB/s`);

// ------------------------------------------------------------------ 3. JSON.parse of the same survey

heading('3. The same survey as canonical JSON (JSON.parse)');
const jsonTimes = [];
for (let i = 0; i < 3; i++) JSON.parse(bigJson);
const jsonDeadline = performance.now() + (QUICK ? 300 : 1500);
while (jsonTimes.length < 10 || (performance.now() < jsonDeadline && jsonTimes.length < 500)) {
    const t0 = performance.now();
    JSON.parse(bigJson);
    jsonTimes.push(performance.now() - t0);
}
const jsonMs = median(jsonTimes);
say('file', `${relative(ROOT, join(OUT, 'big', 'survey.json'))} (${fmt(mb(bigJsonBytes), 2)} MB, ${fmt(bigJsonBytes / bigBytes, 2)}x the kto text)`);
say('JSON.parse of the survey, median', `${ms(jsonMs)} (${jsonTimes.length} runs)`);
say('JSON.parse throughput', `${fmt(mb(bigJsonBytes) / (jsonMs / 1000), 1)} MB/s`);
say('surveys per second: kto parse+check', fmt(1000 / kto.total, 2));
say('surveys per second: JSON.parse', fmt(1000 / jsonMs, 1));
const ratio = jsonMs / kto.total;
target('ratio kto/JSON (time JSON.parse / time kto)', `${fmt(ratio, 4)} (kto is ${fmt(kto.total / jsonMs, 0)}x slower)`, ratio >= TARGETS.jsonRatio, `>= ${TARGETS.jsonRatio}`);
const parseRatio = jsonMs / kto.parse;
say('ratio for kto parse alone (no linking/checks)', fmt(parseRatio, 4));

// ------------------------------------------------------------------ 4. 50-file workspace

heading('4. Workspace: 1 library + 49 surveys importing it');
const wsDir = join(OUT, 'workspace');
const libModel = generateLibrary();
const wsSources = new Map();
const libPath = join(wsDir, 'lib', 'schalen.kto');
wsSources.set(libPath, renderKto(libModel));
const surveyPaths = [];
let wsQuestions = 0;
for (let i = 1; i <= 49; i++) {
    const id = `wijk_${String(i).padStart(2, '0')}`;
    const { model } = generateSurvey({ id, questions: 100, seed: 1000 + i, indicators: 10, tests: 2, importPath: 'lib/schalen.kto' });
    const path = join(wsDir, `${id}.kto`);
    wsSources.set(path, renderKto(model));
    surveyPaths.push(path);
    wsQuestions += countQuestions(model) + countQuestions(libModel);
}
for (const [path, text] of wsSources) writeFileSync(path, text);
const wsBytes = [...wsSources.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
say('files', `${wsSources.size} in ${relative(ROOT, wsDir)} (${fmt(mb(wsBytes), 2)} MB)`);
say('questions per survey (own + included blocks)', `${int(wsQuestions / 49)} (${int(wsQuestions)} in all)`);
// Read from disk, as the CLI does (all paths given, imports resolved by the workspace).
const wsFirst = await runKto([libPath, ...surveyPaths]);
if (wsFirst.documents !== 50) throw new Error(`expected 50 documents, loaded ${wsFirst.documents}`);
reportDiagnostics('workspace', wsFirst.diagnostics, wsSources);
const wsRuns = await repeat(WARMUPS - 1, Math.max(3, RUNS - 2), () => runKto([libPath, ...surveyPaths]), { min: 3, budgetMs: 15_000 });
say('timed runs', `${wsRuns.length}`);
const wsTotal = median(wsRuns.map(r => r.total));
say('load (read+parse) / link / check, median', `${ms(median(wsRuns.map(r => r.parse)))} / ${ms(median(wsRuns.map(r => r.link)))} / ${ms(median(wsRuns.map(r => r.validate)))}`);
say('load+check of the whole workspace, median', ms(wsTotal));
say('per file', ms(wsTotal / 50));
say('throughput', `${fmt(mb(wsBytes) / (wsTotal / 1000), 2)} MB/s, ${int(wsQuestions / (wsTotal / 1000))} questions/s`);

// ------------------------------------------------------------------ 5. peak memory

heading('5. Peak memory checking the 5,000-question survey (child process)');
const memRun = await spawnTimed(process.execPath, ['--expose-gc', join(ROOT, 'scripts/bench/memory-child.mjs'), bigPath]);
if (memRun.code !== 0) {
    console.log(`memory child failed (exit ${memRun.code}):\n${memRun.stderr}`);
} else {
    const m = JSON.parse(memRun.stdout.trim().split('\n').pop());
    say('peak RSS (getrusage maxRSS)', `${fmt(m.maxRssMB, 0)} MiB`);
    say('RSS before the check (node + kto loaded)', `${fmt(m.baselineRssMB, 0)} MiB`);
    say('peak heap used (sampled at build phases)', `${fmt(m.heapPeakSampledMB, 0)} MiB`);
    say('heap used before the check', `${fmt(m.baselineHeapMB, 0)} MiB`);
    say('heap retained by the checked survey (after GC)', `${fmt(m.heapRetainedMB, 0)} MiB (${fmt(m.heapRetainedMB - m.baselineHeapMB, 0)} MiB above the baseline)`);
    say('parse+check in that process (cold)', ms(m.totalMs));
}

// ------------------------------------------------------------------ 6. CLI

heading('6. CLI (node packages/cli/bin/kto.mjs check)');
const small = generateSurvey({ id: 'klein', questions: 10, seed: 7, indicators: 3, tests: 1 });
const smallPath = join(OUT, 'small', 'small.kto');
writeFileSync(smallPath, renderKto(small.model));
say('small file', `${relative(ROOT, smallPath)} (${countQuestions(small.model)} questions, ${int(Buffer.byteLength(renderKto(small.model)))} bytes)`);
const nodeTimes = [];
for (let i = 0; i < 12; i++) nodeTimes.push((await spawnTimed(process.execPath, ['-e', '0'])).ms);
const cliRel = relative(ROOT, CLI);
const smallRel = relative(ROOT, smallPath);
const warm = await spawnTimed(process.execPath, [cliRel, 'check', smallRel], { cwd: ROOT });
if (warm.code !== 0) console.log(`kto check ${smallRel} exited ${warm.code}:\n${warm.stdout}${warm.stderr}`);
const cliTimes = [];
const cliStart = performance.now();
for (let i = 0; i < 15; i++) {
    if (i >= 10 && performance.now() - cliStart > 10_000) break;
    const run = await spawnTimed(process.execPath, [cliRel, 'check', smallRel], { cwd: ROOT });
    if (run.code !== 0) throw new Error(`kto check exited ${run.code}: ${run.stdout}${run.stderr}`);
    cliTimes.push(run.ms);
}
say('node -e 0, median / p90', `${ms(median(nodeTimes))} / ${ms(percentile(nodeTimes, 90))}`);
say('kto check small.kto runs', `${cliTimes.length} (after 1 warm-up that fills Node's compile cache)`);
target('kto check small.kto, median', ms(median(cliTimes)), median(cliTimes) < TARGETS.cliStartMs, `< ${TARGETS.cliStartMs} ms`);
target('kto check small.kto, p90', ms(percentile(cliTimes, 90)), percentile(cliTimes, 90) < TARGETS.cliStartMs, `< ${TARGETS.cliStartMs} ms`);
say('kto start-up over bare node (median)', ms(median(cliTimes) - median(nodeTimes)));

const bigCli = await spawnTimed(process.execPath, [cliRel, 'check', relative(ROOT, bigPath)], { cwd: ROOT });
say('kto check on the 5,000-question survey', `${ms(bigCli.ms)} wall, exit code ${bigCli.code}${bigCli.code === 0 ? '' : ' (expected 0)'}`);
if (bigCli.code !== 0) console.log(`${bigCli.stdout.slice(0, 2000)}${bigCli.stderr.slice(0, 2000)}`);
const wsCli = await spawnTimed(process.execPath, [cliRel, 'check', relative(ROOT, wsDir)], { cwd: ROOT });
say('kto check on the 50-file workspace', `${ms(wsCli.ms)} wall, exit code ${wsCli.code}${wsCli.code === 0 ? '' : ' (expected 0)'}`);

// ------------------------------------------------------------------ compiler

heading('7. Compiling the 5,000-question survey to every target');
{
    const { createKtoServices, KtoWorkspace } = await import('../packages/language/dist/index.js');
    const { lowerSurvey } = await import('../packages/model/dist/index.js');
    const { EMITTERS, surveyJsJson } = await import('../packages/emitters/dist/index.js');
    const { Model } = await import('survey-core');
    const { URI } = await import('langium');
    const { shared, Kto } = createKtoServices();
    const workspace = new KtoWorkspace(shared, async uri => bigSources.get(uri.fsPath));
    await workspace.load([URI.file(bigPath)]);
    await workspace.check();
    const root = workspace.documents.find(d => d.uri.fsPath === bigPath).parseResult.value;
    const lowerRuns = await repeat(1, RUNS, () => { const t = performance.now(); lowerSurvey(root, Kto.documentation.CommentProvider); return performance.now() - t; });
    say('lower to the model, median', ms(median(lowerRuns)));
    const model = lowerSurvey(root, Kto.documentation.CommentProvider);
    let total = median(lowerRuns);
    for (const emitter of EMITTERS) {
        const times = await repeat(1, RUNS, () => { const t = performance.now(); emitter.emit(model); return performance.now() - t; });
        const bytes = emitter.emit(model).reduce((n, f) => n + Buffer.byteLength(f.content), 0);
        total += median(times);
        say(`target ${emitter.target}, median`, `${ms(median(times))} (${fmt(mb(bytes), 2)} MB)`);
    }
    say('whole build (lower + every target), median', ms(total));
    const json = surveyJsJson(model);
    const loads = await repeat(1, Math.min(RUNS, 5), () => { const t = performance.now(); new Model(json); return performance.now() - t; }, { min: 3 });
    say('survey-core: new Model(emitted SurveyJS JSON), median', ms(median(loads)));
    target('whole build vs survey-core load', `${ms(total)} vs ${ms(median(loads))}`, total < median(loads), 'build faster than the load');
}

// ------------------------------------------------------------------ summary

heading('Targets');
for (const t of targets) say(t.label, `${t.verdict} (${t.value}; target ${t.goal})`);
say('load average at the end (noise indicator)', os.loadavg().map(l => l.toFixed(2)).join(' '));
if (busyNote()) console.log(busyNote());
say('benchmark wall time', `${fmt((performance.now() - started) / 1000, 1)} s`);
