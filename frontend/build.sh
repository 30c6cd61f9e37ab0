#!/usr/bin/env bash
# Rebuilds static/govuk/ from the npm package govuk-frontend, and static/autocomplete/ from GOV.UK's
# accessible-autocomplete (the record pickers' progressive enhancement). Only needed when upgrading GOV.UK Frontend
# or changing portal.scss: the output is committed, so running the portal needs no Node.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(dirname "$here")/static/govuk"
cd "$here"

npm ci --no-audit --no-fund
version="$(node -p 'require("govuk-frontend/package.json").version')"
dist="node_modules/govuk-frontend/dist/govuk"

rm -rf "$out"
mkdir -p "$out"
npx sass --load-path=node_modules --no-source-map --style=compressed --quiet-deps --silence-deprecation=import \
  portal.scss "$out/govuk-frontend.min.css"
# The source map is not shipped; drop the comment pointing at it so browsers do not ask for it.
sed 's|//# sourceMappingURL=[^ ]*$||' "$dist/govuk-frontend.min.js" >"$out/govuk-frontend.min.js"
cat >"$out/README.txt" <<NOTE
Compiled from govuk-frontend $version (https://github.com/alphagov/govuk-frontend) by frontend/build.sh
and frontend/portal.scss: Arial instead of GDS Transport, no @font-face, no crest, no crown images.
Do not edit by hand; run \`make static\`.

GOV.UK Frontend is released under the MIT License:

Copyright (c) Crown copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.
NOTE

# No crown and no GDS Transport may reach a non-GOV.UK site: fail the build if either slipped in.
if grep -qE 'GDS Transport|@font-face|govuk-crest' "$out/govuk-frontend.min.css"; then
  echo "build.sh: the compiled CSS still refers to GOV.UK's typeface or crest" >&2
  exit 1
fi
echo "Built $out with govuk-frontend $version"

# accessible-autocomplete ships built files; copy them without their source-map comments.
auto_out="$(dirname "$here")/static/autocomplete"
auto_dist="node_modules/accessible-autocomplete/dist"
auto_version="$(node -p 'require("accessible-autocomplete/package.json").version')"
rm -rf "$auto_out"
mkdir -p "$auto_out"
sed 's|//# sourceMappingURL=[^ ]*$||' "$auto_dist/accessible-autocomplete.min.js" >"$auto_out/accessible-autocomplete.min.js"
sed 's|/\*# sourceMappingURL=[^*]*\*/||' "$auto_dist/accessible-autocomplete.min.css" >"$auto_out/accessible-autocomplete.min.css"
{
  echo "Copied from accessible-autocomplete $auto_version (https://github.com/alphagov/accessible-autocomplete) by"
  echo "frontend/build.sh. Do not edit by hand; run \`make static\`. Released under the MIT License:"
  echo
  cat node_modules/accessible-autocomplete/LICENSE.txt
} >"$auto_out/README.txt"
echo "Built $auto_out with accessible-autocomplete $auto_version"
