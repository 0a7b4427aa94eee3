#!/bin/sh
# Compiles the hub unless dist/ is already built from the sources as they are. npm start and the
# command-line tools run this first: tsc's own incremental check of an unchanged tree takes 3 to
# 4 s on a 2-core machine (longer than the hub takes to start on an unchanged store), and this
# check takes milliseconds. `npm run build` stamps dist/.build-stamp with the time it began, once
# tsc has succeeded. Any source, compiler setting or locked package newer than the stamp means a
# build; so does any doubt (no stamp, a listed path missing, find failing). The check is by
# modification time: a copy that keeps old times (cp -p, rsync -a, tar) needs `npm run build`.
set -e
cd "$(dirname "$0")/.."
stamp=dist/.build-stamp
if [ -f "$stamp" ]; then
  if newer=$(find src jobs scripts ormconfig.ts tsconfig.json tsconfig.build.json package.json package-lock.json -newer "$stamp" -print) && [ -z "$newer" ]; then
    exit 0
  fi
fi
npm run build --silent
