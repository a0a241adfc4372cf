#!/usr/bin/env bash
# Every reference to the numeric definition and the other contract pages points into docs/:
# no SPEC section reference (a document outside the repository), and every numeric-definition.md
# section reference names a section that exists. Usage: spec_refs.sh SOURCE_DIR
set -euo pipefail
cd "$1"
fail=0
if git ls-files | xargs grep -n 'SPEC §' 2>/dev/null | grep -v '^tests/cli/spec_refs.sh:'; then
  echo "references to a SPEC outside the repository (above)"; fail=1
fi
sections=$(grep -o '^## [0-9]*' docs/numeric-definition.md | awk '{print $2}' | sort -u)
while IFS=: read -r file line ref; do
  n=${ref##*§}
  grep -qx "$n" <<<"$sections" || { echo "$file:$line: numeric-definition.md §$n does not exist"; fail=1; }
done < <(git ls-files | xargs grep -on 'numeric-definition\.md §[0-9][0-9]*' 2>/dev/null)
if git ls-files docs README.md | xargs grep -n '\.\./shared\|/work/' 2>/dev/null; then
  echo "docs point at files outside the repository (above)"; fail=1
fi
[[ $fail -eq 0 ]] && echo "every contract reference points into docs/"
exit $fail
