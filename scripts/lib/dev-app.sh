# Sourced by the black-box checks in scripts/dev: starts the SendGrid stand-in and the app (scripts/run.sh: Azurite in
# memory, the real Functions host where one is available) with the given settings, waits for it, and stops both when
# the calling script exits. Sets $record (the stand-in's file), $run_log and $agent_key (the dev agent's key).
start_dev_app() {
  local work=$1; shift
  record=$work/sent.jsonl
  run_log=$work/run.log
  dev_app_pids=()
  trap 'for pid in "${dev_app_pids[@]}"; do kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done' EXIT
  setsid python3 scripts/dev/sendgrid-recorder.py "$record" 7072 & dev_app_pids+=($!)
  env Support__Address=support@example.test SendGrid__BaseUrl=http://127.0.0.1:7072 SendGrid__ApiKey=any "$@" \
    setsid bash scripts/run.sh > "$run_log" 2>&1 & dev_app_pids+=($!)
  for _ in $(seq 1 300); do grep -q '^App on' "$run_log" && break; sleep 1; done
  grep '^App on' "$run_log" || { cat "$run_log"; exit 1; }
  agent_key=$(grep -o 'agent key: ssk_[^ ]*' "$run_log" | cut -d' ' -f3)
}
