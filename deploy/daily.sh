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
# Retention: every kind of personal data past its period in settings.RETENTION (sign-in records,
# expired sessions, finished tasks, sent e-mails, audit events, abandoned drafts), as stated in
# docs/registre-des-traitements.md. A rerun the same day deletes nothing more.
run apply_retention
exit "$failed"
