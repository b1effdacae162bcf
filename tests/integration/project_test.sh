#!/usr/bin/env bash
# Drives `apexrun run --project` against the SFDX projects in
# tests/fixtures/projects/: classes load by name from every package
# directory, the nearest sfdx-project.json is the default, .cls-meta.xml is
# read, classes reference each other in any order, statics live per
# transaction, access modifiers are checked, and a class that does not
# compile stops the run. Usage: project_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=${1:?usage: project_test.sh PATH-TO-APEXRUN}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
projects=$here/../fixtures/projects
shop=$projects/shop
broken=$projects/broken
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# apex NAME SOURCE: writes $work/NAME.apex
apex() { printf '%s\n' "$2" >"$work/$1.apex"; }

# expect_debug NAME PROJECT SOURCE EXPECTED-DEBUG-OUTPUT
expect_debug() {
  apex "$1" "$3"
  run run --debug-only --project "$2" "$work/$1.apex"
  check "$1: exits 0" $((status != 0))
  check "$1: output" "$([ "$(cat "$work/out")" = "$4" ]; echo $?)"
}

# expect_compile_error NAME PROJECT SOURCE LINE COLUMN MESSAGE
expect_compile_error() {
  apex "$1" "$3"
  run run --project "$2" "$work/$1.apex"
  check "$1: exits 2" $((status != 2))
  check "$1: position" "$([ "$(sed -n 1p "$work/out")" = "Error: Line: $4, Column: $5" ]; echo $?)"
  check "$1: message" "$([ "$(sed -n '2,$p' "$work/out")" = "Error: $6" ]; echo $?)"
}

# --- loading, several package directories, inner classes -----------------
expect_debug load "$shop" "System.debug(Greeter.greet('world'));" \
  "$(printf 'Greeter static init\nHello, WORLD!')"
expect_debug inner "$shop" "Greeter.Message m = new Greeter.Message('inner'); System.debug(m.text());" \
  "$(printf 'Greeter static init\nHello, INNER!')"
expect_debug second-package-dir "$shop" "System.debug(Helper.shout('lib'));" "LIB!"
expect_debug deep-folder "$shop" "Shape s = new Square(3); System.debug(s.describe());" "square of area 9"

# --- the nearest sfdx-project.json is the default ---------------------------
apex nearest "System.debug(Helper.shout('near'));"
(cd "$shop/force-app/main/default" && "$apexrun" run --debug-only "$work/nearest.apex" >"$work/out" 2>"$work/err")
status=$?
check "nearest: exits 0" $((status != 0))
check "nearest: found the project above" "$([ "$(cat "$work/out")" = "NEAR!" ]; echo $?)"
(cd "$work" && "$apexrun" run --debug-only "$work/nearest.apex" >"$work/out" 2>"$work/err")
status=$?
check "no project: Helper is unknown" $((status != 2))
check "no project: message" "$(grep -qx 'Error: Variable does not exist: Helper' "$work/err"; echo $?)"

# --- .cls-meta.xml -------------------------------------------------------------
expect_compile_error meta-deleted "$shop" "System.debug(Retired.hello());" 1 14 \
  "Variable does not exist: Retired"
expect_debug meta-version "$shop" "System.debug(Legacy.hello() + ' ' + NoMeta.hello());" "legacy no meta"

# --- classes referencing each other, cycles, interfaces, abstract, virtual ---
expect_debug cycle "$shop" "System.debug(Ping.ping(4)); Ping p = new Ping(); p.partner = new Pong(); p.partner.partner = p; System.debug(p.partner.partner === p);" \
  "$(printf 'ping pong ping pong done\ntrue')"
expect_debug polymorphism "$shop" "List<Shape> shapes = new List<Shape>{ new Square(2), new Rect(2, 3) };
for (Shape s : shapes) System.debug(s.describe());
Named n = shapes[1];
System.debug(n.name());
Object first = shapes[0];
System.debug(first instanceof Named);" \
  "$(printf 'square of area 4\nshape of area 6\nshape\ntrue')"
expect_debug anonymous-subclass "$shop" "class Cube extends Rect {
  Cube(Decimal s) { super(s, s); }
  public override String name() { return 'cube face ' + w; }
}
System.debug(new Cube(5).describe());" "cube face 5 of area 25"

# --- statics: initialized on first use, per transaction ------------------------
expect_debug statics "$shop" "System.debug('before');
System.debug(Greeter.count());
System.debug(Greeter.count());
Greeter.counter += 10;
System.debug(Greeter.counter + ' ' + Greeter.initRuns + ' ' + Greeter.GREETING);" \
  "$(printf 'before\nGreeter static init\n1\n2\n12 1 Hello')"
# A second run is a new transaction: the counter starts again.
expect_debug statics-again "$shop" "System.debug(Greeter.count());" "$(printf 'Greeter static init\n1')"

# --- an exception thrown in a class: Salesforce's stack trace --------------------
apex trace "Greeter.fail();"
run run --project "$shop" "$work/trace.apex"
check "trace: exits 1" $((status != 1))
check "trace: message" "$([ "$(sed -n 2p "$work/out")" = "Error: System.ListException: List index out of bounds: 1" ]; echo $?)"
check "trace: class frame" "$([ "$(sed -n 3p "$work/out")" = "Error: Class.Greeter.fail: line 28, column 9" ]; echo $?)"
check "trace: block frame" "$([ "$(sed -n 4p "$work/out")" = "AnonymousBlock: line 1, column 1" ]; echo $?)"

# --- access modifiers ---------------------------------------------------------------
expect_compile_error private-field "$shop" "System.debug(new Vault().secret);" 1 14 "Variable is not visible: secret"
expect_compile_error private-method "$shop" "new Vault().hide();" 1 1 "Method is not visible: void Vault.hide()"
expect_compile_error protected-method "$shop" "Integer i = new Vault().guarded();" 1 13 \
  "Method is not visible: Integer Vault.guarded()"
expect_compile_error private-setter "$shop" "Vault v = new Vault();
v.code = 'x';" 2 1 "Variable is not visible: code"
expect_compile_error private-type "$shop" "Vault.Inner i;" 1 1 "Type is not visible: Vault.Inner"
expect_compile_error private-constructor "$shop" "Vault v = new Vault(1234);" 1 11 \
  "Constructor is not visible: [Vault].<Constructor>(Integer)"
expect_debug visible "$shop" "Vault v = Vault.withPin(1234);
System.debug(v.code);
System.debug(new VaultChild().peek());
Vault.Open o = new Vault.Open();
System.debug(o != null);" "$(printf '1234\n42\ntrue')"

# --- a missing class -------------------------------------------------------------------
expect_compile_error missing-type "$shop" "Nowhere n;" 1 1 "Invalid type: Nowhere"
expect_compile_error missing-call "$shop" "Nowhere.go();" 1 1 "Variable does not exist: Nowhere"

# --- a class that does not compile stops the run -----------------------------------------
expect_compile_error broken-class "$broken" "System.debug('first');
Integer v = Uses.run();" 2 13 "Dependent class is invalid and needs recompilation:
 Class Broken : Variable does not exist: missingThing"
check "broken-class: where in the class, on stderr" \
  "$(grep -qx 'apexrun: class Broken, line 4, column 20: Variable does not exist: missingThing' "$work/err"; echo $?)"
check "broken-class: nothing ran" "$(! grep -q first "$work/out"; echo $?)"
expect_compile_error syntax-error-class "$broken" "BadSyntax.go();" 1 1 "Dependent class is invalid and needs recompilation:
 Class BadSyntax : Unexpected token ';'."
expect_compile_error misnamed-class "$broken" "Misnamed.go();" 1 1 "Dependent class is invalid and needs recompilation:
 Class Misnamed : Class name SomethingElse does not match its file Misnamed.cls"
expect_compile_error not-public "$broken" "Hidden.go();" 1 1 "Dependent class is invalid and needs recompilation:
 Class Hidden : Top-level type must have public or global visibility"
expect_compile_error extends-non-virtual "$broken" "ExtendsSealed.go();" 1 1 "Dependent class is invalid and needs recompilation:
 Class ExtendsSealed : Non-virtual and non-abstract type cannot be extended: Sealed"
expect_compile_error bad-meta "$broken" "BadMeta b;" 1 1 "Dependent class is invalid and needs recompilation:
 Class BadMeta : BadMeta.cls-meta.xml: not valid XML"

# --- sources that cannot be used: one name twice, entries that are not files ------------
odd=$work/odd
mkdir -p "$odd/a/classes" "$odd/b/classes" "$odd/a/classes/Folder.cls" "$odd/a/triggers"
printf '{"packageDirectories": [{"path": "a", "default": true}, {"path": "b"}]}\n' >"$odd/sfdx-project.json"
printf 'public class Twice { public static String who() { return %s; } }\n' "'a'" >"$odd/a/classes/Twice.cls"
printf 'public class Twice { public static String who() { return %s; } }\n' "'b'" >"$odd/b/classes/twice.cls"
printf 'public class Fine { public static String who() { return %s; } }\n' "'fine'" >"$odd/a/classes/Fine.cls"
ln -s "$odd/nowhere.cls" "$odd/a/classes/Dangling.cls"
mkfifo "$odd/a/classes/Pipe.cls"
expect_debug duplicate-name-first-wins "$odd" "System.debug(Twice.who());" "a"
check "duplicate-name: a warning names both files" \
  "$(grep -qx 'apexrun: warning: class Twice is in two files: a/classes/Twice.cls is used, b/classes/twice.cls left out' "$work/err"; echo $?)"
expect_compile_error folder-class "$odd" "System.debug(Folder.who());" 1 14 \
  "Dependent class is invalid and needs recompilation:
 Class Folder : a/classes/Folder.cls is a folder, not a source file"
expect_compile_error dangling-class "$odd" "System.debug(Dangling.who());" 1 14 \
  "Dependent class is invalid and needs recompilation:
 Class Dangling : a/classes/Dangling.cls is a broken link, not a source file"
expect_compile_error fifo-class "$odd" "System.debug(Pipe.who());" 1 14 \
  "Dependent class is invalid and needs recompilation:
 Class Pipe : a/classes/Pipe.cls is not a regular file, not a source file"
expect_debug odd-project-others-run "$odd" "System.debug(Fine.who());" "fine"

# --json keeps the executeAnonymous shape.
apex json "Integer v = Uses.run();"
run run --json --project "$broken" "$work/json.apex"
check "json: exits 2" $((status != 2))
check "json: compileProblem" "$(python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))["data"]
assert list(j) == ["success", "compiled", "compileProblem", "exceptionMessage", "exceptionStackTrace", "line", "column", "logs"], list(j)
assert j["compiled"] is False and j["line"] == 1 and j["column"] == 13, j
assert j["compileProblem"] == "Dependent class is invalid and needs recompilation:\n Class Broken : Variable does not exist: missingThing", j
' "$work/out"; echo $?)"

# --project without sfdx-project.json is a usage problem.
apex plain "System.debug(1);"
run run --project "$work" "$work/plain.apex"
check "no sfdx-project.json: exits 66" $((status != 66))

finish project_test
