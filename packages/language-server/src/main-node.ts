import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createKtoLspServices } from './kto-lsp-module.js';
import { startKtoServer } from './server.js';

const USAGE = `kto-language-server — the kto language server (LSP)

Usage:
  kto-language-server --stdio          speak LSP over standard input and output (most editors)
  kto-language-server --node-ipc       over Node IPC (VS Code's Node client)
  kto-language-server --socket=PORT    over a TCP socket on 127.0.0.1
  kto-language-server --pipe=NAME      over a named pipe
`;

const args = process.argv.slice(2);
const transport = args.some(a => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));
if (args.includes('--help') || args.includes('-h') || !transport) {
    // Without a transport vscode-languageserver would throw; say how to start it instead.
    (transport || args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr).write(USAGE);
    process.exitCode = args.includes('--help') || args.includes('-h') ? 0 : 2;
} else {
    const connection = createConnection(ProposedFeatures.all);
    startKtoServer(connection, createKtoLspServices({ connection, ...NodeFileSystem }));
}
