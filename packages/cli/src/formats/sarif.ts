import { DIAGNOSTICS, fullCode, type DiagnosticCode } from '@kto/language';
import type { CheckReport } from '../report.js';

const RULES = (Object.keys(DIAGNOSTICS) as DiagnosticCode[]).map(code => ({
    id: fullCode(code),
    name: code.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: DIAGNOSTICS[code].title },
    fullDescription: { text: DIAGNOSTICS[code].explanation },
    help: { text: DIAGNOSTICS[code].fix },
    helpUri: `https://github.com/kto-lang/kto/blob/main/docs/diagnostics.md#kto${code}`,
    defaultConfiguration: { level: DIAGNOSTICS[code].severity }
}));

/** SARIF 2.1.0, as GitHub code scanning uploads it. */
export function formatSarif(report: CheckReport, version: string): string {
    const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
    return JSON.stringify({
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'kto', version, informationUri: 'https://github.com/kto-lang/kto', rules: RULES } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(process.cwd()) + '/' } },
            artifacts: report.files.map(f => ({ location: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' } })),
            results: report.files.flatMap((f, fileIndex) => f.diagnostics.map(d => ({
                ruleId: d.code,
                ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
                level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
                message: { text: d.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%', index: fileIndex },
                        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
                    }
                }]
            })))
        }]
    }, null, 2) + '\n';
}

function pathToFileUri(path: string): string {
    return 'file://' + encodeURI(path.split('\\').join('/'));
}
