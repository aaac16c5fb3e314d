// Peak memory of one parse+check, in a process of its own so that the other benchmarks do not
// pollute the figures. Run with --expose-gc. Prints one JSON line on stdout.
//
// Peak RSS comes from the kernel (getrusage maxrss). The heap is sampled every few ms and at every
// document build phase (most of the check is synchronous, so the timer alone would miss it); the
// heap peak is therefore the highest sample, a lower bound of the true peak.
import { runKto } from './kto-run.mjs';

const file = process.argv[2];
const gc = globalThis.gc ?? (() => undefined);
const mb = n => n / (1024 * 1024);
let heapPeak = 0;
let rssPeak = 0;
const sample = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
    if (m.rss > rssPeak) rssPeak = m.rss;
};

// Baseline: node with the language package loaded (the import above), after GC.
gc();
const baseline = process.memoryUsage();
const timer = setInterval(sample, 2);
let services; // kept alive until the end, so that "retained" measures the checked workspace
const result = await runKto([file], new Map(), {
    onServices: shared => {
        services = shared;
        // DocumentState 1 (Parsed) .. 6 (Validated)
        for (let state = 1; state <= 6; state++) {
            shared.workspace.DocumentBuilder.onDocumentPhase(state, sample);
            shared.workspace.DocumentBuilder.onBuildPhase(state, sample);
        }
    },
    afterParse: sample,
    afterLink: sample,
    afterCheck: sample
});
clearInterval(timer);
sample();
const beforeGc = process.memoryUsage();
gc();
const retained = process.memoryUsage();
const documents = services.workspace.LangiumDocuments.all.count();
const errors = [...result.diagnostics.values()].flat().filter(d => d.severity === 'error').length;
process.stdout.write(JSON.stringify({
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    rssPeakSampledMB: mb(rssPeak),
    heapPeakSampledMB: mb(heapPeak),
    baselineRssMB: mb(baseline.rss),
    baselineHeapMB: mb(baseline.heapUsed),
    heapAfterCheckMB: mb(beforeGc.heapUsed),
    heapRetainedMB: mb(retained.heapUsed),
    totalMs: result.total,
    documents,
    errors
}) + '\n');
