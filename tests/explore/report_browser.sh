#!/usr/bin/env bash
# The HTML reports of `gqalut explore` and of the main job (a subset of ./run.sh: two functions,
# 8 entries) render in headless Chromium with every image decoded; a corrupted image is caught.
set -eu
g=$(realpath "$1")
src=$(realpath "$2")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$g" explore --out ex --functions gelu,div --precisions int8 --entries 4,8 --methods optimal --quiet >/dev/null
/usr/bin/python3 "$src/tests/explore/report_check.py" ex/report.html
/usr/bin/python3 "$src/scripts/main_job.py" "$g" job --functions gelu,div --entries 8 >/dev/null 2>job.log
/usr/bin/python3 "$src/tests/explore/report_check.py" job/report.html
# The checker's own test: one image's data cut short must be reported broken.
/usr/bin/python3 - <<'PY'
import re
page = open("job/report.html").read()
page = re.sub(r'(src="data:image/png;base64,)[^"]*"', r'\1Zm9vYmFy"', page, count=1)   # not a PNG
open("broken.html", "w").write(page)
PY
/usr/bin/python3 "$src/tests/explore/report_check.py" broken.html --expect-broken
