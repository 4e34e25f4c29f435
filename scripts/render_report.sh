#!/bin/sh
# Render a conflict workbook to PDF (LibreOffice) and PNG pages (pdftoppm),
# so a person can look at it without Excel.
#
#   scripts/render_report.sh [conflicts.xlsx] [out-dir] [first-page [last-page]]
#
# Needs the Debian packages libreoffice-calc and poppler-utils
# (apt-get install -y libreoffice-calc poppler-utils; fonts-noto-cjk for Chinese).
# Writes OUT/<name>.pdf and OUT/<name>-<page>.png at 80 dpi.  Sheets print in
# workbook order: Summary (one A3 page), then Conflicts (A3 landscape, two pages
# wide: the claims side by side, then sources, explanation and decision), Claims,
# Arithmetic, Sources.  ANTIALIAS=no gives much smaller PNGs (for docs/).
set -eu
book=${1:-conflicts.xlsx}
out=${2:-render}
first=${3:-}
last=${4:-$first}
[ -f "$book" ] || { echo "error: $book: no such workbook; run \`factcheck report\` first" >&2; exit 2; }
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "error: $tool not found; install: apt-get install -y libreoffice-calc poppler-utils" >&2; exit 2; }
done
mkdir -p "$out"
name=$(basename "$book" .xlsx)
# a private profile so a running LibreOffice (or a read-only HOME) does not interfere
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$book" >/dev/null 2>&1
set -- -png -r 80
[ -n "$first" ] && set -- "$@" -f "$first" -l "$last"
[ "${ANTIALIAS:-yes}" = no ] && set -- "$@" -aa no -aaVector no
pdftoppm "$@" "$out/$name.pdf" "$out/$name"
ls "$out"/"$name"*
