#!/usr/bin/env bash
# Rebuilds the committed static files from the pinned npm packages. Idempotent: run it again
# and, with the same package-lock.json, the output is byte-for-byte the same.
# See docs/how-to/rebuild-static.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
out="$repo/static/frontdoor"
vendor="$repo/tests/browser/vendor"
cd "$here"

# --ignore-scripts: nothing here needs an install script (sass is pure JavaScript).
npm ci --no-audit --no-fund --ignore-scripts

rm -rf "$out"
mkdir -p "$out/images" "$vendor"

# The Sass load path is this folder because MOJ Frontend loads GOV.UK Frontend as
# "node_modules/govuk-frontend/…".
npx sass --pkg-importer=node --load-path=. --style=compressed --no-source-map \
  src/frontdoor.scss "$out/frontdoor.css"

# The ES module bundle. Its source map is not shipped, so its sourceMappingURL comment goes too
# (Django's manifest storage would fail collectstatic on a missing map).
sed '/^\/\/# sourceMappingURL=/d; s|//# sourceMappingURL=[^ ]*$||' \
  node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js > "$out/govuk-frontend.min.js"
cp src/init.js src/js-enabled.js "$out/"

# Our own favicon (never the crown).
cp src/images/favicon.svg src/images/favicon.ico "$out/images/"

# Every image the CSS refers to, from GOV.UK Frontend or MOJ Frontend. Fail if one is missing,
# so a broken url() never reaches collectstatic.
for name in $(grep -o 'url(images/[^)]*)' "$out/frontdoor.css" | sed 's|url(images/||; s|)$||' | sort -u); do
  found=""
  for dir in node_modules/govuk-frontend/dist/govuk/assets/images \
             node_modules/@ministryofjustice/frontend/moj/assets/images; do
    if [ -f "$dir/$name" ]; then found="$dir/$name"; break; fi
  done
  if [ -z "$found" ]; then
    echo "build.sh: frontdoor.css refers to images/$name, which no package provides" >&2
    exit 1
  fi
  cp "$found" "$out/images/$name"
done

if grep -q -i 'url([^)]*\(crest\|crown\|logo\)\|GDS Transport\|@font-face' "$out/frontdoor.css"; then
  echo "build.sh: frontdoor.css uses a crown or GOV.UK logo image, or GDS Transport" >&2
  exit 1
fi

cp node_modules/axe-core/axe.min.js "$vendor/axe.min.js"

echo "Built $(cd "$out" && find . -type f | sort | tr '\n' ' ')"
