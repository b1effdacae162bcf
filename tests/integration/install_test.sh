#!/usr/bin/env bash
# `cmake --install` into a DESTDIR and `cpack`'s Debian package: the binary,
# the man page (checked against every command's --help), and bash and zsh
# completion. Usage: install_test.sh BUILD-DIR
set -uo pipefail

build=$(cd "${1:?usage: install_test.sh BUILD-DIR}" && pwd)
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

root=$work/root
page=$root/usr/share/man/man1/apexrun.1
bash_completion=$root/usr/share/bash-completion/completions/apexrun
zsh_completion=$root/usr/share/zsh/vendor-completions/_apexrun

DESTDIR=$root cmake --install "$build" --prefix /usr >"$work/out" 2>"$work/err"
check "cmake --install exits 0" $?
for file in "$root/usr/bin/apexrun" "$page" "$bash_completion" "$zsh_completion"; do
  check "installs ${file#"$root"}" "$([ -f "$file" ]; echo $?)"
done
check "the installed binary runs" "$([ "$("$root/usr/bin/apexrun" --version)" = "apexrun 0.1.0" ]; echo $?)"

# The man page renders without warnings and holds every command's help.
groff -man -Tascii -ww -z "$page" >"$work/out" 2>"$work/err"
check "man page: groff renders it without warnings" "$([ ! -s "$work/err" ]; echo $?)"
python3 - "$root/usr/bin/apexrun" "$page" >"$work/out" 2>&1 <<'PY'
# Every line of every command's --help (a description continued on the next
# line joined to it; headings and the "Usage: " label aside), its spaces
# collapsed, is in the page's text with roff's requests and escapes removed.
import re, subprocess, sys
apexrun, page = sys.argv[1], sys.argv[2]
def collapse(text):
    return " ".join(text.split())
text_lines = []
for line in open(page).read().splitlines():
    if line.startswith(('.SS ', '.SH ')):
        text_lines.append(line[4:].strip('"'))
    elif not line.startswith(('.', "'")) or line.startswith("\\&"):
        text_lines.append(line)
text = re.sub(r"\\f[BIRP]|\\&", "", " ".join(text_lines)).replace("\\-", "-").replace("\\e", "\\")
text = collapse(text)
missing = []
def visit(words):
    help_ = subprocess.run([apexrun, *words, "--help"], capture_output=True, text=True, check=True).stdout
    help_ = re.sub(r"\n {3,}", " ", help_)
    for line in help_.splitlines():
        if not line.strip() or (line.endswith(":") and not line.startswith(" ")):
            continue
        wanted = collapse(line.removeprefix("Usage: "))
        if wanted not in text:
            missing.append(f"apexrun {' '.join(words)}: {wanted}")
    subcommands = help_.split("\nSubcommands:\n", 1)
    if len(subcommands) == 2:
        for line in subcommands[1].split("\n\n", 1)[0].splitlines():
            visit([*words, line.split()[0]])
visit([])
if missing:
    print("missing from the man page:\n  " + "\n  ".join(missing))
    sys.exit(1)
PY
check "man page: every command's usage, arguments and options, as --help says" $?

# bash completion: commands, subcommands and options from --help.
complete_words() {  # complete_words WORD... : COMPREPLY for the last word, one a line
  PATH="$root/usr/bin:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _apexrun
    printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_completion" "$@"
}
check "bash: commands" "$([ "$(complete_words apexrun cred)" = credential ]; echo $?)"
check "bash: subcommands" "$([ "$(complete_words apexrun credential s)" = set ]; echo $?)"
check "bash: options" "$([ "$(complete_words apexrun run --trace-c)" = --trace-callouts ]; echo $?)"
# Captured first: `grep -q` may exit before the completion is written, and
# pipefail would then report the writer's SIGPIPE.
class_words=$(complete_words apexrun test --class)
check "bash: a short option's long form" "$(grep -qx -- --class-names <<<"$class_words"; echo $?)"
if command -v zsh >/dev/null; then
  zsh -n "$zsh_completion"
  check "zsh: the completion function parses" $?
fi

# cpack: a .deb with the same files.
mkdir -p "$work/package"
(cd "$work/package" && cpack -G DEB --config "$build/CPackConfig.cmake") >"$work/out" 2>"$work/err"
check "cpack exits 0" $?
deb=$(find "$work/package" -maxdepth 1 -name 'apexrun_*.deb' | head -n 1)
check "cpack writes apexrun_VERSION_ARCH.deb" "$([ -n "$deb" ]; echo $?)"
dpkg-deb -c "$deb" 2>"$work/err" | awk '{ print $NF }' >"$work/out"
for file in ./usr/bin/apexrun ./usr/share/man/man1/apexrun.1 ./usr/share/bash-completion/completions/apexrun \
  ./usr/share/zsh/vendor-completions/_apexrun; do
  check "the .deb holds $file" "$(grep -qxF -- "$file" "$work/out"; echo $?)"
done
check "the .deb depends on the libraries apexrun links" "$(dpkg-deb -f "$deb" Depends | grep -q 'libc6'; echo $?)"
check "the .deb depends on libpq, which apexrun loads for PostgreSQL" "$(dpkg-deb -f "$deb" Depends | grep -q 'libpq5'; echo $?)"

finish install
