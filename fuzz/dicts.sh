#!/usr/bin/env bash
# Writes the fuzz targets' dictionaries, fuzz/dict/*.dict, from the grammar
# (grammar/provisio.pest: every keyword and operator), the checker's
# functions (src/check/functions.rs) and the names the policies of rules/
# declare (facts, fields, enumeration values, readings, verdicts).
# With --check, writes nothing and fails if a committed dictionary differs
# from what the grammar and the policies give now.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
check=false
[ "${1:-}" = "--check" ] && check=true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A dictionary entry: the token in quotes, `"` and `\` escaped.
entries() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/"/' | LC_ALL=C sort -u; }

# The grammar's literals: keywords and operators, not its escapes.
grammar_words() {
  grep -v '^\s*//' grammar/provisio.pest | grep -oE '"[^"]*"' | tr -d '"' |
    grep -E '^([A-Za-z_]+|[-+*/<>=!%(),.:]+)$'
}
# The built-in functions, with their opening parenthesis: those of the
# checker and the calendar's (src/model/calendar.rs).
functions() {
  sed -n '/^const FUNCTIONS/,/^];/p' src/check/functions.rs | grep -oE '"[a-z_]+"' | tr -d '"' | sed 's/$/(/'
  sed -n '/pub fn name(self)/,/^    }/p' src/model/calendar.rs | grep -oE '"[a-z_]+"' | tr -d '"' | sed 's/$/(/'
}
# The names the bundled policies declare.
policy_names() {
  cat rules/*/*.policy | grep -v '^\s*#' >"$work/policies"
  grep -oE '^\s*(fact|event|verdict|reading|define|parameter|provision)\s+[A-Za-z_][A-Za-z0-9_]*' "$work/policies" | awk '{print $2}'
  # A field's description may be followed by its translations on the
  # lines below (`in fr "..."`), and its `:` after them; an enumeration
  # value's description, laid out one value a line, by its `,`.
  grep -oE '^\s+[A-Za-z_][A-Za-z0-9_]*\s+"[^"]*"\s*(:|,|$)' "$work/policies" | awk '{print $1}'
  grep -oE 'one of [A-Za-z_][A-Za-z0-9_]*(\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*' "$work/policies" |
    sed 's/^one of //' | tr ',' '\n' | tr -d ' '
  printf '%s\n' as_of opening closing
}
values() {
  printf '%s\n' history 2026-03-28 2024-02-29 0001-01-01 9999-12-31 "USD " "USD 0" "EUR " 0.5 1e-400 -1 99999999999999999999999999999 true false null
}

{
  grammar_words
  functions
  printf '%s\n' "#facts:json" "#facts:yaml" "#facts:toml" "{" "|" "}" "{as_of}" "{value}" '"' "# "
} | entries >"$work/policy.dict"
# Tokens that need escapes, written as libFuzzer reads them.
newline='"\x0A"'
printf '%s\n' "$newline" '"\\\""' >>"$work/policy.dict"
{ policy_names; values; printf '%s\n' "{" "}" "[" "]" ":" "," '"' '":' ; } | entries >"$work/facts_json.dict"
{ policy_names; values; printf '%s\n' ": " "- " "---" "{}" "[]" "&a" "*a" "!!str" "? " "|" ">" "~" "'" ; } | entries >"$work/facts_yaml.dict"
{ policy_names; values; printf '%s\n' " = " "[" "]" "[[" "]]" "{" "}" "'''" '"""' "." "1979-05-27T07:32:00Z" "inf" "nan" ; } | entries >"$work/facts_toml.dict"
{ policy_names; values; printf '%s\n' description facts readings expect expect_broken at all_readings agree outcomes given tolerance value within status not_in_force undetermined determined error provisions depends_on residual at_least at_most one_of elements provisio::conflict "{" "}" "[" "]" ":" "," ": " "- " ; } | entries >"$work/scenario.dict"
{ policy_names; values; printf '%s\n' "{" "}" "[" "]" ":" "," ; } | entries >"$work/batch_jsonl.dict"
echo "$newline" >>"$work/batch_jsonl.dict"
{ policy_names; values; printf '%s\n' "," '"' '""' "." ; } | entries >"$work/batch_csv.dict"
printf '%s\n' "$newline" '"\x0D\x0A"' >>"$work/batch_csv.dict"

status=0
for file in "$work"/*.dict; do
  name="$(basename "$file")"
  if $check; then
    if ! cmp -s "$file" "fuzz/dict/$name"; then
      echo "fuzz/dict/$name is out of date with the grammar or rules/: run fuzz/dicts.sh" >&2
      status=1
    fi
  else
    mkdir -p fuzz/dict
    cp "$file" "fuzz/dict/$name"
  fi
done
exit $status
