import { checkSources, createKtoServices, type KtoDiagnostic } from '@kto/language';

/** Checks sources together; returns the diagnostics of the first file (or of `file`). */
export async function diagnosticsOf(sources: Record<string, string> | string, file?: string): Promise<KtoDiagnostic[]> {
    const all = typeof sources === 'string' ? { 'main.kto': sources } : sources;
    const result = await checkSources(createKtoServices().shared, all);
    return result.get(file ?? Object.keys(all)[0]) ?? [];
}

export async function codesOf(sources: Record<string, string> | string, file?: string): Promise<string[]> {
    return (await diagnosticsOf(sources, file)).map(d => d.code);
}

export const SCALES = `
scale Cijfer: grade 1..10 {
  missing 99 weet_niet "Weet niet"
}
scale Akkoord5: ordinal {
  1 helemaal_oneens "Helemaal mee oneens"
  2 oneens "Mee oneens"
  3 neutraal "Neutraal"
  4 eens "Mee eens"
  5 helemaal_eens "Helemaal mee eens"
  missing 9 weet_niet "Weet niet"
}
`;
