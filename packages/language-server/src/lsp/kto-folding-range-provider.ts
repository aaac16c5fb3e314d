import { CstUtils, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver';
import type { KtoFile } from '@kto/language';

/** Langium's folding (blocks, multi-line comments) plus runs of `//` comment lines and of imports. */
export class KtoFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const root = document.parseResult.value as KtoFile;
        if (!root.$cstNode) return;
        let run: { start: number; end: number } | undefined;
        const flush = (): void => {
            if (run && run.end > run.start) acceptor({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
            run = undefined;
        };
        for (const leaf of CstUtils.flattenCst(root.$cstNode)) {
            const line = leaf.range.start.line;
            if (leaf.hidden && leaf.text.startsWith('//') && isAloneOnLine(document, leaf.offset)) {
                if (run && line === run.end + 1) run.end = line;
                else {
                    flush();
                    run = { start: line, end: line };
                }
            } else if (!leaf.hidden || !(run && line === run.end)) {
                flush();
            }
        }
        flush();
        const imports = root.imports.filter(i => i.$cstNode);
        if (imports.length > 1) {
            const first = imports[0].$cstNode!.range.start.line;
            const last = imports[imports.length - 1].$cstNode!.range.end.line;
            if (last > first) acceptor({ startLine: first, endLine: last, kind: FoldingRangeKind.Imports });
        }
    }
}

function isAloneOnLine(document: LangiumDocument, offset: number): boolean {
    const text = document.textDocument.getText();
    return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset).trim() === '';
}
