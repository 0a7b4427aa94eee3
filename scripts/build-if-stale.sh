#!/bin/sh
# Compiles the hub unless dist/ is already built from the sources as they are. npm start and the
# command-line tools run this first: tsc's own incremental check of an unchanged tree takes 3 to
# 4 s on a 2-core machine (longer than the hub takes to start on an unchanged store), and this
# check takes milliseconds. `npm run build` stamps dist/.build-stamp when tsc succeeds; any source,
# compiler setting or locked package newer than the stamp means a build.
set -e
cd "$(dirname "$0")/.."
stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find src jobs scripts ormconfig.ts tsconfig.json tsconfig.build.json package.json package-lock.json -newer "$stamp" -print 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
npm run build --silent
