import type { LangiumDocuments } from 'langium';
import { isScale, isScaleCode, type KtoFile, type ScaleCode } from '../generated/ast.js';
import { BUILTIN_URI } from '../builtins.js';

/** `yes` and `no`, which every yes/no scale answers with, also one that only adds missing codes. */
export function builtinYesNoCodes(documents: LangiumDocuments): ScaleCode[] {
    const root = documents.getDocument(BUILTIN_URI)?.parseResult.value as KtoFile | undefined;
    const yesno = root?.declarations.find(d => isScale(d) && d.name === 'yesno');
    if (!isScale(yesno)) return [];
    return ((yesno.definition as { codes?: ScaleCode[] }).codes ?? []).filter(isScaleCode);
}
