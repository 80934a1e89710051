# zsh -f zsh-complete.zsh FPATH_DIR WORK_DIR LINE...
# Types each LINE into an interactive zsh (a pseudo-terminal of zsh/zpty) whose function path starts with
# FPATH_DIR, presses TAB after it, and prints the command line as completion left it, one line per LINE.
# The shell is zsh -f with compinit only: nothing of the user's configuration.
zmodload zsh/zpty || exit 3
fpath_dir=$1 work=$2
shift 2
out=$work/buffers
: > $out
zpty z zsh -f -i
zpty -w z "fpath=(${(q)fpath_dir} \$fpath); autoload -U compinit && compinit -u -d ${(q)work}/zcompdump"
zpty -w z "dump() { print -r -- \"\$BUFFER\" >> ${(q)out} }; zle -N dump; bindkey '^X^D' dump; PS1='RE''ADY> '"
zpty -r -m z _ '*READY> ' || exit 3
for line in "$@"; do
  # TAB, then the widget that writes the line out (^X^D), then kill the line (^U).
  zpty -w -n z "$line"$'\t'
  sleep 0.5
  zpty -w -n z $'\x18\x04\x15'
done
for i in {1..100}; do
  (( $(wc -l < $out) >= $# )) && break
  sleep 0.1
done
zpty -d z
cat $out
