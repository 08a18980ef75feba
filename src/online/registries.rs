//! One lookup per kind of identifier, and how each registry's answer is read.
//!
//! * DOI: doi.org's handle API (`/api/handles/{doi}`) says whether it exists; Crossref's
//!   `/works/{doi}` gives the title and `updated-by` notices (retractions, withdrawals,
//!   expressions of concern; Retraction Watch's among them since 2025). A DOI that exists but
//!   is not Crossref's (DataCite, mEDRA) has no title to compare.
//! * PMID, PMCID: E-utilities `esummary` (`db=pubmed`, `db=pmc`); PubMed's publication type
//!   "Retracted Publication" is its retraction flag.
//! * NCT: ClinicalTrials.gov API v2, `/studies/{nct}`.

use serde_json::Value;

use super::http::{encode, Failure, Reply};
use super::{Lookup, Online, Record, Update};
use crate::factcheck::ids::Id;

pub fn resolve(online: &Online, id: &Id) -> Result<Lookup, Failure> {
    let s = &online.settings;
    match id {
        Id::Doi(doi) => {
            let doi = encode(doi);
            let handle = online.get(&format!("{}/api/handles/{doi}", base(&s.doi_url)))?;
            match handle {
                Reply::NotFound => return Ok(Lookup::Missing),
                Reply::Json(v) if v["responseCode"] != 1 => return Ok(Lookup::Missing),
                Reply::Json(_) => {}
            }
            match online.get(&format!("{}/works/{doi}", base(&s.crossref_url)))? {
                Reply::NotFound => Ok(Lookup::Found(Record::default())),
                Reply::Json(v) => crossref(&v).map(Lookup::Found),
            }
        }
        Id::Pmid(pmid) => esummary(online, "pubmed", &pmid.to_string()),
        Id::Pmcid(pmcid) => esummary(online, "pmc", pmcid.trim_start_matches("PMC")),
        Id::Nct(nct) => {
            let url = format!(
                "{}/studies/{nct}?fields=protocolSection.identificationModule",
                base(&s.clinicaltrials_url)
            );
            match online.get(&url)? {
                Reply::NotFound => Ok(Lookup::Missing),
                Reply::Json(v) => {
                    let module = &v["protocolSection"]["identificationModule"];
                    let text = |k: &str| module[k].as_str().map(str::to_string);
                    if module["nctId"].as_str().is_none() {
                        return Err(unreadable("ClinicalTrials.gov", nct));
                    }
                    Ok(Lookup::Found(Record {
                        title: text("briefTitle"),
                        other_titles: text("officialTitle").into_iter().collect(),
                        update: None,
                    }))
                }
            }
        }
    }
}

fn base(url: &str) -> &str {
    url.trim_end_matches('/')
}

fn unreadable(registry: &str, id: &str) -> Failure {
    Failure::Unreadable(format!(
        "{registry} answered about {id} in an unexpected form"
    ))
}

/// A Crossref work: `message.title[0]` and the first retraction-like `updated-by` entry.
fn crossref(v: &Value) -> Result<Record, Failure> {
    let message = v.get("message").filter(|m| m.is_object());
    let message = message.ok_or_else(|| unreadable("Crossref", "a DOI"))?;
    let title = message["title"][0].as_str().map(clean);
    let update = message["updated-by"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|u| {
            let kind = u["type"].as_str()?.to_ascii_lowercase().replace('-', "_");
            let concern = match kind.as_str() {
                "retraction" | "withdrawal" | "removal" => false,
                "expression_of_concern" => true,
                _ => return None,
            };
            Some(Update {
                concern,
                notice: u["DOI"].as_str().map(str::to_lowercase),
                registry: "Crossref".into(),
            })
        });
    Ok(Record {
        title,
        other_titles: Vec::new(),
        update,
    })
}

/// An E-utilities summary: `result[id]` holds the record, or an `error` when there is none.
fn esummary(online: &Online, db: &str, id: &str) -> Result<Lookup, Failure> {
    let url = format!(
        "{}/esummary.fcgi?db={db}&id={id}&retmode=json",
        base(&online.settings.eutils_url)
    );
    let Reply::Json(v) = online.get(&url)? else {
        return Ok(Lookup::Missing);
    };
    let record = &v["result"][id];
    if !record.is_object() {
        return Err(unreadable("E-utilities", id));
    }
    if record.get("error").is_some() {
        return Ok(Lookup::Missing);
    }
    let retracted = record["pubtype"]
        .as_array()
        .is_some_and(|types| types.iter().any(|t| t == "Retracted Publication"));
    Ok(Lookup::Found(Record {
        title: record["title"].as_str().map(clean),
        other_titles: Vec::new(),
        update: retracted.then(|| Update {
            concern: false,
            notice: None,
            registry: "PubMed".into(),
        }),
    }))
}

/// A title without markup (Crossref titles may carry `<i>`) and runs of white space.
fn clean(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut in_tag = false;
    for c in title.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossref_records() {
        let v: Value = serde_json::from_str(
            r#"{"message":{"title":["Effect of <i>X</i>  on Y"],"updated-by":[
                {"type":"correction","DOI":"10.1/c"},
                {"type":"retraction","DOI":"10.1/R","source":"retraction-watch"}]}}"#,
        )
        .unwrap();
        let record = crossref(&v).unwrap();
        assert_eq!(record.title.as_deref(), Some("Effect of X on Y"));
        let update = record.update.unwrap();
        assert!(!update.concern);
        assert_eq!(update.notice.as_deref(), Some("10.1/r"));
        assert!(crossref(&serde_json::json!({"status": "ok"})).is_err());
    }
}
