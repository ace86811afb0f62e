#!/usr/bin/env bash
# The rules a survey export must pass, in one place (until `kano check --spec` exists), shared by
# CI and by anyone checking an export by hand:
#
#   bash examples/ci/kano-check.sh EXPORT [more kano check flags]
#   bash examples/ci/kano-check.sh surveys/latest.csv --baseline surveys/previous.json --format github
#
# Exit 0 when every rule passes, 1 when one fails, 2 when the export cannot be read.
# KANO names the kano binary (default: kano on the PATH).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 EXPORT [kano check flags]" >&2
  exit 2
fi
export_file=$1
shift

rules=(
  # The export is usable: enough people, few gaps, few contradictory answers.
  --min-respondents 30
  --max-missing 0.05
  --max-questionable 0.05
  # No feature vanished or was renamed in the survey tool.
  --require-features "Order tracking,Leak-proof packaging,Live chat"
  # The customers' view the roadmap relies on still holds, and holds clearly.
  --expect "Order tracking=must-be"
  --expect "Leak-proof packaging=must-be"
  --expect "Live chat=attractive|one-dimensional"
  --require-significant
  --min-strength 10
  # Coefficients that matter: delight stays high, the pain of a missing chat stays low.
  --min-better "Fast page load=0.6"
  --max-worse "Live chat=0.5"
)

exec "${KANO:-kano}" check "$export_file" "${rules[@]}" "$@"
