/**
 * `kto.build`'s optional second argument (from keybindings, tasks, other extensions, the tests):
 * with `targets` there is no quick pick.
 */
export interface BuildOptions {
    targets?: string[];
    /** Instead of the setting `kto.build.outDir`; relative to the survey's workspace folder, or absolute. */
    outDir?: string;
}
