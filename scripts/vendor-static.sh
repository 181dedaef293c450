#!/usr/bin/env bash
# Copies the front-end assets BOKS uses from their npm packages into static/vendor/, so that
# running BOKS needs no Node. Run it only to upgrade an asset; commit the result with VERSIONS.txt.
#
# Styling: the NL Design System Utrecht component CSS (EUPL-1.2) with the open NL Design System
# "voorbeeld" theme (EUPL-1.2). Gemeente Utrecht's own @utrecht/design-tokens are proprietary to the
# municipality ("The open source license does NOT apply"), so an open-source repository cannot ship
# them; an organisation licensed to use a house style swaps static/vendor/theme.css for its own.
set -euo pipefail

UTRECHT_CSS=@utrecht/component-library-css@9.0.4
THEME_TOKENS=@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
HTMX=htmx.org@2.0.11
CHARTJS=chart.js@4.6.1

root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "$UTRECHT_CSS" "$THEME_TOKENS" "$HTMX" "$CHARTJS" >/dev/null

mkdir -p "$target"
cp node_modules/@utrecht/component-library-css/dist/index.css "$target/utrecht-components.css"
cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css "$target/theme.css"
cp node_modules/htmx.org/dist/htmx.min.js "$target/htmx.min.js"
cp node_modules/chart.js/dist/chart.umd.min.js "$target/chart.umd.min.js"
# The source map is not vendored; a reference to it makes collectstatic's manifest step fail.
sed -i '/^\/\/# sourceMappingURL=/d' "$target/chart.umd.min.js"

{
  echo "# Vendored by scripts/vendor-static.sh on $(date -u +%Y-%m-%d). Do not edit these files by hand."
  for pkg in @utrecht/component-library-css @nl-design-system-unstable/voorbeeld-design-tokens htmx.org chart.js; do
    node -e "const p=require('./node_modules/$pkg/package.json'); console.log(p.name + '@' + p.version + '  license: ' + p.license)"
  done
} > "$target/VERSIONS.txt"
echo "Vendored into $target:"
cat "$target/VERSIONS.txt"
