//! `provisio lsp` in a real editor: a headless Neovim attaches the server
//! to a policy with an error (tests/lsp_neovim/attach.lua) and receives its
//! diagnostics, a hover and a go-to-definition, which moves the cursor.
//!
//! Without `nvim` on the `PATH` the test says so and passes, unless
//! `PROVISIO_REQUIRE_NVIM=1` (CI sets it, and installs Neovim).

use std::process::Command;

use serde_json::{Value, json};

#[test]
fn neovim_receives_diagnostics_hover_and_definition() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("PROVISIO_REQUIRE_NVIM").is_none_or(|v| v != "1"),
            "PROVISIO_REQUIRE_NVIM=1 and there is no `nvim`: install Neovim (apt-get install neovim)"
        );
        eprintln!("skipped: no `nvim` on the PATH (install Neovim to run this test)");
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let folder = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(format!("{root}/tests/lsp/deadline.policy"))
        .expect("the policy reads")
        .replace("= large and art1.on_time", "= large and art1.on_tme");
    let policy = folder.path().join("deadline.policy");
    std::fs::write(&policy, &text).expect("the policy is written");
    let out = folder.path().join("out.json");
    // On `on_time` in `verdict on_time = art1.on_time`.
    let line = text
        .lines()
        .position(|l| l.starts_with("verdict on_time"))
        .expect("the verdict");
    let column = "verdict on_time = art1.o".len();
    let status = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n"])
        .arg("-c")
        .arg(format!("luafile {root}/tests/lsp_neovim/attach.lua"))
        .env("PROVISIO", env!("CARGO_BIN_EXE_provisio"))
        .env("POLICY", &policy)
        .env("OUT", &out)
        .env("LINE", line.to_string())
        .env("COLUMN", column.to_string())
        .current_dir(folder.path())
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim: {status}");
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("Neovim wrote its result"))
            .expect("JSON");
    assert_eq!(result.get("error"), None, "{result}");
    let misspelt = text
        .lines()
        .position(|l| l.contains("art1.on_tme"))
        .expect("the line");
    let start = text
        .lines()
        .nth(misspelt)
        .and_then(|l| l.find("on_tme"))
        .expect("the name");
    assert_eq!(
        result["diagnostics"],
        json!([{
            "lnum": misspelt, "col": start, "end_lnum": misspelt, "end_col": start + 6,
            "severity": 1, "code": "provisio::undefined_name",
            "message": "provision `art1` has no rule named `on_tme`: not defined\nhelp: did you mean `on_time`?",
        }])
    );
    assert!(
        // The policy does not check, so the type the checker infers is not
        // known: the hover shows the rest.
        result["hover"]
            .as_str()
            .is_some_and(|h| h.starts_with("```provisio\ndefine art1.on_time\n```")
                && h.contains("> A claim is on time if filed within 30 days of 1 March 2025.")),
        "{result}"
    );
    let declared = text
        .lines()
        .position(|l| l.contains("define on_time"))
        .expect("the definition");
    let declared_at = "  define ".len();
    assert_eq!(
        result["definition"],
        json!({"start": {"line": declared, "character": declared_at}, "end": {"line": declared, "character": declared_at + 7}})
    );
    assert_eq!(result["cursor"], json!([declared, declared_at]));
}
