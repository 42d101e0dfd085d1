#!/usr/bin/env bash
# A streaming read replica of the local PostgreSQL (127.0.0.1:5432) on 127.0.0.1:5433, for the
# replica tests (tests/core/test_replica.py, decision 28). Idempotent: a standby already
# answering on the port is reused; a stopped one is started; otherwise it is made afresh with
# pg_basebackup. Runs as root (CI) and starts the standby as the postgres OS user.
set -euo pipefail

PRIMARY_PORT="${PRIMARY_PORT:-5432}"
STANDBY_PORT="${STANDBY_PORT:-5433}"
STANDBY_DIR="${STANDBY_DIR:-/var/tmp/gotong-standby-$STANDBY_PORT}"
PG_VERSION="$(ls /etc/postgresql | sort -n | tail -1)"
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
HBA="/etc/postgresql/$PG_VERSION/main/pg_hba.conf"

as_postgres() { runuser -u postgres -- "$@"; }
in_recovery() {
  psql -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -Atc "SELECT pg_is_in_recovery()" 2>/dev/null
}

if pg_isready -h 127.0.0.1 -p "$STANDBY_PORT" -q; then
  if [ "$(in_recovery)" = "t" ]; then
    echo "replica: 127.0.0.1:$STANDBY_PORT is a standby already, reused"
    exit 0
  fi
  echo "replica: 127.0.0.1:$STANDBY_PORT answers but is not a standby; not touching it" >&2
  exit 1
fi

# The primary must accept replication connections from 127.0.0.1 ("all" in pg_hba.conf does not
# cover them).
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  echo "replica: allowing replication from 127.0.0.1 in $HBA"
  echo "host replication postgres 127.0.0.1/32 trust" >>"$HBA"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main reload
fi

if [ ! -f "$STANDBY_DIR/standby.signal" ]; then
  # Nothing, or an interrupted copy: copy the primary again.
  rm -rf "$STANDBY_DIR"
  install -d -o postgres -g postgres -m 0700 "$STANDBY_DIR"
  echo "replica: pg_basebackup from 127.0.0.1:$PRIMARY_PORT into $STANDBY_DIR"
  as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
    -D "$STANDBY_DIR" -R -X stream
  # Debian keeps the configuration outside the data directory: the standby gets its own.
  as_postgres tee "$STANDBY_DIR/postgresql.conf" >/dev/null <<EOF
port = $STANDBY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/var/run/postgresql'
max_connections = 100
shared_buffers = 128MB
hot_standby = on
hot_standby_feedback = on
logging_collector = off
EOF
  as_postgres tee "$STANDBY_DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
  as_postgres touch "$STANDBY_DIR/pg_ident.conf"
  # The copy's pid file belongs to the primary's running server.
  rm -f "$STANDBY_DIR/postmaster.pid" "$STANDBY_DIR/postmaster.opts"
fi

echo "replica: starting the standby on 127.0.0.1:$STANDBY_PORT"
as_postgres "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" -l "$STANDBY_DIR.log" -w -t 120 start
for _ in $(seq 1 60); do
  if [ "$(in_recovery)" = "t" ]; then
    echo "replica: 127.0.0.1:$STANDBY_PORT streams from 127.0.0.1:$PRIMARY_PORT"
    exit 0
  fi
  sleep 1
done
echo "replica: 127.0.0.1:$STANDBY_PORT did not come up as a standby (log: $STANDBY_DIR.log)" >&2
exit 1
