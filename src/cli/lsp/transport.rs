//! The language server's own stdio transport: the frames of the Language Server Protocol
//! (`Content-Length: N`, a blank line, N bytes of JSON) read with limits, so that an
//! editor's or an attacker's bytes end the server with a message (exit status 1) instead of
//! a panic, an abort or memory taken without end. lsp-server's reader trusts the length it
//! is given (`18446744073709551615` panics in it, `2000000000` allocates 2 GB and waits):
//! this reader replaces it and hands lsp-server's `Connection` the same messages.

use crossbeam_channel::{bounded, Receiver, Sender};
use lsp_server::Message;
use metodika::ide::frame::read_frame;
use std::io::Write;

/// The connection over stdin and stdout: a reader thread with [`read_frame`]'s limits, and
/// a writer thread. A frame that cannot be read, or whose JSON is not a message, ends the
/// server at once: the reason on standard error, exit status 1 (`what` names the server in
/// the message).
pub fn stdio(what: &'static str) -> (lsp_server::Connection, std::thread::JoinHandle<()>) {
    let (writer_tx, writer_rx): (Sender<Message>, Receiver<Message>) = bounded(0);
    let writer = std::thread::Builder::new()
        .name("metodika-lsp-writer".into())
        .spawn(move || {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for m in writer_rx {
                if m.write(&mut out).and_then(|_| out.flush()).is_err() {
                    break;
                }
            }
        })
        .expect("a thread");
    let (reader_tx, reader_rx): (Sender<Message>, Receiver<Message>) = bounded(0);
    std::thread::Builder::new()
        .name("metodika-lsp-reader".into())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            loop {
                let body = match read_frame(&mut input) {
                    Ok(Some(b)) => b,
                    // the editor went away between messages: the server's loop says so
                    Ok(None) => return,
                    Err(e) => {
                        eprintln!("{what}: {e}");
                        std::process::exit(1);
                    }
                };
                let msg: Message = match serde_json::from_slice(&body) {
                    Ok(m) => m,
                    Err(e) => {
                        eprintln!("{what}: a message that is not JSON-RPC ({e})");
                        std::process::exit(1);
                    }
                };
                let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                if reader_tx.send(msg).is_err() || exit {
                    return;
                }
            }
        })
        .expect("a thread");
    let conn = lsp_server::Connection {
        sender: writer_tx,
        receiver: reader_rx,
    };
    (conn, writer)
}
