#!/usr/bin/env bash
# Fuzzes each target for SECONDS, niced, and prints what each run found.
#
#   fuzz/run.sh SECONDS [TARGET...]     (targets: content photo pipeline; default all)
#
# Targets run one after the other. The corpus of each lives in fuzz/corpus/<target>
# (kept between runs, not committed) and starts from fuzz/seeds/<target>; crashes,
# timeouts and out-of-memory inputs land in fuzz/artifacts/<target>/.
# Extra libFuzzer flags can be given in FUZZ_FLAGS, e.g. FUZZ_FLAGS="-fork=1 -ignore_crashes=1".
# Not run by CI. See fuzz/README.md.
set -u
cd "$(dirname "$0")"

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(content photo pipeline)

# Stable toolchain: RUSTC_BOOTSTRAP lets cargo-fuzz pass its nightly-only flags.
export RUSTC_BOOTSTRAP=1

# Content field names help the targets that read content files.
dict_for() {
    case $1 in
        content | pipeline) echo "-dict=content.dict" ;;
    esac
}

# A pipeline case lays out and writes a whole document: allow it longer.
timeout_for() {
    case $1 in
        pipeline) echo 60 ;;
        *) echo 20 ;;
    esac
}

for t in "${targets[@]}"; do
    if ! nice -n 19 cargo fuzz build --sanitizer none "$t"; then
        echo "building $t failed" >&2
        exit 1
    fi
done

mkdir -p logs
summary=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    find "artifacts/$t" -type f | sort >"logs/$t.before"
    log="logs/$t.log"
    echo "== $t: ${seconds}s, log in fuzz/$log"
    start=$SECONDS
    # shellcheck disable=SC2086
    nice -n 19 cargo fuzz run --sanitizer none "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout="$(timeout_for "$t")" \
        -print_final_stats=1 $(dict_for "$t") ${FUZZ_FLAGS:-} >"$log" 2>&1
    rc=$?
    wall=$((SECONDS - start))
    execs=$(grep -a 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
    # The closing `#N DONE` line, or the last progress line (fork mode has no DONE).
    done_line=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
    [ -z "$done_line" ] && done_line=$(grep -a -E '^#[0-9]+:?[[:space:]]' "$log" | tail -1)
    [ "$execs" = 0 ] && [ -n "$done_line" ] && execs=$(echo "$done_line" | sed -E 's/^#([0-9]+).*/\1/')
    # Over the whole run: in fork mode the progress lines give the last job's rate.
    rate=$((execs / (wall > 0 ? wall : 1)))
    corpus=$(find "corpus/$t" -type f | wc -l)
    new=$(find "artifacts/$t" -type f | sort | comm -13 "logs/$t.before" -)
    findings=$(printf '%s' "$new" | grep -c . || true)
    summary+=("$(printf '%-9s %5ss  executions %-9s exec/s %-5s corpus %-5s new findings %s (exit %s)' \
        "$t" "$wall" "$execs" "$rate" "$corpus" "$findings" "$rc")")
    for f in $new; do summary+=("    new finding: fuzz/$f"); done
done

echo
echo "== summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
