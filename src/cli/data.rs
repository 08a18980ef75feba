//! `healthlint data`: which reference data the fact-checking rules use, where it comes from,
//! and how old it is; with the Retraction Watch tables and online settings the config adds.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::exit;
use crate::config::{self, Discovery, Source};
use crate::factcheck::{dates, journals, manifest, retractions};
use crate::online;

pub fn run(config: Option<PathBuf>, isolated: bool) -> io::Result<u8> {
    let source = match (config, isolated) {
        (_, true) => Source::Isolated,
        (Some(path), false) => Source::Fixed(path),
        (None, false) => Source::Nearest,
    };
    let facts = Discovery::new(source)
        .and_then(|d| {
            // The config that governs a file in the current directory.
            d.config_for(Path::new("healthlint-data"));
            d.finish(&[])
        })
        .and_then(|configs| config::facts::facts(configs.iter().map(|c| &**c), false));
    let facts = match facts {
        Ok(facts) => facts,
        Err(e) => {
            eprint!("{}", e.render(false));
            return Ok(exit::ERROR);
        }
    };
    let m = manifest::get();
    let mut out = io::stdout().lock();
    let age = |date: &str| dates::age(date).map_or(String::new(), |a| format!(", {a} old"));
    writeln!(out, "Compiled-in reference data")?;
    let (retracted, concerns) = retractions::builtin_counts();
    writeln!(out, "\n  retractions       {}", m.retractions.title)?;
    writeln!(
        out,
        "                    {retracted} retracted papers and {concerns} expressions of concern, by DOI"
    )?;
    writeln!(
        out,
        "                    as of {}{}",
        m.retractions.date,
        age(&m.retractions.date)
    )?;
    describe(&mut out, &m.retractions)?;
    writeln!(out, "\n  doi-prefixes      {}", m.doi_prefixes.title)?;
    writeln!(
        out,
        "                    {} prefixes, as of {}{}",
        m.doi_prefixes.rows,
        m.doi_prefixes.date,
        age(&m.doi_prefixes.date)
    )?;
    describe(&mut out, &m.doi_prefixes)?;
    writeln!(
        out,
        "\n  journals          Major medical journals and their DOI prefixes"
    )?;
    writeln!(
        out,
        "                    {} journals and families, hand-written (data/journals.toml)",
        journals::all().len()
    )?;
    writeln!(
        out,
        "\n  predatory         {} (off by default)",
        m.predatory.title
    )?;
    writeln!(
        out,
        "                    {} listed addresses and names, as of {}{}",
        m.predatory.rows,
        m.predatory.date,
        age(&m.predatory.date)
    )?;
    describe(&mut out, &m.predatory)?;

    writeln!(out, "\nFrom config")?;
    if facts.tables.is_empty() {
        writeln!(
            out,
            "\n  retractions       none (`retractions = \"retraction_watch.csv\"` adds a newer Retraction Watch CSV)"
        )?;
    }
    for table in &facts.tables {
        writeln!(out, "\n  retractions       {}", table.path.display())?;
        let latest = table.latest.as_deref().unwrap_or("unknown");
        writeln!(
            out,
            "                    {} papers retracted or of concern; latest notice {latest}{}",
            table.flagged,
            table.latest.as_deref().map_or(String::new(), age)
        )?;
        writeln!(out, "                    consulted before the compiled-in data; covers PMIDs, dates and reasons")?;
    }
    let (state, settings) = match &facts.online {
        Some(online) => ("on (`online = true`)", online.settings().clone()),
        None => (
            "off unless `--online` or `online = true`",
            online::Settings::default(),
        ),
    };
    let cache = (settings.cache_dir.as_ref()).map_or("nowhere".to_string(), |d| {
        d.join("lookups").display().to_string()
    });
    writeln!(out, "\n  online lookups    {state}")?;
    writeln!(
        out,
        "                    answers cached in {cache} for {} days",
        settings.cache_days
    )?;
    Ok(exit::CLEAN)
}

fn describe(out: &mut impl Write, set: &manifest::DataSet) -> io::Result<()> {
    writeln!(out, "                    source: {}", set.source)?;
    writeln!(out, "                    licence: {}", set.licence)
}
