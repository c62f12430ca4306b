#!/usr/bin/env bash
# Removes what fsconform left in the engine: containers (with their anonymous volumes)
# and volumes labelled dev.fsconform.owner=fsconform, of one run or of all runs.
# Images are kept (they are content-addressed and reused).
#
#   reap.sh [RUN_ID]
set -euo pipefail
f=(--filter label=dev.fsconform.owner=fsconform)
[ $# -gt 0 ] && f+=(--filter "label=dev.fsconform.run=$1")
docker ps -aq "${f[@]}" | xargs -r docker rm -f -v >/dev/null
docker volume ls -q "${f[@]}" | xargs -r docker volume rm >/dev/null
