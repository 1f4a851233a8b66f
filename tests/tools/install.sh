#!/usr/bin/env bash
# Installs the Node tools the tests drive (tests/tools/README.md). Idempotent: npm ci from the committed lock file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
