# shellcheck shell=bash
# What the two launchers share — ./miniascape in a checkout and /usr/bin/miniascape of the .deb and .rpm —
# sourced by both: the JVM flags for short runs and the static class-data archive. Each launcher finds its jar,
# chooses where the archive lives, then calls miniascape_archive JAR LIBDIR JSA and miniascape_exec JAR ARGS...

# No hsperfdata file (jps/jstat do not list the process): 10 ms.
jvm=(-XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xms16m -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)

# Java 17 has no auto-created archive: after each jar build (or package install), a few training runs record the
# classes that real runs load, and a static class-data archive of them is dumped; later runs map those classes
# instead of parsing and verifying them again. Static, not -XX:ArchiveClassesAtExit: a dynamic archive leaves out
# every class file older than Java 6 (all of picocli and Jinjava's embedded EL), which then go through the old
# verifier on each start; Java 17's static archive holds them (build: about 10 % less CPU).
# Trained on: build (into an empty and over an unchanged WORKDIR), validate, --help (every command's model),
# up --dry-run and net update --all against a test-driver host (libvirt through JNA, the reconcile path; the
# test driver keeps nothing between runs). The training runs start in an empty directory without
# MINIASCAPE_SITE, so they always use the embedded default site, never the caller's.
# A jar or library replaced after the archive (mvn package run by hand, a package update) makes the JVM refuse
# the whole archive, the JDK's classes too: then it is made again. Change times (-cnewer), not modification
# times: a package manager keeps the packaged files' mtimes, which can be older than the archive.
# An archive is also bound to the JVM that dumped it: after a JDK update (or another java first on PATH) the
# JVM silently ignores it (-Xshare:auto) and every run is a third slower. The java it was made with, and the
# jar, are noted beside it (JSA.java).
# No archive is made when JSA's directory is not writable; the command then runs without one.
miniascape_archive() { # miniascape_archive JAR LIBDIR JSA
  local jar=$1 lib=$2 jsa=$3 java_bin java_home note train lists
  java_bin=$(readlink -f "$(command -v java)")
  java_home=${java_bin%/bin/java}
  note="$java_bin"$'\n'"$jar"
  if [ -f "$jsa" ] && { [ -n "$(find "$jar" "$lib" -cnewer "$jsa" -print -quit 2>/dev/null)" ] \
      || [ "$(cat "$jsa.java" 2>/dev/null)" != "$note" ] \
      || [ -n "$(find "$java_home/lib/server/libjvm.so" "$java_home/lib/modules" -cnewer "$jsa" -print -quit 2>/dev/null)" ]; }; then
    rm -f "$jsa" "$jsa.java"
  fi
  if [ ! -f "$jsa" ] && [ -w "$(dirname "$jsa")" ]; then
    train=$(mktemp -d)
    run_training() { # run_training NAME ARGS...
      local name=$1; shift
      (cd "$train" && unset MINIASCAPE_SITE && java "${jvm[@]}" -XX:TieredStopAtLevel=1 \
        -XX:DumpLoadedClassList="$train/$name.classes" -jar "$jar" "$@") >/dev/null 2>&1 || true
    }
    run_training build build -w "$train/out"
    run_training rebuild build -w "$train/out"   # the unchanged-rebuild path (reads the previous output)
    if [ -d "$train/out/networks" ]; then
      { echo '<node>'; cat "$train/out/networks/"*.xml; echo '</node>'; } > "$train/node.xml"
      run_training up up --demo --dry-run --connect "test://$train/node.xml"
      run_training update net update --all --demo --connect "test://$train/node.xml"
    fi
    run_training validate validate
    run_training help --help
    # One list, first occurrence kept (the dump reads it in order). No list at all (every training run failed):
    # no archive, and the command runs without one.
    lists=("$train"/*.classes)
    # Dumped beside it and renamed: a launcher started meanwhile never maps a half-written archive.
    if [ -e "${lists[0]}" ] && awk '!seen[$0]++' "${lists[@]}" > "$train/all.classes" \
        && java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$train/all.classes" \
          -XX:SharedArchiveFile="$jsa.$$" -cp "$jar" >/dev/null 2>&1 && [ -f "$jsa.$$" ]; then
      mv -f "$jsa.$$" "$jsa" && printf '%s\n' "$note" > "$jsa.java"
    else
      rm -f "$jsa.$$"
    fi
    rm -rf "$train"
  fi
  if [ -f "$jsa" ]; then jvm+=(-XX:SharedArchiveFile="$jsa"); fi
}

# C1 only suits short runs. Commands that stream disk images (sparse copy, SHA-256, archives) run for seconds to
# minutes and need C2's intrinsics (vectorized compare, SHA): about twice as fast on a 2 GiB chain.
# With C1 only, one compiler thread: with two, C1 compiles took the second core from the build's own threads
# (default site: 0.44 -> 0.40 s wall, the same CPU). The full JIT needs two (one per compiler).
# The heap: at most 256 MB, or MINIASCAPE_HEAP (such as 1g) for very large sites.
miniascape_exec() { # miniascape_exec JAR ARGS...
  local jar=$1 arg tier=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1)
  shift
  for arg in "$@"; do
    case $arg in
      -*) ;;
      repack|pack|unpack|convert) tier=(); break ;;
      *) break ;;
    esac
  done
  jvm+=("${tier[@]}")
  if [ -z "${MINIASCAPE_HEAP:-}" ]; then jvm+=(-Xmx256m); else jvm+=("-Xmx$MINIASCAPE_HEAP"); fi
  exec java "${jvm[@]}" -jar "$jar" "$@"
}
