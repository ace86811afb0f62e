#!/usr/bin/env bash
# Runs kano on the real survey exports in ../shared/real-exports (when that folder exists) and
# compares with the authors' published results: one line per file, non-zero exit on any
# difference. Usage: bash scripts/conformance.sh [REAL_EXPORTS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/real-exports}"
if [ ! -d "$dir" ]; then
  echo "conformance: $dir not found; nothing to compare" >&2
  exit 0
fi
cargo build --quiet --release --bin kano
cargo run --quiet --release --example conformance -- target/release/kano "$dir"
