import { URI } from 'langium';

/**
 * Scales every survey can use without importing them. They live in a document of their own so
 * that references, hover and go-to-definition treat them like any other scale.
 */
export const BUILTIN_URI = URI.parse('kto-builtin:///builtins.kto');

export const BUILTIN_SOURCE = `library builtins {
  languages nl, en, fr, de, tr, pl, ar
}

/** Yes or no. Compare with \`yes\` and \`no\`: \`if schuldhulp = yes { ... }\`. */
scale yesno: yesno {
  1 yes "Ja" @en "Yes" @fr "Oui" @de "Ja" @tr "Evet" @pl "Tak" @ar "نعم"
  0 no "Nee" @en "No" @fr "Non" @de "Nein" @tr "Hayır" @pl "Nie" @ar "لا"
}
`;

export function isBuiltinUri(uri: URI | string): boolean {
    return (typeof uri === 'string' ? uri : uri.toString()) === BUILTIN_URI.toString();
}
