#!/usr/bin/env bash
# Runs the README's demo command (`make demo`) as a newcomer would, waits until the home page
# answers and a demo account can sign in, then stops it. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8000}"
base="http://127.0.0.1:${port}"
log="$(mktemp)"
jar="$(mktemp)"

# A fresh process group, so that stopping the demo stops the server and the worker with it.
setsid make demo PORT="$port" >"$log" 2>&1 < /dev/null &
demo_pid=$!
stop() {
  kill -TERM -- "-${demo_pid}" 2>/dev/null || true
  wait "$demo_pid" 2>/dev/null || true
  rm -f "$jar"
}
trap stop EXIT

deadline=$((SECONDS + ${DEMO_TIMEOUT:-900}))
until curl -fs -o /dev/null "${base}/"; do
  if ! kill -0 "$demo_pid" 2>/dev/null; then
    echo "make demo stopped before serving ${base}/:" >&2; tail -40 "$log" >&2; exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "make demo did not answer on ${base}/ in time:" >&2; tail -40 "$log" >&2; exit 1
  fi
  sleep 2
done
echo "demo: home page answers at ${base}/"

# Static files come from the application server (WhiteNoise), as in production.
stylesheet="$(curl -fsS "${base}/" | grep -oE '/static/[^"]+\.css' | head -1)"
if [ -z "$stylesheet" ] || ! curl -fsS -o /dev/null "${base}${stylesheet}"; then
  echo "demo: the home page's stylesheet (${stylesheet:-none}) is not served" >&2; exit 1
fi
echo "demo: static files served (${stylesheet})"

# The health check turns green once the task worker has run its first heartbeat.
until curl -fs -o /dev/null "${base}/sante/"; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "demo: /sante/ still failing:" >&2; curl -sS "${base}/sante/" >&2; exit 1
  fi
  sleep 2
done
echo "demo: /sante/ answers 200 (database, storage, task worker)"

# The logins printed by the demo are the ones we try.
email="$(grep -oE '[a-z.-]+@lanterne\.example' "$log" | grep '^porteur@' | head -1)"
password="$(sed -nE 's/.*: (lanterne-[a-z]+)$/\1/p' "$log" | head -1)"
if [ -z "$email" ] || [ -z "$password" ]; then
  echo "make demo printed no login:" >&2; tail -40 "$log" >&2; exit 1
fi

curl -fsS -c "$jar" -b "$jar" -o /dev/null "${base}/compte/connexion/"
token="$(awk '$6 == "csrftoken" { print $7 }' "$jar")"
landing="$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
  -H "Referer: ${base}/compte/connexion/" \
  --data-urlencode "csrfmiddlewaretoken=${token}" \
  --data-urlencode "username=${email}" --data-urlencode "password=${password}" \
  "${base}/compte/connexion/")"
case "$landing" in
  "302 ${base}/accueil/"*) ;;
  *) echo "demo login as ${email} failed: ${landing}" >&2; exit 1 ;;
esac
home="$(curl -fsS -c "$jar" -b "$jar" "${base}/accueil/")"
if ! grep -q "${email}" <<<"$home" && ! grep -qi 'deconnexion' <<<"$home"; then
  echo "demo home page after login does not show a signed-in user" >&2; exit 1
fi
echo "demo: ${email} signed in and reached the home page"
