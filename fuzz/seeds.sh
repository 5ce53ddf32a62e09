#!/usr/bin/env bash
# Builds each fuzz target's seed corpus in fuzz/seeds/TARGET from the
# repository's own files (policies, facts, scenarios of rules/ and tests/),
# so that no copy of them is kept in git. A few CSV rows, which no file of
# the repository holds, are written here. Run from anywhere; it rebuilds
# fuzz/seeds from scratch in about a second.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=fuzz/seeds
rm -rf "$out"
targets=(policy policy_structured facts_json facts_yaml facts_toml scenario batch_jsonl batch_csv)
for target in "${targets[@]}"; do mkdir -p "$out/$target"; done

# A seed's name is its path with `/` as `_`, so that names never collide.
seed() { cp "$2" "$out/$1/$(printf '%s' "$2" | tr '/' '_')"; }
# One line of JSON from a pretty-printed file (facts files hold no line
# breaks inside strings).
one_line() { tr '\n' ' ' <"$1"; echo; }

# Policy text: every policy of the repository, and each policy of rules/
# followed by each of its facts files after a `#facts:json` line. Not the
# inputs of tests/fuzz_regressions: hundreds of kilobytes each, they would
# raise libFuzzer's longest input (the longest seed) a hundredfold and slow
# every run.
while IFS= read -r file; do seed policy "$file"; done < <(
  find rules tests examples -path tests/fuzz_regressions -prune -o -name '*.policy' -print | sort
)
for dir in rules/*/; do
  for policy in "$dir"*.policy; do
    for facts in "$dir"facts/*.json; do
      [ -f "$facts" ] || continue
      { cat "$policy"; printf '\n#facts:json\n'; cat "$facts"; } \
        >"$out/policy/$(basename "$policy" .policy)+$(basename "$facts")"
    done
  done
done

# Facts: JSON files are JSON and YAML seeds alike (JSON is YAML).
facts_json_files() {
  find rules/*/facts tests/cli tests/diagnostics/facts tests/diagnostics/household_facts \
    -name '*.json' 2>/dev/null | sort
}
while IFS= read -r file; do seed facts_json "$file"; seed facts_yaml "$file"; done < <(facts_json_files)
while IFS= read -r file; do seed facts_yaml "$file"; done < <(find rules tests -name '*.yaml' -o -name '*.yml' | sort)
while IFS= read -r file; do seed facts_toml "$file"; done < <(find rules tests -name '*.toml' | sort)

# Scenarios: every scenario file of rules/.
while IFS= read -r file; do seed scenario "$file"; done < <(find rules/*/scenarios -type f | sort)

# Batch rows in JSON Lines: each facts file of rules/ as one row, and all of
# one policy's facts and scenario facts as one file of rows.
for dir in rules/*/; do
  name="$(basename "$dir")"
  all="$out/batch_jsonl/$name-all.jsonl"
  : >"$all"
  for facts in "$dir"facts/*.json; do
    [ -f "$facts" ] || continue
    one_line "$facts" >"$out/batch_jsonl/$(printf '%s' "$facts" | tr '/' '_')l"
    one_line "$facts" >>"$all"
  done
done

# Batch rows in CSV: a header of fact paths and a few rows per policy.
cat >"$out/batch_csv/wto.csv" <<'CSV'
as_of,mc14.opening,mc14.closing,measure.kind,measure.levied_on
2026-03-28,2026-03-26,2026-03-30,customs_duty,electronic_transmission
2026-03-15,,,,
2026-04-01,,,internal_tax,physical_goods
CSV
cat >"$out/batch_csv/us-corporate-tax.csv" <<'CSV'
as_of,taxable_income,year_start,qualified_personal_service_corporation
2017-12-31,USD 335000,2017-01-01,false
2018-12-31,"USD 10,000,000.50",2018-01-01,true
1993-06-30,12.50,1993-01-01,
CSV
cat >"$out/batch_csv/us-income-tax.csv" <<'CSV'
as_of,year_end,filing_status,taxable_income,adjusted_gross_income,excluded_income
2018-01-01,2018-12-31,joint,USD 385000.00,USD 415000.00,USD 0
2017-01-01,2017-12-31,single,USD 1,USD 2,
CSV
cat >"$out/batch_csv/us-home-sale.csv" <<'CSV'
as_of,sale_date,gain,joint_return
2024-06-15,2024-06-15,USD 620000,false
2024-02-29,2024-02-29,"USD 1""0",true
CSV

echo "seeds: $(find "$out" -type f | wc -l) files in $out"
