# Sourced by the command-line tests of `gqalut sim` and `gqalut cosim` with their arguments
# (GQALUT MAKE_TEST_TABLES DATA): a scratch folder with the test tables, removed on exit, the
# failure count `fails`, and the checks of tests/checks.sh.
gqalut=$1
make_tables=$2
data=$3/gqa-lut-pretrained
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
"$make_tables" "$dir" || { echo "FAIL: make_test_tables"; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

