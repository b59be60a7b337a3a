//! Every recorded provider answer in tests/fixtures/providers/<id>/<case>.json is read as its
//! `<case>.expect.json` says (answer, detail, archived). A new case is two new files.
#![cfg(not(target_arch = "wasm32"))]

use explain502::downcheck::{Fetched, Provider};
use std::path::Path;

fn provider(id: &str, case: &Path) -> Provider {
    match id {
        "statuspage" => Provider::Statuspage,
        "isitup" => Provider::Isitup,
        "wayback" => Provider::Wayback,
        "explain502" => Provider::Explain502,
        "custom" => Provider::Custom {
            pointer: std::fs::read_to_string(case.with_extension("pointer"))
                .expect("custom cases name their pointer in <case>.pointer"),
        },
        other => panic!("no provider {other}"),
    }
}

#[test]
fn recorded_answers_read_as_expected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/providers");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for dir in std::fs::read_dir(&root).expect("fixtures") {
        let dir = dir.unwrap().path();
        let id = dir.file_name().unwrap().to_str().unwrap().to_string();
        assert!(dir.join("SOURCE.md").is_file(), "{id} has no SOURCE.md");
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            if !name.ends_with(".json") || name.ends_with(".expect.json") {
                continue;
            }
            let body = std::fs::read_to_string(&path).unwrap();
            let expect: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(path.with_extension("expect.json")).unwrap(),
            )
            .unwrap();
            let reading = provider(&id, &path).read(Fetched::Answered {
                status: 200,
                body: &body,
            });
            let got = serde_json::json!({
                "answer": reading.answer,
                "detail": reading.detail,
                "archived": reading.archived,
            });
            if got != expect {
                wrong.push(format!("{id}/{name}:\n  got  {got}\n  want {expect}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} fixtures found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn request_urls_come_from_the_configured_base() {
    let target = "https://Shop.example/cart?id=1";
    let cases: [(Provider, &str, Option<&str>); 8] = [
        (Provider::Statuspage, "http://127.0.0.1:9/", Some("http://127.0.0.1:9/api/v2/summary.json")),
        (Provider::Isitup, "http://127.0.0.1:9", Some("http://127.0.0.1:9/shop.example.json")),
        (
            Provider::Wayback,
            "http://127.0.0.1:9",
            Some("http://127.0.0.1:9/wayback/available?url=https%3A%2F%2FShop.example%2Fcart%3Fid%3D1"),
        ),
        (
            Provider::Explain502,
            "http://127.0.0.1:9",
            Some("http://127.0.0.1:9/api/check?url=https%3A%2F%2FShop.example%2Fcart%3Fid%3D1"),
        ),
        (
            Provider::Custom { pointer: "/up".into() },
            "http://127.0.0.1:9/health?site={host}",
            Some("http://127.0.0.1:9/health?site=shop.example"),
        ),
        (
            Provider::Direct { online: true, site_status: None },
            "http://127.0.0.1:9/ping",
            Some("http://127.0.0.1:9/ping"),
        ),
        // A base that is not http(s) is never fetched.
        (Provider::Statuspage, "javascript:alert(1)//", None),
        (Provider::Isitup, "file:///etc/passwd", None),
    ];
    for (provider, base, want) in cases {
        assert_eq!(
            provider.request_url(base, target).as_deref(),
            want,
            "{provider:?}"
        );
    }
    assert_eq!(
        Provider::Isitup.request_url("http://127.0.0.1:9", "javascript:x"),
        None
    );
}
