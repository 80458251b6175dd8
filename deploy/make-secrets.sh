#!/bin/sh
# Creates the three installation secrets once, as files for docker compose secrets.
# Back up this folder separately from the MongoDB dumps: without server_pepper and
# receipt_salt no receipt code opens its case again.
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets
for name in server_pepper:32 session_key:32 receipt_salt:16; do
  file="secrets/${name%%:*}"
  [ -s "$file" ] && { echo "$file exists, kept"; continue; }
  od -An -tx1 -N"${name##*:}" /dev/urandom | tr -d ' \n' > "$file"
  echo "$file created"
done
