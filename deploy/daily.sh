#!/usr/bin/env bash
# Lanterne's daily commands (docs/deploy.md): reminders, then retention. Each runs even when an
# earlier one failed; the script fails if any did, so that systemd or cron reports it.
set -uo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
failed=0
run() {
  echo "→ manage.py $*"
  "$python" manage.py "$@" || { echo "✗ manage.py $* failed" >&2; failed=1; }
}
# Deadline reminders to applicants (once per dossier and offset: a rerun sends nothing twice).
run send_dossier_reminders
# Observatory reminders to the structures whose return is due (once per return and deadline).
run send_observatory_reminders
# Retention: expired sessions; task results after 14 days (failed ones after 90, for the admins);
# login attempt logs (IP address, user agent: personal data) after 30 days.
run clearsessions
run prune_db_task_results --min-age-days 14 --failed-min-age-days 90
run axes_reset_logs --age 30
run axes_reset_failure_logs --age 30
exit "$failed"
