#!/usr/bin/env bash
# rtl/gqalut.f is the one RTL source list: it names every module file in rtl/ exactly once and
# nothing that does not exist. Usage: source_list.sh RTL_DIR
set -euo pipefail
rtl=$1
listed=$(grep -v '^#' "$rtl/gqalut.f" | sed '/^$/d' | sort)
present=$(cd "$rtl" && ls -1 ./*.sv | sed 's|^\./||' | sort)
dups=$(printf '%s\n' "$listed" | uniq -d)
[[ -z $dups ]] || { echo "listed twice in rtl/gqalut.f: $dups"; exit 1; }
if [[ $listed != "$present" ]]; then
  diff <(printf '%s\n' "$listed") <(printf '%s\n' "$present") | sed 's/^</only in rtl\/gqalut.f:/; s/^>/not in rtl\/gqalut.f:/' | grep ':'
  exit 1
fi
echo "rtl/gqalut.f lists all $(printf '%s\n' "$listed" | wc -l) module files"
