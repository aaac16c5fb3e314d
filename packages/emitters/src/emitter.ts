import type { SurveyModel } from '@kto/model';

/** One output file, its path relative to the output folder. */
export interface EmittedFile {
    path: string;
    content: string;
}

/**
 * A compiler target. Emitters read the model only (never the syntax tree), so a new target is a
 * new file here and nothing else changes.
 */
export interface Emitter {
    /** The name used with `kto build --target`. */
    target: string;
    /** One line for `kto build --help`. */
    description: string;
    emit(model: SurveyModel): EmittedFile[];
}
