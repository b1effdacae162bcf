#!/usr/bin/env bash
# Drives `apexrun credential set|list|delete` against a store in a temp SFDX
# project: values from arguments, standard input and @env:VAR, the table and
# --json listings, delete, the store and key file modes, wrong and missing
# keys (store left byte-for-byte as it was), the git warning, --help, exit
# codes. No secret may appear in any output. HOME and XDG_CONFIG_HOME point
# into the temp folder, so the user's real key is never touched.
# Usage: credential_cli_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=$(realpath "${1:?usage: credential_cli_test.sh PATH-TO-APEXRUN}")
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# run ARGS... : stdout to $work/out, stderr to $work/err, status to $status;
# everything printed is also kept in $work/transcript.
run() {
  "$apexrun" "$@" <"${STDIN_FILE:-/dev/null}" >"$work/out" 2>"$work/err"
  status=$?
  cat "$work/out" "$work/err" >>"$work/transcript"
}

has() { grep -qF -- "$2" "$1"; }   # has FILE TEXT

export HOME="$work/home"
export XDG_CONFIG_HOME="$work/config"
export GIT_CONFIG_NOSYSTEM=1
unset APEXRUN_STORE APEXRUN_STORE_KEY
mkdir -p "$HOME" "$work/proj/force-app" "$work/outside"
printf '{"packageDirectories": [{"path": "force-app", "default": true}]}\n' >"$work/proj/sfdx-project.json"
# The credentials this test stores secrets for: inside a project, `credential
# set` takes only names the project defines.
mkdir -p "$work/proj/force-app/externalCredentials"
for name in MyCred OAuth ApiKey Elsewhere G X Race1 Race2 Race3 Race4 Race5 Race6; do
  printf '<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>%s</label><authenticationProtocol>Custom</authenticationProtocol></ExternalCredential>\n' \
    "$name" >"$work/proj/force-app/externalCredentials/$name.externalCredential-meta.xml"
done
store="$work/proj/.apexrun/credentials.db"
keyfile="$XDG_CONFIG_HOME/apexrun/store.key"

SECRET_ARG='pw-Arg-7c1e9b55'
SECRET_STDIN='tok-Stdin-4d2a8e11'
SECRET_ENV='key-Env-93bf0c27'

# --help on the command and each subcommand.
for sub in "" set list delete; do
  run credential $sub --help
  check "credential $sub --help exits 0" $((status != 0))
  check "credential $sub --help prints usage" "$(grep -q -- '--help' "$work/out"; echo $?)"
done
check "set --help explains - and @env:" "$(run credential set --help; has "$work/out" '@env:VAR'; echo $?)"
check "set --help lists --principal" "$(run credential set --help; has "$work/out" '--principal'; echo $?)"
check "list --help lists --json" "$(run credential list --help; has "$work/out" '--json'; echo $?)"
check "apexrun --help names credential" "$(run --help; has "$work/out" 'credential'; echo $?)"
run credential
check "credential without a subcommand exits 64" $((status != 64))

# Outside a project, without --store: a usage error that says what to do.
cd "$work/outside" || exit 1
run credential list
check "outside a project exits 64" $((status != 64))
check "outside a project: message" "$(has "$work/err" 'not inside a project'; echo $?)"
check "outside a project: suggests --store" "$(has "$work/err" 'pass --project DIR or --store PATH'; echo $?)"
run credential set MyCred k=v
check "set outside a project exits 64" $((status != 64))
check "set outside a project creates no key" "$([ ! -e "$keyfile" ]; echo $?)"
run credential list --project "$work/outside"
check "--project without sfdx-project.json exits 66" $((status != 66))

cd "$work/proj" || exit 1

# set: literal values; creates the store (0600) and the key file (0600, folder 0700).
run credential set MyCred username=ann "password=$SECRET_ARG"
check "set exits 0" $((status != 0))
check "set prints the keys" "$([ "$(cat "$work/out")" = "Set password, username for MyCred" ]; echo $?)"
# A literal password on the command line is seen by `ps`: a warning, never the value.
check "set: a literal password is warned about" \
  "$(has "$work/err" 'apexrun: warning: the value of password is on the command line, where other users of this machine can see it (ps) and the shell keeps it in its history: next time use password=-, password=@env:VAR or password=@file:PATH'; echo $?)"
check "set: no warning about the username" "$(! has "$work/err" 'value of username'; echo $?)"
check "store created" "$([ -f "$store" ]; echo $?)"
check "store mode 600" "$([ "$(stat -c %a "$store")" = 600 ]; echo $?)"
check "store folder mode 700" "$([ "$(stat -c %a "$(dirname "$store")")" = 700 ]; echo $?)"
check "key file created" "$([ -f "$keyfile" ]; echo $?)"
check "key file mode 600" "$([ "$(stat -c %a "$keyfile")" = 600 ]; echo $?)"
check "key folder mode 700" "$([ "$(stat -c %a "$(dirname "$keyfile")")" = 700 ]; echo $?)"
check "key file: 64 hex digits and a newline" "$(grep -Eqx '[0-9a-f]{64}' "$keyfile" && [ "$(wc -c <"$keyfile")" -eq 65 ]; echo $?)"

# `-` reads standard input (the trailing newline stripped), with a principal.
printf '%s\n' "$SECRET_STDIN" >"$work/stdin.txt"
STDIN_FILE="$work/stdin.txt" run credential set OAuth --principal alice accessToken=- expiresAt=4102444800
check "set from stdin exits 0" $((status != 0))
check "set from stdin: message" "$([ "$(cat "$work/out")" = "Set accessToken, expiresAt for OAuth (principal alice)" ]; echo $?)"
printf 'x\n' >"$work/x.txt"
STDIN_FILE="$work/x.txt" run credential set OAuth a=- b=-
check "two keys from stdin exit 64" $((status != 64))
check "two keys from stdin: message" "$(has "$work/err" 'only one key can read its value from standard input'; echo $?)"
STDIN_FILE=/dev/null run credential set OAuth a=-
check "empty stdin exits 66" $((status != 66))

# @env:VAR reads an environment variable.
export API_KEY_VAR="$SECRET_ENV"
run credential set ApiKey key=@env:API_KEY_VAR
check "set from @env exits 0" $((status != 0))
check "set from @env: message" "$([ "$(cat "$work/out")" = "Set key for ApiKey" ]; echo $?)"
unset API_KEY_VAR
run credential set ApiKey key=@env:NO_SUCH_VAR_FOR_APEXRUN
check "@env of an unset variable exits 66" $((status != 66))
check "@env of an unset variable: message" "$(has "$work/err" 'the environment variable NO_SUCH_VAR_FOR_APEXRUN is not set (value of key)'; echo $?)"

# @file:PATH reads a file (one final line break dropped); no warning.
SECRET_FILE='tok-File-2b7d6e90'
printf '%s\n' "$SECRET_FILE" >"$work/secret.txt"
run credential set ApiKey apiKey=@file:"$work/secret.txt"
check "set from @file exits 0" $((status != 0))
check "set from @file: message, no warning" "$([ "$(cat "$work/out")" = "Set apiKey for ApiKey" ] && [ ! -s "$work/err" ]; echo $?)"
run credential set ApiKey apiKey=  # removed again: the listings below expect ApiKey's key alone
run credential set ApiKey apiKey=@file:"$work/no-such-file"
check "@file of a missing file exits 66" $((status != 66))
check "@file of a missing file: message" "$(has "$work/err" "cannot read $work/no-such-file (value of apiKey)"; echo $?)"
: >"$work/empty.txt"
run credential set ApiKey apiKey=@file:"$work/empty.txt"
check "@file of an empty file exits 66" $((status != 66))

# A key file others can read is refused (as OpenSSH refuses such a private
# key); a store file others can read is used, with a warning.
chmod 644 "$keyfile"
run credential list
check "key file mode 644: refused" $((status == 0))
check "key file mode 644: says why and what to do" "$(has "$work/err" "the credential store key $keyfile can be read or written by other users (mode 0644): run chmod 600 $keyfile"; echo $?)"
chmod 600 "$keyfile"
chmod 640 "$store"
run credential list
check "store mode 640: listed" $((status != 0))
check "store mode 640: a warning" "$(has "$work/err" "apexrun: warning: credential store $store can be read or written by other users (mode 0640): run chmod 600 $store"; echo $?)"
chmod 600 "$store"

# Usage errors.
run credential set MyCred novalue
check "pair without = exits 64" $((status != 64))
check "pair without =: message" "$(has "$work/err" 'expected key=value'; echo $?)"
run credential set MyCred =v
check "empty key exits 64" $((status != 64))
run credential set "" k=v
check "empty name exits 64" $((status != 64))
run credential set MyCred
check "set without pairs exits 64" $((status != 64))
run credential set MyCred a=1 a=2
check "a key given twice exits 64" $((status != 64))

# list: a table of names, principals, keys and expiry; never values.
run credential list
check "list exits 0" $((status != 0))
check "list header" "$(head -n 1 "$work/out" | grep -Eqx 'NAME +PRINCIPAL +KEYS +TOKEN EXPIRES'; echo $?)"
check "list: ApiKey row" "$(grep -Eqx 'ApiKey +- +key +-' "$work/out"; echo $?)"
check "list: MyCred row" "$(grep -Eqx 'MyCred +- +password, username +-' "$work/out"; echo $?)"
check "list: OAuth row with expiry" "$(grep -Eqx 'OAuth +alice +accessToken, expiresAt +2100-01-01T00:00:00Z' "$work/out"; echo $?)"
check "list: 4 lines" "$([ "$(wc -l <"$work/out")" -eq 4 ]; echo $?)"

run credential list --json
check "list --json exits 0" $((status != 0))
check "list --json content" "$(python3 - "$work/out" <<'PY'; echo $?
import json, sys
entries = json.load(open(sys.argv[1]))
assert isinstance(entries, list) and len(entries) == 3, entries
by = {(e["name"], e["principal"]): e for e in entries}
assert set(entries[0]) == {"name", "principal", "keys", "expiresAt"}
assert by[("MyCred", "")]["keys"] == ["password", "username"]
assert by[("MyCred", "")]["expiresAt"] is None
assert by[("OAuth", "alice")]["keys"] == ["accessToken", "expiresAt"]
assert by[("OAuth", "alice")]["expiresAt"] == 4102444800
assert by[("ApiKey", "")]["keys"] == ["key"]
PY
)"

# Values are encrypted at rest.
check "store holds no plaintext" "$(! grep -aqF -e "$SECRET_ARG" -e "$SECRET_STDIN" -e "$SECRET_ENV" "$store"; echo $?)"

# --store and APEXRUN_STORE work outside a project; --project from outside.
cd "$work/outside" || exit 1
run credential set Elsewhere --store "$work/other/s.db" k=v
check "--store outside a project exits 0" $((status != 0))
check "--store file created" "$([ -f "$work/other/s.db" ]; echo $?)"
APEXRUN_STORE="$work/other/s.db" run credential list --json
check "APEXRUN_STORE lists that store" "$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); assert [x["name"] for x in e]==["Elsewhere"]' "$work/out"; echo $?)"
run credential list --project "$work/proj"
check "--project from outside" "$(grep -q '^MyCred ' "$work/out"; echo $?)"
run credential list --store "$work/none/missing.db"
check "list of a store not yet made exits 0" $((status != 0))
check "list of a store not yet made: message" "$(has "$work/out" "No credentials in $work/none/missing.db"; echo $?)"
check "list creates nothing" "$([ ! -e "$work/none" ]; echo $?)"
cd "$work/proj" || exit 1

# A wrong key: refused with exit 1, the store byte-for-byte unchanged.
cp "$store" "$work/before.db"
other_key=$(printf 'ab%.0s' $(seq 32))
APEXRUN_STORE_KEY=$other_key run credential list
check "wrong key exits 1" $((status != 1))
check "wrong key: message" "$(has "$work/err" "apexrun credential list: credential store $store: the key does not match this store (the key from APEXRUN_STORE_KEY)"; echo $?)"
APEXRUN_STORE_KEY=$other_key run credential set MyCred password=changed
check "wrong key set exits 1" $((status != 1))
APEXRUN_STORE_KEY=$other_key run credential delete MyCred
check "wrong key delete exits 1" $((status != 1))
check "wrong key: store unchanged" "$(cmp -s "$store" "$work/before.db"; echo $?)"
APEXRUN_STORE_KEY=abc run credential list
check "malformed APEXRUN_STORE_KEY exits 1" $((status != 1))
check "malformed APEXRUN_STORE_KEY: message" "$(has "$work/err" 'APEXRUN_STORE_KEY is not a store key: it must be 64 hexadecimal characters'; echo $?)"
# The key file's key, given in the environment, opens the store.
APEXRUN_STORE_KEY=$(cat "$keyfile") run credential list
check "the same key from APEXRUN_STORE_KEY works" $((status != 0))

# A missing key: refused, the store unchanged, no new key made.
mv "$keyfile" "$work/saved.key"
run credential set MyCred password=changed
check "missing key exits 1" $((status != 1))
check "missing key: message" "$(has "$work/err" "credential store $store: its key is missing (expected APEXRUN_STORE_KEY or $keyfile); restore the key, or delete the store to start over"; echo $?)"
check "missing key: no new key file" "$([ ! -e "$keyfile" ]; echo $?)"
check "missing key: store unchanged" "$(cmp -s "$store" "$work/before.db"; echo $?)"
mv "$work/saved.key" "$keyfile"
run credential list
check "restored key works" "$(grep -q '^MyCred ' "$work/out"; echo $?)"

# Not a store.
printf 'plain text, not SQLite, long enough for a header...........................................\n' >"$work/text.db"
cp "$work/text.db" "$work/text.orig"
run credential set X --store "$work/text.db" k=v
check "not a SQLite file exits 1" $((status != 1))
check "not a SQLite file: message" "$(has "$work/err" 'is not a credential store (not a SQLite database)'; echo $?)"
check "not a SQLite file: unchanged" "$(cmp -s "$work/text.db" "$work/text.orig"; echo $?)"

# delete: one principal, or all; names fold case.
run credential delete OAuth --principal bob
check "delete of nothing exits 1" $((status != 1))
check "delete of nothing: message" "$(has "$work/err" 'no credentials stored for OAuth (principal bob)'; echo $?)"
run credential delete OAuth --principal alice
check "delete principal exits 0" $((status != 0))
check "delete principal: message" "$([ "$(cat "$work/out")" = "Deleted accessToken, expiresAt for OAuth (principal alice)" ]; echo $?)"
run credential delete mycred
check "delete (other case) exits 0" $((status != 0))
run credential list
check "deleted ones are gone" "$(! grep -Eq '^(MyCred|OAuth) ' "$work/out"; echo $?)"
check "others stay" "$(grep -q '^ApiKey ' "$work/out"; echo $?)"
run credential delete
check "delete without a name exits 64" $((status != 64))
run credential set Typo_Name key=v
check "a name the project does not define exits 64" $((status != 64))
check "a name the project does not define: message" "$(has "$work/err" 'has no Named Credential, External Credential, Auth Provider or Connected App named Typo_Name'; echo $?)"
run credential set ApiKey key=
check "an empty value removes the key" "$([ "$(cat "$work/out")" = "Removed key for ApiKey" ]; echo $?)"

# Processes racing to create a new store and a new key wait for each other:
# all succeed, with one key.
race_home="$work/race-config"
pids=()
for i in 1 2 3 4 5 6; do
  XDG_CONFIG_HOME=$race_home "$apexrun" credential set "Race$i" --store "$work/race/s.db" k=v \
    >"$work/race$i.out" 2>"$work/race$i.err" &
  pids+=($!)
done
race_failed=0
for pid in "${pids[@]}"; do wait "$pid" || race_failed=1; done
cat "$work"/race*.out "$work"/race*.err >>"$work/transcript"
check "concurrent first sets all succeed" "$race_failed"
XDG_CONFIG_HOME=$race_home run credential list --store "$work/race/s.db" --json
check "concurrent sets: all six stored" "$(python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1])))==6' "$work/out"; echo $?)"
check "concurrent sets: no temp key files left" "$([ "$(ls "$race_home/apexrun")" = store.key ]; echo $?)"

# The git warning: in a work tree and not ignored, then ignored.
if command -v git >/dev/null; then
  git init -q "$work/proj" >/dev/null 2>&1
  run credential set G k=v
  check "git: set exits 0" $((status != 0))
  check "git: warning when not ignored" "$(has "$work/err" "apexrun: warning: credential store $store is inside the git work tree $work/proj and not ignored by git: add .apexrun/ to $work/proj/.gitignore"; echo $?)"
  printf '.apexrun/\n' >"$work/proj/.gitignore"
  run credential set G k=w
  check "git: no warning once ignored" "$([ ! -s "$work/err" ]; echo $?)"
  check "git: the store is not listed as untracked" "$(! git -C "$work/proj" status --porcelain | grep -q apexrun; echo $?)"
  # The repository's core.fsmonitor would run a program of its choosing,
  # and git's children would see APEXRUN_STORE_KEY: neither happens.
  printf '#!/bin/sh\nenv >"%s"\n' "$work/fsmonitor-ran" >"$work/fsmonitor.sh"
  chmod +x "$work/fsmonitor.sh"
  git -C "$work/proj" config core.fsmonitor "$work/fsmonitor.sh"
  git -C "$work/proj" add .gitignore >/dev/null 2>&1
  rm -f "$work/fsmonitor-ran"
  APEXRUN_STORE_KEY=$(cat "$keyfile") run credential set G k=x
  check "git: set with the repository's fsmonitor exits 0" $((status != 0))
  check "git: the repository's fsmonitor never runs" "$([ ! -e "$work/fsmonitor-ran" ]; echo $?)"
  git -C "$work/proj" config --unset core.fsmonitor
else
  echo "git not found: git warning checks skipped"
fi

# No secret anywhere in what apexrun printed.
check "no secret in any output" "$(! grep -aqF -e "$SECRET_ARG" -e "$SECRET_STDIN" -e "$SECRET_ENV" -e "$SECRET_FILE" "$work/transcript"; echo $?)"

finish
