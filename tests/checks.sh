# Sourced by the command-line tests: the checks they make of `gqalut` runs. Expects `gqalut`
# (the binary), `dir` (a scratch folder) and `fails` (the failure count) to be set.
py=/usr/bin/python3

# bad NAME PATTERN ARGS...: exit 2, one stderr line matching PATTERN, empty stdout.
bad() {
    local name=$1 pattern=$2
    shift 2
    "$gqalut" "$@" >"$dir/out" 2>"$dir/err"
    local rc=$? lines
    lines=$(wc -l <"$dir/err")
    if [[ $rc -ne 2 || -s $dir/out || $lines -ne 1 ]] || ! grep -qE -- "$pattern" "$dir/err"; then
        echo "FAIL $name: rc=$rc stdout=$(wc -c <"$dir/out")B stderr($lines lines): $(cat "$dir/err")"
        fails=$((fails + 1))
    else
        echo "ok   $name: $(cat "$dir/err")"
    fi
}

# json NAME EXPECTED-RC PYTHON-CHECK ARGS...: exit status and the JSON on stdout (as `j`).
json() {
    local name=$1 want=$2 check=$3
    shift 3
    "$gqalut" "$@" --format json >"$dir/out" 2>"$dir/err"
    local rc=$?
    if [[ $rc -ne $want ]] || ! $py -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($check) else 1)" "$dir/out"; then
        echo "FAIL $name: rc=$rc $(head -c 600 "$dir/out") $(cat "$dir/err")"
        fails=$((fails + 1))
    else
        echo "ok   $name: $($py -c "import json,sys; j=json.load(open(sys.argv[1])); print('compared', j.get('compared'), 'mismatches', j.get('mismatches'), '|', (j.get('first_mismatch') or {}).get('description', ''))" "$dir/out")"
    fi
}

# good NAME PYTHON-CHECK ARGS...: exit 0 and the JSON on stdout satisfies the check.
good() {
    local name=$1 check=$2
    shift 2
    json "$name" 0 "$check" "$@"
}
