/** What a command needs from its surroundings; the CLI passes the real process streams. */
export interface CommandContext {
    version: string;
    color: boolean;
    out(text: string): void;
    err(text: string): void;
}
