# bench/lib.sh — what the bench scripts share: a work directory removed at exit, processes
# stopped by pid at exit (newest first: TERM, a grace second, then KILL), exit hooks, timing in
# milliseconds, medians and ratios. Source it: `. "$here/lib.sh"`.

bench_pids=()
bench_hooks=()
bench_work=

# bench_workdir PREFIX: makes $bench_work (0755, so a daemon's unprivileged user can reach its
# files) and arranges the cleanup.
bench_workdir() {
  bench_work=$(mktemp -d "/tmp/$1.XXXXXX")
  chmod 755 "$bench_work"
  trap bench_cleanup EXIT
}

# bench_track PID...: stopped at exit.
bench_track() { bench_pids+=("$@"); }

# bench_on_exit CMD [ARGS...]: run at exit, before the tracked pids are stopped (newest first).
bench_on_exit() { bench_hooks+=("$(printf '%q ' "$@")"); }

bench_cleanup() {
  local i pid alive
  for ((i = ${#bench_hooks[@]} - 1; i >= 0; i--)); do eval "${bench_hooks[i]}" || true; done
  for ((i = ${#bench_pids[@]} - 1; i >= 0; i--)); do kill "${bench_pids[i]}" 2>/dev/null || true; done
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    alive=0
    for pid in "${bench_pids[@]}"; do bench_running "$pid" && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for pid in "${bench_pids[@]}"; do bench_running "$pid" && kill -9 "$pid" 2>/dev/null; done
  [ -n "$bench_work" ] && rm -rf "$bench_work"
  return 0
}

# bench_running PID: the process exists and is not a zombie (an exited daemon reparented to
# PID 1 stays a zombie until PID 1 reaps it, which takes seconds here).
bench_running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z && ${stat:0:1} != X ]]
}

# bench_ms CMD [ARGS...]: the command's wall time in ms on stdout (its output discarded); fails
# with the command.
bench_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null || return
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

# bench_median N...: the median (the lower middle one of an even count).
bench_median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# bench_ratio A B: A / B with two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) { print "-"; exit } printf "%.2f", a / b }'; }
