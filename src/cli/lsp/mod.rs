//! `metodika lsp`: the language server, over stdio (lsp-server and lsp-types, as
//! rust-analyzer speaks it). One thread answers the editor; another reads the inputs'
//! headers ([`files`]). A burst of changes is checked once: after a change the loop takes
//! what follows within 2 ms (answering requests as they come) before it checks and
//! publishes. Every answer is computed by `metodika::ide`
//! on byte spans and turned into UTF-16 positions here ([`convert`]).

mod columns;
mod convert;
mod files;
pub mod transport;

use crossbeam_channel::{select, Receiver, RecvTimeoutError};
use lsp_server::{Connection, ErrorCode, Message, Notification, Response};
use lsp_types as lsp;
use metodika::ide::{self, Analysis, Sym};
use metodika::paths::RunOptions;
use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

struct Doc {
    text: String,
    version: i32,
    analysis: Option<Analysis>,
    opts: Option<RunOptions>,
}

struct Server {
    conn: Connection,
    docs: HashMap<lsp::Url, Doc>,
    files: files::Files,
    /// The documents to check and publish before waiting again.
    dirty: BTreeSet<lsp::Url>,
    /// `shutdown` was asked: only `exit` is expected now.
    shut_down: bool,
}

/// The editor's language (`locale` of `initialize`: `ru`, `ru-RU`, `en-US`) for the hovers,
/// completions and diagnostics, unless `--lang` or `METODIKA_LANG` chose one; an editor
/// that names none, or another language, leaves the environment's.
fn editor_language(params: &serde_json::Value) {
    let chosen = std::env::args().any(|a| a == "--lang" || a.starts_with("--lang="))
        || std::env::var_os("METODIKA_LANG").is_some_and(|v| !v.is_empty());
    if chosen {
        return;
    }
    if let Some(lang) = params
        .get("locale")
        .and_then(|l| l.as_str())
        .and_then(metodika::i18n::Lang::parse)
    {
        metodika::i18n::set(lang);
    }
}

pub fn lsp() -> i32 {
    // (frames read with limits: `transport`)
    let (conn, writer) = transport::stdio("metodika lsp");
    let caps = capabilities();
    let caps = match serde_json::to_value(caps) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("metodika lsp: {e}");
            return 1;
        }
    };
    match conn.initialize(caps) {
        Ok(params) => editor_language(&params),
        Err(e) => {
            eprintln!("metodika lsp: {e}");
            return 1;
        }
    }
    let (done_tx, done_rx) = crossbeam_channel::unbounded();
    let mut server = Server {
        conn,
        docs: HashMap::new(),
        files: files::Files::start(done_tx),
        dirty: BTreeSet::new(),
        shut_down: false,
    };
    let code = match server.serve(&done_rx) {
        Ok(true) => 0,
        Ok(false) => {
            eprintln!(
                "metodika lsp: the editor closed the connection without shutting the server down"
            );
            1
        }
        Err(e) => {
            eprintln!("metodika lsp: {e}");
            1
        }
    };
    // every answer written before the process ends
    drop(server);
    let _ = writer.join();
    code
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![".".into()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        semantic_tokens_provider: Some(
            lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
                lsp::SemanticTokensOptions {
                    legend: lsp::SemanticTokensLegend {
                        token_types: convert::TOKEN_TYPES.to_vec(),
                        token_modifiers: vec![lsp::SemanticTokenModifier::DECLARATION],
                    },
                    full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                    range: None,
                    work_done_progress_options: Default::default(),
                },
            ),
        ),
        ..Default::default()
    }
}

type Answer = Result<serde_json::Value, (ErrorCode, String)>;

/// How long the server waits after a change for the next one before it checks.
const QUIET: Duration = Duration::from_millis(2);
/// The longest a stream of changes holds the check back.
const BURST: Duration = Duration::from_millis(50);

impl Server {
    /// Answer until the editor shuts the server down (true) or goes away (false).
    fn serve(&mut self, done: &Receiver<()>) -> Result<bool, Box<dyn std::error::Error>> {
        let receiver = self.conn.receiver.clone();
        loop {
            select! {
                recv(receiver) -> msg => {
                    // (gone after `shutdown`: shut down all the same)
                    let Ok(msg) = msg else { return Ok(self.shut_down) };
                    if self.message(msg)? {
                        return Ok(true);
                    }
                }
                recv(done) -> _ => {
                    // a file's columns were read: every open file is checked again
                    while done.try_recv().is_ok() {}
                    for (uri, d) in &mut self.docs {
                        d.analysis = None;
                        self.dirty.insert(uri.clone());
                    }
                }
            }
            // a burst of changes is checked once: after a change, what follows within
            // QUIET is taken first (requests are answered as they come), for BURST at most
            let start = Instant::now();
            loop {
                let wait = if self.dirty.is_empty() || start.elapsed() > BURST {
                    Duration::ZERO
                } else {
                    QUIET
                };
                match receiver.recv_timeout(wait) {
                    Ok(msg) => {
                        if self.message(msg)? {
                            return Ok(true);
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Ok(false),
                }
            }
            self.publish();
        }
    }

    /// One message; true when the editor has shut the server down.
    fn message(&mut self, msg: Message) -> Result<bool, Box<dyn std::error::Error>> {
        match msg {
            Message::Request(req) => {
                // after `shutdown`, every request is refused until `exit`
                if req.method == "shutdown" || self.shut_down {
                    let resp = match self.shut_down {
                        false => Response::new_ok(req.id, ()),
                        true => Response::new_err(
                            req.id,
                            ErrorCode::InvalidRequest as i32,
                            "the server is shut down: only `exit` is expected".into(),
                        ),
                    };
                    self.shut_down = true;
                    self.conn.sender.send(resp.into())?;
                    return Ok(false);
                }
                let id = req.id.clone();
                let answer = catch_unwind(AssertUnwindSafe(|| self.request(req)))
                    .unwrap_or_else(|_| Err((ErrorCode::InternalError, "metodika failed on this request (a bug: please report it with the file)".into())));
                let resp = match answer {
                    Ok(v) => Response::new_ok(id, v),
                    Err((code, m)) => Response::new_err(id, code as i32, m),
                };
                self.conn.sender.send(resp.into())?;
            }
            Message::Notification(n) if n.method == "exit" => {
                return match self.shut_down {
                    true => Ok(true),
                    false => Err("the editor sent `exit` before `shutdown`".into()),
                };
            }
            Message::Notification(_) if self.shut_down => {}
            Message::Notification(n) => {
                let _ = catch_unwind(AssertUnwindSafe(|| self.notification(n)));
            }
            Message::Response(_) => {}
        }
        Ok(false)
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification::*;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    // inputs are found from the file's folder, and confined to it unless
                    // the server runs as `metodika --allow-outside lsp`
                    let opts = d
                        .uri
                        .to_file_path()
                        .ok()
                        .and_then(|p| super::commands::options(&p, &[]).ok());
                    self.docs.insert(
                        d.uri.clone(),
                        Doc {
                            text: d.text,
                            version: d.version,
                            analysis: None,
                            opts,
                        },
                    );
                    self.dirty.insert(d.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.docs.get_mut(&uri) {
                        for c in p.content_changes {
                            apply(&mut doc.text, c);
                        }
                        doc.version = p.text_document.version;
                        doc.analysis = None;
                        self.dirty.insert(uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.docs.remove(&p.text_document.uri);
                    self.dirty.remove(&p.text_document.uri);
                    let clear = lsp::PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    };
                    self.notify::<PublishDiagnostics>(clear);
                }
            }
            _ => {}
        }
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        let _ = self
            .conn
            .sender
            .send(Notification::new(N::METHOD.to_string(), params).into());
    }

    /// Check every changed file and publish its diagnostics.
    fn publish(&mut self) {
        for uri in std::mem::take(&mut self.dirty) {
            let Some(a) = self.analysis(&uri) else {
                continue;
            };
            let params = lsp::PublishDiagnosticsParams {
                diagnostics: convert::diagnostics(a, &uri),
                version: self.docs.get(&uri).map(|d| d.version),
                uri,
            };
            self.notify::<lsp::notification::PublishDiagnostics>(params);
        }
    }

    /// The analysis of a file, made when the text changed.
    fn analysis(&mut self, uri: &lsp::Url) -> Option<&Analysis> {
        let doc = self.docs.get_mut(uri)?;
        if doc.analysis.is_none() {
            let path = uri.to_file_path().ok();
            let a = match (&doc.opts, path) {
                (Some(opts), Some(path)) => Analysis::for_file(
                    doc.text.clone(),
                    &path,
                    opts,
                    &files::Cached {
                        files: &self.files,
                        opts,
                    },
                ),
                (Some(opts), None) => Analysis::new(
                    doc.text.clone(),
                    &files::Cached {
                        files: &self.files,
                        opts,
                    },
                ),
                (None, _) => Analysis::new(doc.text.clone(), &metodika::check::NoHeaders),
            };
            doc.analysis = Some(a);
        }
        doc.analysis.as_ref()
    }

    fn request(&mut self, req: lsp_server::Request) -> Answer {
        use lsp::request::*;
        fn params<P: serde::de::DeserializeOwned>(
            req: lsp_server::Request,
        ) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let json = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp::HoverParams = params(req)?;
                let r = self.hover(p.text_document_position_params);
                json(serde_json::to_value(r))
            }
            GotoDefinition::METHOD => {
                let p: lsp::GotoDefinitionParams = params(req)?;
                let r = self.definition(p.text_document_position_params);
                json(serde_json::to_value(
                    r.map(lsp::GotoDefinitionResponse::Scalar),
                ))
            }
            References::METHOD => {
                let p: lsp::ReferenceParams = params(req)?;
                let r = self.references(p.text_document_position, p.context.include_declaration);
                json(serde_json::to_value(r))
            }
            Completion::METHOD => {
                let p: lsp::CompletionParams = params(req)?;
                let r = self.completion(p.text_document_position);
                json(serde_json::to_value(r.map(lsp::CompletionResponse::Array)))
            }
            Formatting::METHOD => {
                let p: lsp::DocumentFormattingParams = params(req)?;
                let r = self.format(&p.text_document.uri)?;
                json(serde_json::to_value(r))
            }
            PrepareRenameRequest::METHOD => {
                let p: lsp::TextDocumentPositionParams = params(req)?;
                let r = self.prepare_rename(p)?;
                json(serde_json::to_value(r))
            }
            Rename::METHOD => {
                let p: lsp::RenameParams = params(req)?;
                let r = self.rename(p)?;
                json(serde_json::to_value(r))
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp::DocumentSymbolParams = params(req)?;
                let r = self.analysis(&p.text_document.uri).map(|a| {
                    lsp::DocumentSymbolResponse::Nested(convert::symbols(a, &a.outline()))
                });
                json(serde_json::to_value(r))
            }
            SemanticTokensFullRequest::METHOD => {
                let p: lsp::SemanticTokensParams = params(req)?;
                let r = self
                    .analysis(&p.text_document.uri)
                    .map(|a| lsp::SemanticTokensResult::Tokens(convert::semantic_tokens(a)));
                json(serde_json::to_value(r))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("metodika lsp does not answer `{other}`"),
            )),
        }
    }

    /// The analysis of the file at a position, and the position as a byte offset.
    fn at(&mut self, p: &lsp::TextDocumentPositionParams) -> Option<(&Analysis, usize)> {
        let a = self.analysis(&p.text_document.uri)?;
        let off = convert::offset(a, p.position);
        Some((a, off))
    }

    fn columns(&self, uri: &lsp::Url) -> columns::DocColumns<'_> {
        let doc = self.docs.get(uri);
        columns::DocColumns {
            files: &self.files,
            opts: doc.and_then(|d| d.opts.as_ref()),
            module: doc
                .and_then(|d| d.analysis.as_ref())
                .and_then(|a| a.module.as_ref()),
            decl: doc
                .and_then(|d| d.analysis.as_ref())
                .map(ide::complete::declared)
                .unwrap_or_default(),
        }
    }

    fn hover(&mut self, p: lsp::TextDocumentPositionParams) -> Option<lsp::Hover> {
        self.at(&p)?;
        let cols = self.columns(&p.text_document.uri);
        let a = self.docs.get(&p.text_document.uri)?.analysis.as_ref()?;
        let (span, text) = a.hover(convert::offset(a, p.position), &cols)?;
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: text,
            }),
            range: Some(convert::range(a, span)),
        })
    }

    fn definition(&mut self, p: lsp::TextDocumentPositionParams) -> Option<lsp::Location> {
        let uri = p.text_document.uri.clone();
        let (a, off) = self.at(&p)?;
        let sym = a.at(off)?.sym.clone();
        if let Some(span) = a.definition(&sym) {
            return Some(lsp::Location::new(uri, convert::range(a, span)));
        }
        // a column: its name in the header of the input's file, else the input itself
        let col = match &sym {
            Sym::Column(_, c) | Sym::KeyColumn(_, c) => c.clone(),
            _ => return None,
        };
        let cols = self.columns(&uri);
        let a = self.docs.get(&uri)?.analysis.as_ref()?;
        let inputs: Vec<String> = match &sym {
            Sym::Column(i, _) => vec![i.clone()],
            _ => cols
                .decl
                .iter()
                .filter(|d| d.what == "input")
                .map(|d| d.name.clone())
                .collect(),
        };
        for input in &inputs {
            if let Some(loc) = cols.header_location(input, &col) {
                return Some(loc);
            }
        }
        let span = a
            .definition(&Sym::Input(inputs.first()?.clone()))
            .or_else(|| a.definition(&Sym::Records(inputs.first()?.clone())))?;
        Some(lsp::Location::new(uri, convert::range(a, span)))
    }

    fn references(
        &mut self,
        p: lsp::TextDocumentPositionParams,
        with_def: bool,
    ) -> Option<Vec<lsp::Location>> {
        let uri = p.text_document.uri.clone();
        let (a, off) = self.at(&p)?;
        let sym = a.at(off)?.sym.clone();
        Some(
            a.references(&sym, with_def)
                .into_iter()
                .map(|s| lsp::Location::new(uri.clone(), convert::range(a, s)))
                .collect(),
        )
    }

    fn completion(
        &mut self,
        p: lsp::TextDocumentPositionParams,
    ) -> Option<Vec<lsp::CompletionItem>> {
        self.at(&p)?;
        let cols = self.columns(&p.text_document.uri);
        let a = self.docs.get(&p.text_document.uri)?.analysis.as_ref()?;
        let (span, items) = ide::complete::complete(a, convert::offset(a, p.position), &cols);
        Some(
            items
                .into_iter()
                .map(|i| convert::completion(a, span, i))
                .collect(),
        )
    }

    fn format(
        &mut self,
        uri: &lsp::Url,
    ) -> Result<Option<Vec<lsp::TextEdit>>, (ErrorCode, String)> {
        let Some(a) = self.analysis(uri) else {
            return Ok(None);
        };
        let Some(text) = a.format() else {
            return Err((
                ErrorCode::RequestFailed,
                "the file does not parse: put its syntax errors right, then format it".into(),
            ));
        };
        if text == a.text {
            return Ok(Some(Vec::new()));
        }
        Ok(Some(vec![lsp::TextEdit {
            range: convert::range(a, metodika::diag::Span::new(0, a.text.len())),
            new_text: text,
        }]))
    }

    fn prepare_rename(
        &mut self,
        p: lsp::TextDocumentPositionParams,
    ) -> Result<Option<lsp::PrepareRenameResponse>, (ErrorCode, String)> {
        let Some((a, off)) = self.at(&p) else {
            return Ok(None);
        };
        let Some(o) = a.at(off) else {
            return Err((
                ErrorCode::RequestFailed,
                "no indicator, group, input or zone here".into(),
            ));
        };
        if !o.sym.renamable() {
            return Err((
                ErrorCode::RequestFailed,
                "only indicators, groups, inputs and zones can be renamed".into(),
            ));
        }
        Ok(Some(lsp::PrepareRenameResponse::RangeWithPlaceholder {
            range: convert::range(a, o.span),
            placeholder: a.slice(o.span).to_string(),
        }))
    }

    fn rename(
        &mut self,
        p: lsp::RenameParams,
    ) -> Result<Option<lsp::WorkspaceEdit>, (ErrorCode, String)> {
        let uri = p.text_document_position.text_document.uri.clone();
        let Some((a, off)) = self.at(&p.text_document_position) else {
            return Ok(None);
        };
        let spans = a
            .rename(off, &p.new_name)
            .map_err(|e| (ErrorCode::RequestFailed, e))?;
        let edits = spans
            .into_iter()
            .map(|s| lsp::TextEdit {
                range: convert::range(a, s),
                new_text: p.new_name.clone(),
            })
            .collect();
        Ok(Some(lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..Default::default()
        }))
    }
}

/// A change of a document's text: the whole text, or a range of it replaced.
fn apply(text: &mut String, c: lsp::TextDocumentContentChangeEvent) {
    match c.range {
        None => *text = c.text,
        Some(r) => {
            let lines = ide::lines::Lines::new(text);
            let at = |p: lsp::Position| {
                lines.offset(
                    text,
                    ide::lines::Pos {
                        line: p.line,
                        col: p.character,
                    },
                )
            };
            let (s, e) = (at(r.start), at(r.end));
            let (s, e) = (s.min(e), s.max(e));
            text.replace_range(s..e, &c.text);
        }
    }
}
