#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 and a free port, runs the given
# command with KVORUM_TEST_PG pointing at it, and stops and removes the cluster afterwards.
# Usage: scripts/postgres.sh <command> [args…]
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL-serveren mangler (Debian-pakken postgresql). Kør scripts/setup.sh." >&2
  exit 1
fi
PGDATA=$(mktemp -d /tmp/kvorum-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$PGDATA"; runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA/db" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGDATA/db" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
# TLS with a self-signed certificate for localhost, as a small association's own server has:
# not trusted by default, trusted when the client is given the certificate (the TLS story).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -keyout "$PGDATA/server.key" -out "$PGDATA/server.crt" -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -addext "basicConstraints=critical,CA:FALSE" \
  -addext "extendedKeyUsage=serverAuth" 2>/dev/null
chmod 600 "$PGDATA/server.key"; chmod 644 "$PGDATA/server.crt"
if [ "$(id -u)" = 0 ]; then chown -R postgres "$PGDATA"; fi
as_pg "$PGBIN/pg_ctl" -D "$PGDATA/db" -l "$PGDATA/log" -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDATA -c fsync=off -c ssl=on -c ssl_cert_file=$PGDATA/server.crt -c ssl_key_file=$PGDATA/server.key" -w start >/dev/null
# Loopback without TLS, said explicitly: Kvorum asks for a verified TLS connection by default.
export KVORUM_TEST_PG="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
# The same server over TLS, by name, with the certificate it presents.
export KVORUM_TEST_PG_TLS="postgres://postgres@localhost:$PORT/postgres"
export KVORUM_TEST_PG_CERT="$PGDATA/server.crt"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') kører på 127.0.0.1:$PORT (KVORUM_TEST_PG)"
"$@"
