#!/usr/bin/env bash
# A streaming read replica of the local PostgreSQL (127.0.0.1:5432) on 127.0.0.1:5433, for the
# replica tests (tests/core/test_replica.py, decision 28). Idempotent: a standby already
# streaming on the port is reused; a stopped one is started; otherwise (none yet, or one that
# lost the stream) it is made afresh with pg_basebackup. Runs as root (CI); the standby runs as
# the postgres OS user, its data in /var/tmp.
set -euo pipefail

PRIMARY_PORT="${PRIMARY_PORT:-5432}"
STANDBY_PORT="${STANDBY_PORT:-5433}"
STANDBY_DIR="${STANDBY_DIR:-/var/tmp/gotong-standby-$STANDBY_PORT}"
PG_VERSION="$(ls /etc/postgresql | sort -n | tail -1)"
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
HBA="/etc/postgresql/$PG_VERSION/main/pg_hba.conf"

as_postgres() { runuser -u postgres -- "$@"; }
# In recovery and receiving the primary's WAL: a standby that lost the stream (stopped too long,
# its WAL recycled on the primary) answers but never catches up.
streaming() {
  [ "$(psql -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -Atc "SELECT pg_is_in_recovery() AND
      EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')" 2>/dev/null)" = "t" ]
}
wait_streaming() {
  for _ in $(seq 1 "$1"); do
    streaming && return 0
    sleep 1
  done
  return 1
}
start() { as_postgres "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" -l "$STANDBY_DIR.log" -w -t 120 start; }
stop() { as_postgres "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" -m fast -w stop; }

if pg_isready -h 127.0.0.1 -p "$STANDBY_PORT" -q; then
  if wait_streaming 10; then
    echo "replica: 127.0.0.1:$STANDBY_PORT is a streaming standby already, reused"
    exit 0
  fi
  if [ ! -f "$STANDBY_DIR/postmaster.pid" ]; then
    echo "replica: 127.0.0.1:$STANDBY_PORT answers but is not our standby; not touching it" >&2
    exit 1
  fi
  echo "replica: our standby on $STANDBY_PORT does not stream; making it again"
  stop
  rm -rf "$STANDBY_DIR"
fi

# The primary must accept replication connections from 127.0.0.1 ("all" in pg_hba.conf does not
# cover them).
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  echo "replica: allowing replication from 127.0.0.1 in $HBA"
  echo "host replication postgres 127.0.0.1/32 trust" >>"$HBA"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main reload
fi

if [ -f "$STANDBY_DIR/standby.signal" ]; then
  echo "replica: starting the stopped standby in $STANDBY_DIR"
  if start && wait_streaming 30; then
    echo "replica: 127.0.0.1:$STANDBY_PORT streams from 127.0.0.1:$PRIMARY_PORT"
    exit 0
  fi
  echo "replica: it does not stream; making it again"
  stop || true
fi

# Nothing, an interrupted copy, or a standby that cannot catch up: copy the primary again.
rm -rf "$STANDBY_DIR"
install -d -o postgres -g postgres -m 0700 "$STANDBY_DIR"
echo "replica: pg_basebackup from 127.0.0.1:$PRIMARY_PORT into $STANDBY_DIR"
as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
  -D "$STANDBY_DIR" -R -X stream
# Debian keeps the configuration outside the data directory: the standby gets its own.
as_postgres tee "$STANDBY_DIR/postgresql.conf" >/dev/null <<CONF
port = $STANDBY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/var/run/postgresql'
max_connections = 100
shared_buffers = 128MB
hot_standby = on
hot_standby_feedback = on
CONF
as_postgres tee "$STANDBY_DIR/pg_hba.conf" >/dev/null <<CONF
local all all trust
host all all 127.0.0.1/32 trust
CONF
as_postgres touch "$STANDBY_DIR/pg_ident.conf"
# The copy's pid file belongs to the primary's running server.
rm -f "$STANDBY_DIR/postmaster.pid" "$STANDBY_DIR/postmaster.opts"

echo "replica: starting the standby on 127.0.0.1:$STANDBY_PORT"
start
if wait_streaming 60; then
  echo "replica: 127.0.0.1:$STANDBY_PORT streams from 127.0.0.1:$PRIMARY_PORT"
  exit 0
fi
echo "replica: 127.0.0.1:$STANDBY_PORT does not stream from the primary (log: $STANDBY_DIR.log)" >&2
exit 1
