//! JSON Schemas for `healthlint.toml` and for rule packs, generated from the Rust types that
//! read them (so they cannot drift from what the loader accepts), committed under `schemas/`
//! for editors (taplo's `#:schema` directive, Even Better TOML), and checked against the
//! configs and packs the repository ships.

use std::fs;
use std::path::{Path, PathBuf};

use healthlint::config::Settings;
use healthlint::rules::pack::PackFile;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

const CONFIG_SCHEMA: &str = "schemas/healthlint.schema.json";
const PACK_SCHEMA: &str = "schemas/pack.schema.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Draft-07, the draft editors' TOML tooling supports most widely.
fn generate<T: JsonSchema>(title: &str, description: &str) -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

fn fresh_schemas() -> [(&'static str, String); 2] {
    [
        (
            CONFIG_SCHEMA,
            generate::<Settings>(
                "healthlint.toml",
                "healthlint's project configuration (healthlint.toml or .healthlint.toml).",
            ),
        ),
        (
            PACK_SCHEMA,
            generate::<PackFile>(
                "healthlint rule pack",
                "A pack of healthlint rules: a [pack] table and [[rule]] entries.",
            ),
        ),
    ]
}

/// The committed schemas are what the types generate now. With `UPDATE_SCHEMAS=1` the test
/// rewrites them instead, so refreshing them after changing a config or pack type is one command.
#[test]
fn committed_schemas_are_up_to_date() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| !v.is_empty());
    for (relative, fresh) in fresh_schemas() {
        let path = root().join(relative);
        if update {
            fs::create_dir_all(path.parent().expect("schemas/")).expect("schemas/ is writable");
            // Write beside it and rename: the validation tests read the file concurrently.
            let tmp = path.with_extension("json.tmp");
            fs::write(&tmp, &fresh).unwrap_or_else(|e| panic!("{}: {e}", tmp.display()));
            fs::rename(&tmp, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            continue;
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{relative} is out of date with the Rust types; run \
             `UPDATE_SCHEMAS=1 cargo test --test integration schemas::` and commit the result"
        );
    }
}

/// A validator for a committed schema (which is itself checked against its meta-schema).
fn validator(relative: &str) -> jsonschema::Validator {
    let path = root().join(relative);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// A TOML file as the JSON value editors validate.
fn toml_as_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(table).expect("TOML converts to JSON")
}

/// The schema's complaints about one file, one line each.
fn errors(validator: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let instance = toml_as_json(path);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {} at {}", path.display(), e, e.instance_path()))
        .collect()
}

fn tomls_in(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            found.extend(tomls_in(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Whether a TOML file is a rule pack: it has a `[pack]` table (the other files in `lints/`
/// are data: lexicon, rates, sources).
fn is_pack(path: &Path) -> bool {
    toml_as_json(path).get("pack").is_some()
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == "healthlint.toml" || n == ".healthlint.toml")
        && !path.starts_with(root().join("lints"))
}

#[test]
fn every_pack_in_the_repository_matches_the_pack_schema() {
    let validator = validator(PACK_SCHEMA);
    let packs: Vec<PathBuf> = [root().join("lints"), root().join("examples")]
        .iter()
        .flat_map(|dir| tomls_in(dir))
        .filter(|path| is_pack(path))
        .collect();
    assert!(packs.len() > 10, "found only {packs:?}");
    let problems: Vec<String> = packs.iter().flat_map(|p| errors(&validator, p)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_example_config_matches_the_config_schema() {
    let validator = validator(CONFIG_SCHEMA);
    let configs: Vec<PathBuf> = (tomls_in(&root().join("examples")).into_iter())
        .filter(|path| is_config(path))
        .collect();
    assert!(!configs.is_empty(), "no example config found");
    let problems: Vec<String> = configs.iter().flat_map(|p| errors(&validator, p)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The schemas accept what the loader accepts and reject what it rejects, on a config using
/// every kind of key, and on the mistakes an editor should underline.
#[test]
fn the_config_schema_agrees_with_the_loader() {
    let validator = validator(CONFIG_SCHEMA);
    let good = r#"
select = ["hype", "absolutes/always-never"]
ignore = ["structure"]
enable-packs = ["regulatory"]
allow-phrases = ["clinically proven"]
front-matter-fields = ["teaser"]
packs = ["house.toml"]
exclude = ["drafts/"]
online = false
retractions = "retractions.csv"

[severity]
hype = "error"
"evidence/small-sample" = "info"

[sources]
low-credibility = ["example-wellness.com"]

[lexicon.agents]
product = ["glucorin"]

[lookups]
cache-days = 7
timeout-seconds = 2.5

[[overrides]]
files = ["news/**"]
ignore = ["citations"]
"#;
    let bad = [
        ("selekt = [\"hype\"]\n", "an unknown key"),
        ("[severity]\nhype = \"fatal\"\n", "an unknown severity"),
        (
            "[sources]\nmiddling = [\"example.com\"]\n",
            "an unknown source tier",
        ),
        (
            "[lexicon.agents]\ngadget = [\"x\"]\n",
            "an unknown agent class",
        ),
        ("online = \"yes\"\n", "a string for a boolean"),
    ];
    let check = |text: &str| {
        let loaded = Settings::parse(text).is_ok();
        let table: toml::Table = toml::from_str(text).expect("valid TOML");
        let valid = validator.is_valid(&serde_json::to_value(table).expect("JSON"));
        (loaded, valid)
    };
    assert_eq!(check(good), (true, true), "the full config");
    for (text, what) in bad {
        assert_eq!(check(text), (false, false), "{what}: {text}");
    }
}

#[test]
fn the_pack_schema_agrees_with_the_loader() {
    let validator = validator(PACK_SCHEMA);
    let pack = |rule_extra: &str| {
        format!(
            "[pack]\nname = \"house\"\ndescription = \"House style.\"\n\n[[rule]]\n\
             name = \"no-miracles\"\ncategory = \"hype\"\nseverity = \"warning\"\n\
             message = \"“{{match}}” oversells.\"\nhelp = \"Say what it does.\"\n\
             rationale = \"Readers trust it.\"\nreferences = []\npatterns = [\"miracle\"]\n\
             fire = [\"A {{{{miracle}}}} cure.\"]\nquiet = [\"No cure.\"]\n{rule_extra}"
        )
    };
    let check = |text: &str| {
        let loaded = toml::from_str::<PackFile>(text).is_ok();
        let table: toml::Table = toml::from_str(text).expect("valid TOML");
        let valid = validator.is_valid(&serde_json::to_value(table).expect("JSON"));
        (loaded, valid)
    };
    assert_eq!(check(&pack("")), (true, true), "a plain pack");
    assert_eq!(
        check(&pack(
            "scope = \"document\"\nclaim = { agents = [\"product\"] }\n"
        )),
        (true, true),
        "scope and a claim selector"
    );
    for (extra, what) in [
        ("pattern = [\"typo\"]\n", "an unknown key"),
        ("scope = \"chapter\"\n", "an unknown scope"),
        (
            "claim = { agents = [\"gadget\"] }\n",
            "an unknown agent class",
        ),
        ("contexts-ignored = [\"sarcasm\"]\n", "an unknown context"),
    ] {
        assert_eq!(check(&pack(extra)), (false, false), "{what}");
    }
    let no_rule_fields = "[pack]\nname = \"house\"\ndescription = \"x\"\n[[rule]]\nname = \"a\"\n";
    assert_eq!(
        check(no_rule_fields),
        (false, false),
        "a rule missing its fields"
    );
}
