//! `healthlint server`: a language server over stdio, so editors show findings as the writer
//! types, with the rule's explanation on hover and quick fixes.
//!
//! Built on `lsp-server` and `lsp-types` (rust-analyzer's scaffold, also ruff's): a synchronous
//! loop over a message channel, with no async runtime, which fits a server whose every job is
//! short CPU work. `tower-lsp` would bring tokio and an async trait for nothing we need.
//!
//! One thread handles every message in order. Edits are applied at once and linted after a
//! short pause in typing (`DEBOUNCE`), or at once on save and when the client pulls
//! diagnostics. Each open Markdown document keeps its parse in chunks that re-parse alone
//! ([`chunks`]) and a cache of each block's findings ([`memo`]), so a re-lint parses and lints
//! only what changed. A panic while linting one document is caught and logged to the client;
//! the server keeps serving.

mod actions;
pub mod chunks;
mod diagnostics;
mod document;
mod hover;
pub mod memo;
mod position;
mod setup;
mod transport;
mod uri;

use std::collections::{HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, Diagnostic,
    DiagnosticOptions, DiagnosticServerCapabilities, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentDiagnosticParams, DocumentDiagnosticReport,
    DocumentDiagnosticReportResult, ExecuteCommandOptions, ExecuteCommandParams, FileSystemWatcher,
    FullDocumentDiagnosticReport, GlobPattern, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, LogMessageParams, MessageType, PublishDiagnosticsParams,
    Registration, RegistrationParams, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, ServerCapabilities, ServerInfo, ShowDocumentParams,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, UnchangedDocumentDiagnosticReport, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use self::chunks::{Chunks, Parse};
use self::document::Document;
use self::memo::Memo;
use self::position::Encoding;
use self::setup::{ClientSettings, Problem, Setup};
use crate::config::discover::absolute;
use crate::parse::{parse_plain, Fields, MarkdownParser};
use crate::source::{size, FileKind, SourceFile};

/// How long typing must pause before a changed document is linted.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Set to a string in the environment, makes linting any document that contains it panic:
/// how the tests check that a panic is caught, logged and survived.
const PANIC_FOR_TESTS: &str = "HEALTHLINT_SERVER_TEST_PANIC";

/// Runs the server on stdin and stdout until the client says `exit`; returns the exit code
/// the protocol asks for (0 after a `shutdown` request, 1 without).
pub fn run() -> std::io::Result<u8> {
    let (connection, threads) = transport::stdio();
    let code = match Server::start(&connection) {
        Some(mut server) => server.serve(),
        None => 1,
    };
    drop(connection);
    threads.join();
    Ok(code)
}

/// A request failure to answer with.
struct Failure(ErrorCode, String);

impl Failure {
    fn params(message: impl Into<String>) -> Failure {
        Failure(ErrorCode::InvalidParams, message.into())
    }
}

/// What the client can do, learnt from `initialize`.
struct Client {
    encoding: Encoding,
    /// Push diagnostics (`textDocument/publishDiagnostics`): for clients that do not pull.
    push: bool,
    /// The client re-pulls diagnostics when asked (`workspace/diagnostic/refresh`).
    refresh: bool,
    /// The client lets the server register file watchers.
    watch: bool,
    /// Workspace folders, for documents with no file of their own.
    roots: Vec<PathBuf>,
}

struct Server<'c> {
    connection: &'c Connection,
    client: Client,
    settings: ClientSettings,
    setup: Setup,
    /// Bumped whenever the configuration changes, so pulled result ids change with it.
    generation: u32,
    documents: HashMap<Uri, Document>,
    /// Documents changed and not yet linted, with when to lint them.
    due: HashMap<Uri, Instant>,
    /// Config files with an error diagnostic published on them.
    broken_configs: HashSet<Uri>,
    next_id: i32,
    /// One parser for every document: the server lints one document at a time.
    markdown: MarkdownParser,
    panic_marker: Option<String>,
    shut_down: bool,
}

impl<'c> Server<'c> {
    /// Answers messages until `initialize` arrives, then answers it. `None` when the client
    /// leaves first.
    fn start(connection: &'c Connection) -> Option<Server<'c>> {
        loop {
            match connection.receiver.recv().ok()? {
                Message::Request(request) if request.method == "initialize" => {
                    // `lsp-types` has no field for the refresh capability: read it here.
                    let refresh = (request.params)
                        .pointer("/capabilities/workspace/diagnostics/refreshSupport")
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    match serde_json::from_value::<InitializeParams>(request.params) {
                        Ok(params) => {
                            return Some(Server::initialize(
                                connection, request.id, params, refresh,
                            ))
                        }
                        Err(e) => {
                            let why = format!("invalid params: {e}");
                            respond_error(connection, request.id, ErrorCode::InvalidParams, &why)
                        }
                    }
                }
                Message::Request(request) => respond_error(
                    connection,
                    request.id,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet",
                ),
                Message::Notification(n) if n.method == "exit" => return None,
                Message::Notification(_) | Message::Response(_) => {}
            }
        }
    }

    fn initialize(
        connection: &'c Connection,
        id: RequestId,
        params: InitializeParams,
        refresh: bool,
    ) -> Server<'c> {
        let capabilities = &params.capabilities;
        let encoding = Encoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let pull = capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let workspace = capabilities.workspace.as_ref();
        let watch = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)] // `root_uri` is what older clients send
        let roots: Vec<PathBuf> = match &params.workspace_folders {
            Some(folders) => folders
                .iter()
                .filter_map(|f| uri::to_path(&f.uri))
                .collect(),
            None => params.root_uri.iter().filter_map(uri::to_path).collect(),
        };
        let client = Client {
            encoding,
            push: !pull,
            refresh,
            watch,
            roots,
        };
        let options = params.initialization_options.unwrap_or(Value::Null);
        let (settings, settings_error) = match ClientSettings::from_value(&options) {
            Ok(settings) => (settings, None),
            Err(e) => (ClientSettings::default(), Some(e)),
        };
        let (setup, problem) = match Setup::build(&[], &settings) {
            Ok(setup) => (setup, None),
            Err(problem) => (fallback_setup(), Some(problem)),
        };
        let result = InitializeResult {
            capabilities: capabilities_for(encoding),
            server_info: Some(ServerInfo {
                name: "healthlint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        respond(connection, id, Ok(json!(result)));
        let mut server = Server {
            connection,
            client,
            settings,
            setup,
            generation: 0,
            documents: HashMap::new(),
            due: HashMap::new(),
            broken_configs: HashSet::new(),
            next_id: 0,
            markdown: MarkdownParser::new(),
            panic_marker: std::env::var(PANIC_FOR_TESTS)
                .ok()
                .filter(|m| !m.is_empty()),
            shut_down: false,
        };
        if let Some(error) = settings_error {
            server.show(
                MessageType::WARNING,
                &format!("{error}; using the defaults"),
            );
        }
        if let Some(problem) = problem {
            server.report_problem(problem);
        }
        server
    }

    /// The main loop; returns the exit code.
    fn serve(&mut self) -> u8 {
        loop {
            let message = match self.next_due() {
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(message) => message,
                        Err(RecvTimeoutError::Timeout) => {
                            self.lint_due();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return 1,
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return 1,
                },
            };
            match message {
                Message::Request(request) => self.request(request),
                Message::Notification(n) if n.method == "exit" => {
                    return if self.shut_down { 0 } else { 1 };
                }
                Message::Notification(notification) => {
                    let method = notification.method.clone();
                    let handled =
                        panic::catch_unwind(AssertUnwindSafe(|| self.notification(notification)));
                    match handled {
                        Ok(Ok(())) => {}
                        Ok(Err(Failure(_, why))) => {
                            self.log(MessageType::ERROR, &format!("{method}: {why}"));
                        }
                        Err(payload) => self.log(
                            MessageType::ERROR,
                            &format!("{method}: internal error: {}", panic_text(&payload)),
                        ),
                    }
                }
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        if self.shut_down {
            let why = "the server is shutting down; only `exit` is accepted";
            return respond_error(self.connection, id, ErrorCode::InvalidRequest, why);
        }
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| self.answer(&method, params)));
        let result = match outcome {
            Ok(result) => result,
            Err(payload) => {
                let why = format!("{method}: internal error: {}", panic_text(&payload));
                self.log(MessageType::ERROR, &why);
                Err(Failure(ErrorCode::InternalError, why))
            }
        };
        respond(
            self.connection,
            id,
            result.map_err(|Failure(code, why)| (code, why)),
        );
    }

    /// The result of one request.
    fn answer(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        match method {
            "shutdown" => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            "initialize" => Err(Failure(
                ErrorCode::InvalidRequest,
                "the server is already initialized".into(),
            )),
            "textDocument/diagnostic" => self.pull(parse(params)?),
            "textDocument/codeAction" => self.code_actions(parse(params)?),
            "textDocument/hover" => self.hover(parse(params)?),
            "workspace/executeCommand" => self.execute(parse(params)?),
            _ => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("unknown method `{method}`"),
            )),
        }
    }

    fn notification(&mut self, notification: Notification) -> Result<(), Failure> {
        let Notification { method, params } = notification;
        match method.as_str() {
            "initialized" => self.watch_configs(),
            "textDocument/didOpen" => {
                let params: DidOpenTextDocumentParams = parse(params)?;
                let item = params.text_document;
                let path = uri::to_path(&item.uri);
                let kind = document::kind_of(&item.language_id, path.as_deref());
                let doc = Document::new(&item.uri, kind, item.version, item.text);
                let new_config = doc.kind.is_some() && !self.setup.covers(&self.config_path(&doc));
                self.documents.insert(item.uri.clone(), doc);
                if new_config {
                    // Lints (or asks the client to pull) every document, this one too.
                    self.reconfigure();
                } else {
                    self.lint_and_publish(&item.uri);
                }
            }
            "textDocument/didChange" => {
                let params: DidChangeTextDocumentParams = parse(params)?;
                let uri = params.text_document.uri;
                let encoding = self.client.encoding;
                let doc = self.document_mut(&uri)?;
                doc.apply(
                    params.text_document.version,
                    params.content_changes,
                    encoding,
                );
                self.due.insert(uri, Instant::now() + DEBOUNCE);
            }
            "textDocument/didSave" => {
                let params: DidSaveTextDocumentParams = parse(params)?;
                self.document_mut(&params.text_document.uri)?;
                self.lint_and_publish(&params.text_document.uri);
            }
            "textDocument/didClose" => {
                let params: DidCloseTextDocumentParams = parse(params)?;
                let uri = params.text_document.uri;
                self.due.remove(&uri);
                if self.documents.remove(&uri).is_some() && self.client.push {
                    self.publish(uri, Vec::new(), None);
                }
            }
            "workspace/didChangeConfiguration" => {
                let params: DidChangeConfigurationParams = parse(params)?;
                // Clients that expect the server to pull settings send `null`: nothing to do.
                if !params.settings.is_null() {
                    match ClientSettings::from_value(&params.settings) {
                        Ok(settings) => self.settings = settings,
                        Err(e) => self.show(MessageType::WARNING, &e),
                    }
                    self.reconfigure();
                }
            }
            "workspace/didChangeWatchedFiles" => self.reconfigure(),
            _ => {}
        }
        Ok(())
    }

    /// Asks the client to tell us when any TOML file changes: configs and the packs they name
    /// are TOML, and a reload is cheap.
    fn watch_configs(&mut self) {
        if !self.client.watch {
            return;
        }
        let options = json!({
            "watchers": [FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.toml".into()),
                kind: None,
            }]
        });
        let registration = Registration {
            id: "healthlint-config-watcher".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: Some(options),
        };
        self.send_request(
            "client/registerCapability",
            json!(RegistrationParams {
                registrations: vec![registration]
            }),
        );
    }

    fn document_mut(&mut self, uri: &Uri) -> Result<&mut Document, Failure> {
        self.documents
            .get_mut(uri)
            .ok_or_else(|| Failure::params(format!("unknown document {}", uri.as_str())))
    }

    /// The path a document's configuration is looked up from: its file, or for a document
    /// with none (`untitled:`), a file in the first workspace folder.
    fn config_path(&self, doc: &Document) -> PathBuf {
        doc.path.clone().unwrap_or_else(|| {
            let root = self
                .client
                .roots
                .first()
                .cloned()
                .unwrap_or_else(|| absolute(".".as_ref()));
            root.join("untitled")
        })
    }

    /// Reloads the configuration for every open document; on failure keeps the last good one
    /// and shows the error on the file at fault. Either way, every document is linted again.
    fn reconfigure(&mut self) {
        let paths: Vec<PathBuf> = self
            .documents
            .values()
            .filter(|d| d.kind.is_some())
            .map(|d| self.config_path(d))
            .collect();
        match Setup::build(&paths, &self.settings) {
            Ok(setup) => {
                self.setup = setup;
                for uri in std::mem::take(&mut self.broken_configs) {
                    self.publish(uri, Vec::new(), None);
                }
            }
            Err(problem) => self.report_problem(problem),
        }
        self.generation += 1;
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in &uris {
            if let Some(doc) = self.documents.get_mut(uri) {
                // New rules prefilter blocks differently, a new config reads other front
                // matter fields: parse afresh.
                doc.chunks = Chunks::default();
                doc.memo = Memo::default();
                doc.findings = None;
            }
        }
        if self.client.push {
            for uri in &uris {
                self.lint_and_publish(uri);
            }
        } else if self.client.refresh {
            self.send_request("workspace/diagnostic/refresh", Value::Null);
        }
    }

    /// Shows a configuration error: as a diagnostic on the file at fault when it names one,
    /// else as a message.
    fn report_problem(&mut self, problem: Problem) {
        self.log(MessageType::ERROR, &problem.message);
        let target = problem
            .file
            .as_deref()
            .and_then(|file| Some((uri::from_path(file)?, std::fs::read_to_string(file).ok()?)));
        let Some((uri, text)) = target else {
            let message = format!(
                "healthlint: {} (keeping the last good configuration)",
                problem.message
            );
            return self.show(MessageType::ERROR, &message);
        };
        let doc = Document::new(&uri, None, 0, text);
        let positions = doc.positions(self.client.encoding);
        let diagnostic = Diagnostic {
            range: positions.range(problem.span.unwrap_or(0..0)),
            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
            source: Some(diagnostics::SOURCE.into()),
            message: format!(
                "{}\n(healthlint keeps using the last configuration that loaded)",
                problem.message
            ),
            ..Diagnostic::default()
        };
        self.broken_configs.insert(uri.clone());
        self.publish(uri, vec![diagnostic], None);
    }

    fn next_due(&self) -> Option<Instant> {
        self.due.values().min().copied()
    }

    fn lint_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<Uri> = (self.due.iter())
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in ready {
            self.lint_and_publish(&uri);
        }
    }

    fn lint_and_publish(&mut self, uri: &Uri) {
        self.lint(uri);
        if self.client.push {
            if let Some(doc) = self.documents.get(uri) {
                let version = doc.version;
                let diagnostics = self.diagnostics(doc);
                self.publish(uri.clone(), diagnostics, Some(version));
            }
        }
    }

    /// Lints a document if its findings are not current; a panic is caught and logged, and
    /// leaves the document with no findings and a fresh parse next time.
    fn lint(&mut self, uri: &Uri) {
        self.due.remove(uri);
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        if doc
            .findings
            .as_ref()
            .is_some_and(|(v, _)| *v == doc.version)
        {
            return;
        }
        let config_path = self.config_path(doc);
        let Some(doc) = self.documents.get_mut(uri) else {
            return;
        };
        let Some(kind) = doc.kind.filter(|_| self.settings.enable) else {
            doc.findings = Some((doc.version, Vec::new()));
            return;
        };
        let limit = self.setup.max_file_size(&config_path);
        if doc.text.len() as u64 > limit.bytes() {
            // As `healthlint check` skips it: a huge generated file must not stall the editor.
            doc.findings = Some((doc.version, Vec::new()));
            let message = format!(
                "healthlint skipped {}: {} is over the {limit} limit for one file; raise \
                 `max-file-size` in healthlint.toml",
                uri.as_str(),
                size::approximate(doc.text.len() as u64)
            );
            self.log(MessageType::WARNING, &message);
            return;
        }
        let file = SourceFile::new(config_path.clone(), kind, doc.text.clone());
        let policy = self.setup.policy(&config_path);
        let linter = &self.setup.linter;
        let marker = self.panic_marker.as_deref();
        let parser = &mut self.markdown;
        let (chunks, memo) = (&mut doc.chunks, &mut doc.memo);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            if marker.is_some_and(|m| file.text.contains(m)) {
                panic!("the test panic marker");
            }
            let body = file.text.get(file.bom_len()..).unwrap_or("");
            let document = match kind {
                FileKind::Markdown => {
                    let mut parse = Parse {
                        parser,
                        prefilter: linter.rules(),
                        fields: Fields {
                            extra: policy.front_matter_fields(),
                        },
                    };
                    chunks.parse(&mut parse, body)
                }
                FileKind::Text => parse_plain(body, linter.rules()),
            };
            (linter.session()).lint_parsed(&file, &policy, &document, memo)
        }));
        match outcome {
            Ok(findings) => doc.findings = Some((doc.version, findings)),
            Err(payload) => {
                doc.chunks = Chunks::default();
                doc.memo = Memo::default();
                // A parser that panicked may be left half-way through a parse.
                self.markdown = MarkdownParser::new();
                doc.findings = Some((doc.version, Vec::new()));
                let message = format!(
                    "healthlint crashed linting {} and skipped it: {}",
                    uri.as_str(),
                    panic_text(&payload)
                );
                self.log(MessageType::ERROR, &message);
            }
        }
    }

    /// The diagnostics of a linted document: findings not suppressed, at or above the
    /// minimum severity.
    fn diagnostics(&self, doc: &Document) -> Vec<Diagnostic> {
        let positions = doc.positions(self.client.encoding);
        let findings = doc.findings.as_ref().map_or(&[][..], |(_, f)| f);
        findings
            .iter()
            .filter(|f| !f.is_suppressed() && f.severity >= self.settings.minimum_severity)
            .map(|f| diagnostics::diagnostic(f, &positions))
            .collect()
    }

    fn pull(&mut self, params: DocumentDiagnosticParams) -> Result<Value, Failure> {
        let uri = params.text_document.uri;
        self.document_mut(&uri)?;
        self.lint(&uri);
        let doc = &self.documents[&uri];
        let result_id = format!("{}:{}", self.generation, doc.version);
        let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: self.diagnostics(doc),
                },
            })
        };
        Ok(json!(DocumentDiagnosticReportResult::Report(report)))
    }

    /// The findings of a document, linted first if an edit is pending.
    fn current(&mut self, uri: &Uri) -> Result<&Document, Failure> {
        self.document_mut(uri)?;
        self.lint(uri);
        Ok(&self.documents[uri])
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Result<Value, Failure> {
        let uri = params.text_document.uri;
        let encoding = self.client.encoding;
        let enabled = self.settings.enable;
        let doc = self.current(&uri)?;
        let positions = doc.positions(encoding);
        let start = positions.offset(params.range.start).map_err(out_of_range)?;
        let end = positions.offset(params.range.end).map_err(out_of_range)?;
        let findings = doc.findings.as_ref().map_or(&[][..], |(_, f)| f);
        let actions = if enabled {
            actions::actions(&uri, findings, start..end.max(start), &positions)
        } else {
            Vec::new()
        };
        Ok(json!(actions))
    }

    fn hover(&mut self, params: HoverParams) -> Result<Value, Failure> {
        let at = params.text_document_position_params;
        let encoding = self.client.encoding;
        self.current(&at.text_document.uri)?;
        let doc = &self.documents[&at.text_document.uri];
        let positions = doc.positions(encoding);
        let offset = positions.offset(at.position).map_err(out_of_range)?;
        let findings = doc.findings.as_ref().map_or(&[][..], |(_, f)| f);
        let hover = hover::hover(findings, offset, &positions, &self.setup.linter);
        Ok(json!(hover))
    }

    fn execute(&mut self, params: ExecuteCommandParams) -> Result<Value, Failure> {
        if params.command != actions::OPEN_DOCS {
            return Err(Failure::params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let url = params
            .arguments
            .first()
            .and_then(Value::as_str)
            .and_then(|u| u.parse::<Uri>().ok())
            .ok_or_else(|| Failure::params("expected the documentation's address"))?;
        let show = ShowDocumentParams {
            uri: url,
            external: Some(true),
            take_focus: Some(true),
            selection: None,
        };
        self.send_request("window/showDocument", json!(show));
        Ok(Value::Null)
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify("textDocument/publishDiagnostics", json!(params));
    }

    fn log(&self, typ: MessageType, message: &str) {
        let params = LogMessageParams {
            typ,
            message: message.into(),
        };
        self.notify("window/logMessage", json!(params));
    }

    fn show(&self, typ: MessageType, message: &str) {
        let params = ShowMessageParams {
            typ,
            message: message.into(),
        };
        self.notify("window/showMessage", json!(params));
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.into(), params);
        let _ = self.connection.sender.send(notification.into());
    }

    fn send_request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(format!("healthlint-{}", self.next_id)),
            method.into(),
            params,
        );
        let _ = self.connection.sender.send(request.into());
    }
}

fn capabilities_for(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![actions::OPEN_DOCS.into()],
            ..ExecuteCommandOptions::default()
        }),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("healthlint".into()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            ..DiagnosticOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The configuration when the first one fails to load: every default rule, no config.
fn fallback_setup() -> Setup {
    // The built-in packs are part of the binary and tested; they always compile.
    Setup::build(&[], &ClientSettings::default()).expect("the built-in packs compile")
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, Failure> {
    serde_json::from_value(params).map_err(|e| Failure::params(format!("invalid params: {e}")))
}

fn out_of_range(error: position::OutOfRange) -> Failure {
    let p = error.0;
    Failure::params(format!(
        "position {}:{} is outside the document",
        p.line, p.character
    ))
}

fn respond(connection: &Connection, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
    let response = match result {
        Ok(value) => Response::new_ok(id, value),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    };
    let _ = connection.sender.send(response.into());
}

fn respond_error(connection: &Connection, id: RequestId, code: ErrorCode, message: &str) {
    respond(connection, id, Err((code, message.into())));
}

fn panic_text(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
