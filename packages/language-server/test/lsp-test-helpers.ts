import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { addBuiltins, BUILTIN_URI } from '@kto/language';
import { createKtoLspServices, type KtoLspServices } from '../src/kto-lsp-module.js';
import type { LangiumSharedServices } from 'langium/lsp';

export interface TestServices {
    shared: LangiumSharedServices;
    Kto: KtoLspServices;
}

/** Language-server services without a file system, with the built-in scales (yesno) indexed. */
export async function createTestServices(): Promise<TestServices> {
    const services = createKtoLspServices(EmptyFileSystem);
    addBuiltins(services.shared);
    await services.shared.workspace.DocumentBuilder.build([services.shared.workspace.LangiumDocuments.getDocument(BUILTIN_URI)!]);
    return services;
}

/** Adds (or replaces) files (path → text) under file:///ws/ and builds them together (with validation). */
export async function addFiles(services: TestServices, files: Record<string, string>): Promise<LangiumDocument[]> {
    const existing = Object.keys(files).map(path => URI.parse(`file:///ws/${path}`)).filter(uri => services.shared.workspace.LangiumDocuments.hasDocument(uri));
    if (existing.length > 0) await services.shared.workspace.DocumentBuilder.update([], existing);
    const documents = Object.entries(files).map(([path, text]) => {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${path}`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents;
}

/** Removes every document except the built-ins. */
export async function clearFiles(services: TestServices): Promise<void> {
    const uris = services.shared.workspace.LangiumDocuments.all.map(d => d.uri).filter(u => u.toString() !== BUILTIN_URI.toString()).toArray();
    await services.shared.workspace.DocumentBuilder.update([], uris);
}

/** The text with `<|>` removed, and the offsets where it stood. */
export function markers(text: string): { text: string; offsets: number[] } {
    const offsets: number[] = [];
    let out = '';
    const parts = text.split('<|>');
    parts.forEach((part, i) => {
        out += part;
        if (i < parts.length - 1) offsets.push(out.length);
    });
    return { text: out, offsets };
}

export const SCALES = `scale Akkoord5: ordinal {
  1 helemaal_oneens "Helemaal mee oneens" @en "Strongly disagree"
  2 oneens "Mee oneens" @en "Disagree"
  3 neutraal "Neutraal" @en "Neutral"
  4 akkoord "Mee eens" @en "Agree"
  5 helemaal_akkoord "Helemaal mee eens" @en "Strongly agree"
  missing 9 weet_niet "Weet niet" @en "Don't know"
}
scale Cijfer: grade 1..10 {
  1 "Zeer slecht" @en "Very poor"
  missing 99 weet_niet "Weet niet" @en "Don't know"
}
`;
