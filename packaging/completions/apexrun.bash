# bash completion for apexrun. The commands and options come from
# `apexrun ... --help` at completion time, so they always match the binary.
# Installed to share/bash-completion/completions/apexrun.

# _apexrun_help_list SECTION: the names listed in SECTION (Subcommands or
# Options) of the help text on stdin; for options, every flag spelling.
_apexrun_help_list() {
  awk -v section="$1:" '
    $0 == section { inside = 1; next }
    /^[^ ]/ || /^$/ { inside = 0 }
    inside && /^  [^ ]/ {
      name = substr($0, 3)
      sub(/  .*/, "", name)
      if (section == "Subcommands:") { sub(/ .*/, "", name); print name; next }
      sub(/ .*/, "", name)
      n = split(name, flags, ",")
      for (i = 1; i <= n; i++) print flags[i]
    }'
}

_apexrun() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local apexrun=${COMP_WORDS[0]}
  local -a command=()
  local help subcommands word i
  help=$("$apexrun" --help 2>/dev/null) || return
  # Follow the command words typed so far: `credential set ...`.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    subcommands=$(_apexrun_help_list Subcommands <<<"$help")
    [[ -n $subcommands && $word != -* ]] || break
    grep -qxF -- "$word" <<<"$subcommands" || break
    command+=("$word")
    help=$("$apexrun" "${command[@]}" --help 2>/dev/null) || return
  done
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_apexrun_help_list Options <<<"$help")" -- "$cur")
    return
  fi
  subcommands=$(_apexrun_help_list Subcommands <<<"$help")
  if [[ -n $subcommands && $i -eq $COMP_CWORD ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$subcommands" -- "$cur")
    return
  fi
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  compopt -o filenames 2>/dev/null
}

complete -F _apexrun apexrun
