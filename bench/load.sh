#!/usr/bin/env bash
# Load test on loopback: gunicorn with the production settings on the generated dataset, then
#  1. 200 staff and client users with 5-15 s think time for 2 minutes (errors, p95);
#  2. saturation: no think time, stepping up the users, 30 s per step; the throughput at which
#     p95 passes 1 s is the capacity.
# Needs DATABASE_URL (holding `manage.py generate_dataset`) and REDIS_URL. Results in build/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the database with the generated dataset}"
: "${REDIS_URL:?set REDIS_URL (production settings need Redis)}"
PORT=${PORT:-8011}
USERS=${USERS:-200}
DURATION=${DURATION:-2m}
STEPS=${STEPS:-"4 8 16 32"}
OUT=build/bench
mkdir -p "$OUT"
export SECRET_KEY=${SECRET_KEY:-bench-only-$(date +%s)}
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=False SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING

.venv/bin/python bench/load_prepare.py --staff $((USERS * 7 / 10)) --clients $((USERS * 3 / 10)) --out "$OUT/load-users.json"

# 2 x cores + 1 processes with two threads each: fewer threads per process contend less for the
# GIL (think-time p95 at scale 10: 370 ms with 3 x 4, 320 ms with 5 x 2).
export DJANGO_SETTINGS_MODULE=boks.settings.production
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/gunicorn boks.wsgi \
  --bind 127.0.0.1:$PORT --workers ${WORKERS:-5} --threads ${THREADS:-2} --worker-class gthread \
  --log-level warning --pid "$OUT/gunicorn.pid" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/account/login/" -H 'X-Forwarded-Proto: https' && break; sleep 0.3; done

export BENCH_USERS="$OUT/load-users.json"
echo "== $USERS users, think time 5-15 s, $DURATION"
.venv/bin/locust -f bench/locustfile.py --headless --host "http://127.0.0.1:$PORT" -u "$USERS" -r 20 -t "$DURATION" \
  --csv "$OUT/load-think" --only-summary 2>&1 | tail -25

export BENCH_THINK_MIN=0 BENCH_THINK_MAX=0
for users in $STEPS; do
  echo "== saturation: $users users, no think time, 30 s"
  .venv/bin/locust -f bench/locustfile.py --headless --host "http://127.0.0.1:$PORT" -u "$users" -r "$users" -t 30s \
    --csv "$OUT/load-sat-$users" --only-summary 2>&1 | grep -E "Aggregated|Type|Name" | tail -3
done
.venv/bin/python bench/load_summary.py "$OUT"
