#!/usr/bin/env bash
# Options are taken only as spelled: a prefix of an option is refused, not guessed
# ("--scale" is not "--scales"); `gqalut help CMD` prints CMD's options.
set -u
g=$(realpath "$1")
data=$(realpath "$2")
fail=0
check_refused() {
  "$g" "$@" >out.txt 2>err.txt
  local rc=$?
  if [[ $rc -ne 2 || -s out.txt ]] || ! grep -q "unrecognised option" err.txt; then
    echo "FAIL: $* was accepted or failed otherwise (exit $rc): $(cat err.txt)"; fail=1
  else echo "ok: $*: $(cat err.txt)"; fi
}
cd "$(mktemp -d)"
check_refused search --function gelu --entries 8 --method optimal --scale 0..3 --quiet
check_refused eval --table "$data/gelu_pwl_7.json" --proto full
check_refused explore --out x --entr 4
"$g" help search >help.txt 2>err.txt
if [[ $? -ne 0 ]] || ! grep -q -- "--entries" help.txt || ! grep -q "^usage: gqalut search" help.txt; then
  echo "FAIL: gqalut help search: $(head -2 help.txt) $(cat err.txt)"; fail=1
else echo "ok: gqalut help search prints search's options"; fi
"$g" eval --table "$data/gelu_pwl_7.json" --quiet >out.txt 2>err.txt
if [[ $? -ne 0 || -s err.txt || ! -s out.txt ]]; then echo "FAIL: eval --quiet: $(cat err.txt)"; fail=1
else echo "ok: eval --quiet"; fi
# --save-tables creates a missing folder.
"$g" vp --kernel gelu --rows 4 --cols 16 --save-tables new/tables >/dev/null 2>err.txt
if [[ $? -ne 0 || ! -s new/tables/gelu.json ]]; then echo "FAIL: vp --save-tables new/tables: $(cat err.txt)"; fail=1
else echo "ok: vp --save-tables creates its folder"; fi
exit $fail
