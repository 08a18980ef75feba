//! `healthlint check`: walk (or read stdin), find each file's config, lint in parallel, apply the
//! baseline, report, choose the exit code.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use super::ahead::Ahead;
use super::{exit, files, output, CheckArgs, ColorChoice, FailOn};
use crate::baseline::{self, Baseline};
use crate::config::{self, ConfigError, Discovery, Policy};
use crate::diagnostic::Severity;
use crate::lint::{Linter, Session};
use crate::report::{self, FileReport, Format, HumanOptions, Outcome, Summary};
use crate::source::{self, ByteSize, FileKind, SourceFile};
use crate::walk;

/// The path that means "read standard input", as in most Unix tools.
const STDIN_PATH: &str = "-";

/// How text read from stdin is named when `--stdin-filename` is not given.
const STDIN_NAME: &str = "<stdin>";

/// The rules, severities and allowed phrases that apply to one path.
type PolicyFor<'a> = dyn Fn(&Path) -> Arc<Policy> + Sync + 'a;

/// The size limit that applies to one path.
type LimitFor<'a> = dyn Fn(&Path) -> ByteSize + Sync + 'a;

/// How each file of the run is read and linted.
struct How<'a> {
    policy_for: &'a PolicyFor<'a>,
    limit_for: &'a LimitFor<'a>,
    /// Block trees parsed during start-up.
    ahead: &'a Ahead,
}

pub fn run(mut args: CheckArgs) -> io::Result<u8> {
    let started = Instant::now();
    // `--threads 1` means one thread throughout.
    if args.threads.is_none_or(|n| n.get() > 1) && !only_empty_files(&args) {
        crate::lint::warm_up(few_named_files(&args));
    }
    check_statistics_format(&args)?;
    let reads_stdin = reads_stdin(&args)?;
    if let Some(list) = &args.files_from {
        if reads_stdin && list.as_os_str() == STDIN_PATH {
            return Err(usage(
                "--files-from - and `-` both want standard input; use one",
            ));
        }
        let listed = files::read_list(list)?;
        args.paths.extend(listed);
    } else if args.paths.is_empty() {
        args.paths.push(PathBuf::from("."));
    }
    if reads_stdin && args.shard.is_some() {
        return Err(usage("--shard splits files; it cannot be used with `-`"));
    }
    let discovery = match Discovery::new(args.rules.source()) {
        Ok(discovery) => Arc::new(discovery),
        Err(e) => return Ok(config_error(&e, args.color)),
    };
    if reads_stdin && args.force_exclude {
        if let Some(name) = &args.stdin_filename {
            if discovery.is_excluded(name, false) {
                // Excluded, as a file of that name on disk would be: editors pipe every buffer
                // through, and must get no findings for a path the project leaves out.
                io::copy(&mut io::stdin().lock(), &mut io::sink())?;
                return Ok(exit::CLEAN);
            }
        }
    }
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::load(path).map_err(io::Error::other)?),
        None => None,
    };
    let (files, walk_errors) = if reads_stdin {
        // The stdin document takes its config from where its name says it lives.
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
        (vec![name], Vec::new())
    } else {
        let exclude: walk::Exclude = {
            let discovery = Arc::clone(&discovery);
            Arc::new(move |path, is_dir| discovery.is_excluded(path, is_dir))
        };
        let (mut files, mut errors) = walk::collect(&args.paths, &exclude, args.force_exclude);
        if let Some(shard) = args.shard {
            files.retain(|f| shard.contains(&display_path(f)));
            errors.retain(|e| shard.contains(&display_path(&e.path)));
        }
        (files, errors)
    };
    let threads = args.threads.map_or_else(default_threads, NonZeroUsize::get);
    // The stdin document is not on disk to be read ahead.
    let ahead = Ahead::start(if reads_stdin { &[] } else { &files }, threads);
    let cli = args.rules.command_line();
    let (rules, resolver) = match config::prepare(&discovery, &files, &cli) {
        Ok(prepared) => prepared,
        Err(e) => return Ok(config_error(&e, args.color)),
    };
    let facts = match config::facts::facts(resolver.configs(), args.online) {
        Ok(facts) => facts,
        Err(e) => return Ok(config_error(&e, args.color)),
    };
    // Never over an input or a config: `-o article.md` would replace the article.
    let protected: Vec<PathBuf> = (files.iter().cloned())
        .chain(resolver.configs().map(|c| c.path.clone()))
        .chain(args.baseline.clone())
        .collect();
    if let Some(target) = &args.output {
        output::refuse_protected("-o", target, &protected)?;
    }
    if let Some(target) = &args.write_baseline {
        output::refuse_protected("--write-baseline", target, &protected)?;
    }
    let mut linter = Linter::new(rules)
        .with_sources(resolver.source_tiers())
        .with_facts(facts);
    if let Some(lexicon) = resolver.lexicon() {
        linter = linter.with_lexicon(lexicon);
    }
    let policy_for = |path: &Path| resolver.policy(discovery.config_for(path), path);
    // The flag wins over the config governing the file, which wins over the default.
    let limit_for = |path: &Path| {
        (args.max_file_size)
            .or_else(|| resolver.max_file_size(discovery.config_for(path)))
            .unwrap_or(ByteSize::DEFAULT)
    };
    // A report written to a file is never coloured; errors writing it name the file. It is
    // written whole or not at all: a failed run leaves an earlier report intact.
    let mut file = match (&args.output, &args.write_baseline) {
        (Some(path), None) => Some(output::Atomic::create(path).map_err(|e| annotate(e, path))?),
        _ => None,
    };
    let (mut stdout, mut nowhere) = (io::BufWriter::new(io::stdout().lock()), io::sink());
    let (out, color): (&mut dyn Write, bool) = match (&mut file, &args.write_baseline) {
        (_, Some(_)) => (&mut nowhere, false),
        (Some(file), None) => (file, false),
        (None, None) => (&mut stdout, use_color(args.color)),
    };
    let human = HumanOptions {
        color,
        width: super::terminal::width(),
        show_timing: true,
        quiet: args.quiet,
    };
    let mut sink = Sink {
        writer: report::Writer::new(&mut *out, args.format, human, linter.rules())
            .with_statistics(args.statistics),
        summary: Summary::default(),
        baseline: baseline.as_ref().map(Baseline::remaining),
        recording: args.write_baseline.as_ref().map(|_| Baseline::default()),
        unreadable: Vec::new(),
    };
    let written = if reads_stdin {
        sink.take(lint_stdin(
            &linter,
            args.stdin_filename.as_deref(),
            &policy_for,
            &limit_for,
        ))
    } else {
        let mut work: Vec<Work> = files.into_iter().map(Work::Lint).collect();
        work.extend(walk_errors.into_iter().map(|e| {
            Work::Done(FileReport {
                path: display_path(&e.path),
                outcome: Outcome::Failed { message: e.message },
            })
        }));
        // Output is in path order, whatever order the threads finish in.
        work.sort_by_cached_key(Work::path);
        let how = How {
            policy_for: &policy_for,
            limit_for: &limit_for,
            ahead: &ahead,
        };
        lint_files(&linter, &work, threads, &how, &mut |r| sink.take(r))
    };
    // Once, whatever the format: the report itself stays a report of the files.
    if let Some(notice) = linter.facts().online.as_ref().and_then(|o| o.notice()) {
        eprintln!("healthlint: {notice}");
    }
    let Sink {
        writer,
        mut summary,
        recording,
        unreadable,
        ..
    } = sink;
    if let (Some(path), Some(recorded)) = (&args.write_baseline, recording) {
        return write_baseline(path, &recorded, &unreadable);
    }
    let write_error = |e: io::Error| match &args.output {
        Some(path) => annotate(e, path),
        None => e,
    };
    written.map_err(write_error)?;
    summary.elapsed = started.elapsed();
    writer
        .finish(&summary)
        .and_then(|()| out.flush())
        .map_err(write_error)?;
    if let Some(file) = file {
        file.commit().map_err(write_error)?;
    }
    // The run is over: freeing the compiled rules piece by piece would only delay the exit
    // (by a twentieth of the work of a one-file run), as the process hands it all back at once.
    std::mem::forget(linter);
    Ok(exit_code(&summary, args.fail_on, args.exit_zero))
}

/// Where each file's report goes as it finishes: the baseline (applied or recorded), the
/// totals, and the reporter.
struct Sink<'a> {
    writer: report::Writer<'a>,
    summary: Summary,
    /// `--baseline`: what is left of it to absorb findings.
    baseline: Option<baseline::Remaining>,
    /// `--write-baseline`: the findings recorded so far; nothing is reported.
    recording: Option<Baseline>,
    /// Files that could not be read, as `error: path: message` lines.
    unreadable: Vec<String>,
}

impl Sink<'_> {
    fn take(&mut self, mut report: FileReport) -> io::Result<()> {
        if let Outcome::Failed { message } = &report.outcome {
            self.unreadable
                .push(format!("error: {}: {message}", report.path));
        }
        if let Some(recording) = &mut self.recording {
            recording.add(&report);
            return Ok(());
        }
        if let Some(left) = &mut self.baseline {
            self.summary.baselined += left.apply(&mut report);
        }
        self.summary.add(&report);
        self.writer.file(report)
    }
}

/// One entry of the run, in output order: a file to lint, or one the walk could not read.
enum Work {
    Lint(PathBuf),
    Done(FileReport),
}

impl Work {
    fn path(&self) -> String {
        match self {
            Work::Lint(path) => display_path(path),
            Work::Done(report) => report.path.clone(),
        }
    }
}

/// Whether the run's paths are all files with nothing in them (an editor's new buffer): they
/// need nothing that [`crate::lint::warm_up`] builds, which would only take the other core.
fn only_empty_files(args: &CheckArgs) -> bool {
    let empty = |path: &PathBuf| std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0);
    args.files_from.is_none() && !args.paths.is_empty() && args.paths.iter().all(empty)
}

/// The run's paths, when they are a few regular files (a hook, an editor's save: as few as
/// [`Ahead::start`] parses ahead), whose text the warm-up reads to compile only what it needs.
fn few_named_files(args: &CheckArgs) -> Option<Vec<PathBuf>> {
    let threads = args.threads.map_or_else(default_threads, NonZeroUsize::get);
    let file = |path: &PathBuf| std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let few = !args.paths.is_empty() && threads >= 2 * args.paths.len();
    (args.files_from.is_none() && few && args.paths.iter().all(file)).then(|| args.paths.clone())
}

/// One thread per core.
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(2, NonZeroUsize::get)
}

/// `--statistics` is a table, or JSON with `--format json`; SARIF and GitHub annotations have no
/// place for it.
fn check_statistics_format(args: &CheckArgs) -> io::Result<()> {
    if args.statistics && matches!(args.format, Format::Sarif | Format::Github) {
        return Err(usage(
            "--statistics prints a table (or JSON with --format json), not SARIF or GitHub annotations",
        ));
    }
    Ok(())
}

/// Whether the input is stdin; `-` must then be the only path, and `--stdin-filename` is only
/// meaningful with it (silently ignoring either would lint something the user did not mean).
fn reads_stdin(args: &CheckArgs) -> io::Result<bool> {
    let dash = args.paths.iter().any(|p| p.as_os_str() == STDIN_PATH);
    if dash && args.paths.len() > 1 {
        return Err(usage(
            "`-` (standard input) cannot be combined with other paths",
        ));
    }
    if !dash && args.stdin_filename.is_some() {
        return Err(usage(
            "--stdin-filename needs `-` as the path to read standard input",
        ));
    }
    Ok(dash)
}

fn usage(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// Names the file in an I/O error, which otherwise says only "No such file or directory".
fn annotate(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("could not write {}: {error}", path.display()),
    )
}

/// Lints the document on stdin. Its name (and so Markdown or text) comes from
/// `--stdin-filename`; without one it is `<stdin>` and Markdown, the format most health content
/// piped from an editor or CMS is in.
fn lint_stdin(
    linter: &Linter,
    name: Option<&Path>,
    policy_for: &PolicyFor<'_>,
    limit_for: &LimitFor<'_>,
) -> FileReport {
    let (path, kind) = match name {
        Some(name) => (display_path(name), FileKind::from_path(name)),
        None => (STDIN_NAME.to_string(), FileKind::Markdown),
    };
    let limit = limit_for(Path::new(&path));
    let text = source::read_at_most(io::stdin().lock(), limit).and_then(source::decode);
    let outcome = match text {
        Ok(text) => {
            let file = SourceFile::new(&path, kind, text);
            let policy = policy_for(Path::new(&path));
            lint_contained(linter, &mut linter.session(), file, &policy)
        }
        Err(e) => Outcome::Failed {
            message: e.to_string(),
        },
    };
    FileReport { path, outcome }
}

/// `--write-baseline`: writes the recorded findings and prints only a confirmation on stderr.
/// A file that could not be read would leave a silent hole in the baseline, so it fails the run
/// instead.
fn write_baseline(path: &Path, baseline: &Baseline, unreadable: &[String]) -> io::Result<u8> {
    if !unreadable.is_empty() {
        eprintln!("{}", unreadable.join("\n"));
        eprintln!("error: baseline not written: some files could not be read");
        return Ok(exit::ERROR);
    }
    output::Atomic::create(path)
        .and_then(|mut file| {
            file.write_all(baseline.to_json().as_bytes())?;
            file.commit()
        })
        .map_err(|e| annotate(e, path))?;
    eprintln!(
        "healthlint: recorded {} finding{} in {}",
        baseline.len(),
        if baseline.len() == 1 { "" } else { "s" },
        path.display()
    );
    Ok(exit::CLEAN)
}

/// A config that cannot be used, drawn on stderr; the run stops with exit code 2.
pub(super) fn config_error(error: &ConfigError, color: ColorChoice) -> u8 {
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color_unset() && io::stderr().is_terminal(),
    };
    eprint!("{}", error.render(color));
    exit::ERROR
}

/// Reports a linting thread hands on at a time: waking the output thread for each file was a
/// twentieth of a corpus run in the kernel (perf), and a few files' reports are a few
/// milliseconds of linting.
const REPORTS_PER_SEND: usize = 16;

/// Lints `work` on `threads` threads, each with its own parsers, and hands each report to
/// `sink` in `work`'s order as soon as it and every report before it are done: output streams
/// while later files are still being linted, and only the few reports finished out of order
/// wait in memory.
fn lint_files(
    linter: &Linter,
    work: &[Work],
    threads: usize,
    how: &How<'_>,
    sink: &mut dyn FnMut(FileReport) -> io::Result<()>,
) -> io::Result<()> {
    let next = AtomicUsize::new(0);
    let (done, finished) = mpsc::channel::<Vec<(usize, FileReport)>>();
    let linting = threads.clamp(1, work.len().max(1));
    // Fewer files than threads (a hook's few changed files): each file uses two.
    let spare_core = threads >= 2 * linting;
    std::thread::scope(|scope| {
        for _ in 0..linting {
            let done = done.clone();
            let next = &next;
            scope.spawn(move || {
                let mut session = linter.session().with_spare_core(spare_core);
                let mut batch = Vec::with_capacity(REPORTS_PER_SEND);
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = work.get(index) else {
                        // A failed send means the output failed: nothing more is wanted.
                        let _ = done.send(batch);
                        return;
                    };
                    let report = match item {
                        Work::Done(report) => report.clone(),
                        Work::Lint(path) => FileReport {
                            path: display_path(path),
                            outcome: match source::read(path, (how.limit_for)(path)) {
                                Ok(file) => {
                                    if let Some(tree) = how.ahead.take(path) {
                                        session.use_block_tree(tree);
                                    }
                                    let policy = (how.policy_for)(path);
                                    lint_contained(linter, &mut session, file, &policy)
                                }
                                Err(e) => Outcome::Failed {
                                    message: e.to_string(),
                                },
                            },
                        },
                    };
                    batch.push((index, report));
                    if batch.len() == REPORTS_PER_SEND {
                        let full =
                            std::mem::replace(&mut batch, Vec::with_capacity(REPORTS_PER_SEND));
                        if done.send(full).is_err() {
                            // The output failed; nothing more is wanted.
                            return;
                        }
                    }
                }
            });
        }
        drop(done);
        in_order(finished.into_iter().flatten(), sink)
    })
}

/// Hands items arriving as `(index, item)` in any order to `sink` in index order, each as soon
/// as every item before it has arrived.
fn in_order<T>(
    arrivals: impl IntoIterator<Item = (usize, T)>,
    sink: &mut dyn FnMut(T) -> io::Result<()>,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut wanted = 0;
    for (index, item) in arrivals {
        waiting.insert(index, item);
        while let Some(item) = waiting.remove(&wanted) {
            sink(item)?;
            wanted += 1;
        }
    }
    Ok(())
}

/// Lints one file; a panic (a bug, never meant to happen) fails only this file, reported as an
/// error naming it, so the other files are still linted and the run exits 2. The session is
/// replaced, since a panic may have left its parsers mid-parse.
fn lint_contained<'a>(
    linter: &'a Linter,
    session: &mut Session<'a>,
    file: SourceFile,
    policy: &Policy,
) -> Outcome {
    match contained(|| session.lint_with(&file, policy)) {
        Ok(findings) => Outcome::Linted {
            findings,
            source: file,
        },
        Err(why) => {
            *session = linter.session().with_spare_core(session.spare_core());
            Outcome::Failed {
                message: format!(
                    "internal error: linting this file panicked ({why}); please report it"
                ),
            }
        }
    }
}

/// Runs `lint`, turning a panic into its message.
fn contained<T>(lint: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(lint)).map_err(|payload| {
        (payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string())
    })
}

/// 2 if a file could not be read (whatever `--exit-zero` says: the run is incomplete), else 1 if
/// a shown finding reaches `--fail-on`, else 0.
fn exit_code(summary: &Summary, fail_on: FailOn, exit_zero: bool) -> u8 {
    if summary.unreadable > 0 {
        return exit::ERROR;
    }
    let failing = match fail_on.threshold() {
        None => 0,
        Some(Severity::Error) => summary.errors,
        Some(Severity::Warning) => summary.errors + summary.warnings,
        Some(Severity::Info) => summary.errors + summary.warnings + summary.infos,
    };
    if failing > 0 && !exit_zero {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color_unset() && io::stdout().is_terminal(),
    }
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Paths as users typed them, with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown.strip_prefix("./").unwrap_or(&shown).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn items_are_handed_on_in_order_as_soon_as_their_turn_comes() {
        let log = RefCell::new(Vec::new());
        let arrivals = [(0, "a"), (2, "c"), (3, "d"), (1, "b")]
            .into_iter()
            .inspect(|(_, item)| log.borrow_mut().push(format!("arrived {item}")));
        in_order(arrivals, &mut |item| {
            log.borrow_mut().push(format!("handed {item}"));
            Ok(())
        })
        .ok();
        assert_eq!(
            log.into_inner(),
            [
                "arrived a",
                "handed a",
                "arrived c",
                "arrived d",
                "arrived b",
                "handed b",
                "handed c",
                "handed d"
            ]
        );
    }

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(contained(|| 7), Ok(7));
        let index = 10;
        let failed = contained(|| [1, 2][index % 4]);
        assert!(failed.unwrap_err().contains("index out of bounds"));
        assert_eq!(
            contained(|| -> u8 { panic!("fixed text") }),
            Err("fixed text".to_string())
        );
    }
}
