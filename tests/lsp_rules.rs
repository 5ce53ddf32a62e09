//! `provisio lsp` over every bundled policy, in process: no diagnostics
//! (they all check), and at every name the server finds, a definition whose
//! name is the one written there (in the used file, for a name of a policy
//! it uses), a hover, and references that include it.

use lsp_server::{Notification, Request, RequestId};
use provisio::lsp::Server;
use serde_json::{Value, json};

fn policies(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(folder)
        .expect("a folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            policies(&path, found);
        } else if path.extension().is_some_and(|e| e == "policy") {
            found.push(path);
        }
    }
}

fn ask(server: &mut Server, method: &str, params: Value) -> Value {
    let response = server.request(Request::new(RequestId::from(1), method.to_string(), params));
    match response.response_result {
        Ok(result) => result,
        Err(error) => panic!("{method}: {error:?}"),
    }
}

#[test]
fn every_name_in_every_bundled_policy_resolves_to_its_declaration() {
    let mut found = Vec::new();
    policies(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &mut found,
    );
    assert!(found.len() >= 10, "{found:?}");
    let mut names = 0;
    let mut used = 0;
    for path in found {
        let text = std::fs::read_to_string(&path).expect("the policy reads");
        let uri = provisio::lsp::documents::path_uri(&path).expect("a URI");
        let mut server = Server::default();
        let published = server.notification(Notification::new(
            "textDocument/didOpen".to_string(),
            json!({"textDocument": {"uri": uri.as_str(), "languageId": "provisio", "version": 1, "text": text}}),
        ));
        let diagnostics = &published[0].params["diagnostics"];
        let errors: Vec<&Value> = diagnostics
            .as_array()
            .expect("a list")
            .iter()
            .filter(|d| d["severity"] == 1)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let document = server.documents.get(&uri).expect("open");
        assert!(document.index_current, "{}", path.display());
        let occurrences: Vec<_> = document.index.occurrences.clone();
        let lines = document.lines.clone();
        for occurrence in occurrences {
            names += 1;
            let written = &text[occurrence.span.start..occurrence.span.end];
            let position = lines.position(&text, occurrence.span.start + 1);
            let at = json!({"textDocument": {"uri": uri.as_str()}, "position": position});
            let where_ = format!(
                "{}:{}:{} `{written}`",
                path.display(),
                position.line + 1,
                position.character + 1
            );
            let definition = ask(&mut server, "textDocument/definition", at.clone());
            // A name of a used policy is declared in that file.
            let (home_text, home_lines) = if definition["uri"] == json!(uri.as_str()) {
                (text.clone(), lines.clone())
            } else {
                used += 1;
                let home: lsp_types::Uri = serde_json::from_value(definition["uri"].clone())
                    .unwrap_or_else(|e| panic!("{where_}: {definition}: {e}"));
                let home = provisio::lsp::documents::uri_path(&home).expect("a path");
                let home_text = std::fs::read_to_string(&home).expect("the used file reads");
                let home_lines = provisio::lsp::lines::LineIndex::new(&home_text);
                (home_text, home_lines)
            };
            let start = home_lines.offset(
                &home_text,
                serde_json::from_value(definition["range"]["start"].clone()).expect("a position"),
            );
            let end = home_lines.offset(
                &home_text,
                serde_json::from_value(definition["range"]["end"].clone()).expect("a position"),
            );
            let declared = start.zip(end).map(|(s, e)| &home_text[s..e]);
            assert_eq!(declared, Some(written), "{where_}");
            let hover = ask(&mut server, "textDocument/hover", at.clone());
            assert!(
                hover["contents"]["value"]
                    .as_str()
                    .is_some_and(|v| !v.is_empty()),
                "{where_}: {hover}"
            );
            let mut with_context = at.clone();
            with_context["context"] = json!({"includeDeclaration": true});
            let references = ask(&mut server, "textDocument/references", with_context);
            let range = json!({"uri": uri.as_str(), "range": lines.range(&text, occurrence.span)});
            assert!(
                references.as_array().is_some_and(|r| r.contains(&range)),
                "{where_}"
            );
        }
        let outline = ask(
            &mut server,
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri.as_str()}}),
        );
        assert!(
            outline.as_array().is_some_and(|o| !o.is_empty()),
            "{}",
            path.display()
        );
    }
    assert!(names > 1000, "only {names} names");
    // The chain of the moratorium's instruments names their rules.
    assert!(used > 20, "only {used} names of used policies");
}

#[test]
fn the_decision_s_rules_are_found_across_provisions_and_verdicts() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/wto/mc13-ecommerce.policy");
    let text = std::fs::read_to_string(&path).expect("the decision reads");
    let uri = "file:///rules/wto/mc13-ecommerce.policy";
    let mut server = Server::default();
    server.notification(Notification::new(
        "textDocument/didOpen".to_string(),
        json!({"textDocument": {"uri": uri, "languageId": "provisio", "version": 1, "text": text}}),
    ));
    let document = server
        .documents
        .get(&uri.parse().expect("a URI"))
        .expect("open");
    let symbol = document
        .index
        .symbol("para5.work_programme_active")
        .expect("declared");
    let uses = document
        .index
        .occurrences
        .iter()
        .filter(|o| document.index.symbols[o.symbol].key == symbol.key)
        .count();
    // Declared once, read by the commitments of paragraphs 1 to 4 and others.
    assert!(uses >= 5, "{uses}");
}
