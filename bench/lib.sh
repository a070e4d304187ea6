# bench/lib.sh — sourced by the bench scripts: one build per run, a temp dir that is cleaned up
# with every process started in it, and timing helpers. Generic: nothing here knows a daemon.
#   bench_build           builds dist/ and bench/ once (mvn -Pbench package: nothing is installed
#                         into ~/.m2); skipped when BENCH_BUILT=1 (bench/all builds once, then sets
#                         it for the scripts it runs) or --no-build was given (BENCH_BUILD=0)
#   bench_classpath       the bench jar's classpath (after bench_build)
#   bench_tmp PREFIX      makes $bench_tmp (mktemp -d /tmp/PREFIX.XXXXXX, 0755) and sets the EXIT trap
#   bench_track PID       a process to stop (TERM, then KILL) at exit
#   bench_on_exit CMD...  a command to run at exit, before the tracked pids are stopped
#   bench_now_us          microseconds, monotonic enough for wall time (date +%s%N)
#   bench_ms_of CMD...    runs CMD (output discarded), prints its wall time in ms
#   bench_median N...     the median; bench_p99 N... the 99th percentile (nearest rank)
#   bench_load            the machine's load averages (1, 5, 15 min)
#   bench_ms CMD...       as bench_ms_of, failing with the command; bench_ratio A B; bench_running PID

bench_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_tmp=
bench_pids=()
bench_exit_cmds=()

bench_build() {
  if [ "${BENCH_BUILT:-0}" = 1 ] || [ "${BENCH_BUILD:-1}" = 0 ]; then return 0; fi
  echo "building dist/ and bench/ (once) ..." >&2
  (cd "$bench_repo" && mvn -q -B -ntp -Pbench package -DskipTests -pl distribution,bench -am >&2)
  export BENCH_BUILT=1
}

bench_classpath() {
  echo "$bench_repo/bench/target/classes:$(cat "$bench_repo/bench/target/classpath.txt")"
}

bench_cleanup() {
  set +e
  local c p
  for c in "${bench_exit_cmds[@]}"; do eval "$c" >/dev/null 2>&1; done
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null; done
  if [ -n "$bench_tmp" ]; then
    # Whatever else was started in the temp dir (QEMU, a daemon's children) names it.
    for p in /proc/[0-9]*; do
      p=${p#/proc/}
      [ "$p" = $$ ] && continue
      if { tr '\0' ' ' < "/proc/$p/cmdline"; tr '\0' '\n' < "/proc/$p/environ"; } 2>/dev/null | grep -qF "$bench_tmp"; then
        bench_pids+=("$p"); kill "$p" 2>/dev/null
      fi
    done
  fi
  sleep 0.5
  for p in "${bench_pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  [ -n "$bench_tmp" ] && rm -rf "$bench_tmp"
}

bench_tmp() {
  bench_tmp=$(mktemp -d "/tmp/$1.XXXXXX")
  chmod 755 "$bench_tmp"
  trap bench_cleanup EXIT
}

bench_track() { bench_pids+=("$@"); }
bench_on_exit() { bench_exit_cmds+=("$*"); }

bench_now_us() { local t; t=$(date +%s%N); echo $(( t / 1000 )); }

bench_ms_of() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

bench_median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
bench_p99() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99+0.999); if (i<1) i=1; print a[i]}'; }
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

# bench_ms CMD...: as bench_ms_of, but the command's stderr shows and its failure is the caller's.
bench_ms() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null || return
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

# bench_ratio A B: A / B with two decimals ("-" when B is 0).
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) { print "-"; exit } printf "%.2f", a / b }'; }

# bench_running PID: the process exists and is not a zombie (an exited daemon reparented to
# PID 1 stays a zombie until PID 1 reaps it, which takes seconds here).
bench_running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z && ${stat:0:1} != X ]]
}
