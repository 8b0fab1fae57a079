//! The inputs' columns, for the checker, hover and completion: read on a thread of their
//! own so that a large or slow file never holds up the editor, and kept until the file
//! changes (its size or modification time). Until a file is read, the checker checks no
//! column of it; when the read ends, the loop checks the open files again.

use crossbeam_channel::Sender;
use metodika::check::Headers;
use metodika::data::records::ColType;
use metodika::data::ReadAs;
use metodika::load::FileHeaders;
use metodika::paths::RunOptions;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

type Stamp = Option<(Option<SystemTime>, u64)>;

/// What a file holds: its columns and their types.
#[derive(Clone)]
pub struct Read {
    /// When it was read.
    stamp: Stamp,
    /// The column names (as the checker reads them), or why they cannot be read.
    pub names: Result<Vec<String>, String>,
    /// The columns' types, where they can be told.
    pub types: Vec<(String, ColType)>,
}

enum Entry {
    Reading(Stamp),
    Done(Read),
}

/// Which file: its resolved path and how it is read (encoding, sheet, header row).
type Key = (PathBuf, ReadAs);

struct Job {
    key: Key,
    name: String,
    written: String,
    how: ReadAs,
    records: bool,
    opts: RunOptions,
    stamp: Stamp,
}

/// The columns read so far, and the thread that reads them.
#[derive(Clone)]
pub struct Files {
    cache: Arc<Mutex<HashMap<Key, Entry>>>,
    jobs: Sender<Job>,
}

impl Files {
    /// Start the reading thread; `done` hears of each file read.
    pub fn start(done: Sender<()>) -> Files {
        let (jobs, rx) = crossbeam_channel::unbounded::<Job>();
        let cache: Arc<Mutex<HashMap<Key, Entry>>> = Arc::default();
        let shared = cache.clone();
        std::thread::spawn(move || {
            for job in rx {
                let read = read(&job);
                if let Ok(mut c) = shared.lock() {
                    c.insert(job.key, Entry::Done(read));
                }
                if done.send(()).is_err() {
                    break;
                }
            }
        });
        Files { cache, jobs }
    }

    /// The file of input `name` written `written`, when it is read and unchanged since;
    /// otherwise it is asked for and `None` returned.
    pub fn get(
        &self,
        name: &str,
        written: &str,
        how: &ReadAs,
        records: bool,
        opts: &RunOptions,
    ) -> Option<Read> {
        let path = metodika::paths::input_path(name, written, opts);
        let stamp = stamp(&path);
        let key = (path, how.clone());
        let mut cache = self.cache.lock().ok()?;
        match cache.get(&key) {
            Some(Entry::Done(r)) if r.stamp == stamp => return Some(r.clone()),
            Some(Entry::Reading(s)) if *s == stamp => return None,
            _ => {}
        }
        cache.insert(key.clone(), Entry::Reading(stamp));
        let _ = self.jobs.send(Job {
            key,
            name: name.to_string(),
            written: written.to_string(),
            how: how.clone(),
            records,
            opts: opts.clone(),
            stamp,
        });
        None
    }
}

/// When the file was last changed, and its size; for a template of files by year, those
/// of the newest file, which tells the columns (as the checker reads them).
fn stamp(path: &std::path::Path) -> Stamp {
    let file = if path.to_string_lossy().contains("{year}") {
        metodika::paths::template_files(path, None).ok()?.pop()?
    } else {
        path.to_path_buf()
    };
    std::fs::metadata(file)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

fn read(job: &Job) -> Read {
    let h = FileHeaders { opts: &job.opts };
    let schema = h.record_schema(&job.name, &job.written, job.how.encoding);
    let names = if job.records {
        schema
            .as_ref()
            .map(|s| s.iter().map(|(n, _)| n.clone()).collect())
            .map_err(Clone::clone)
    } else {
        h.columns(&job.name, &job.written, &job.how)
    };
    Read {
        stamp: job.stamp,
        names,
        types: schema.unwrap_or_default(),
    }
}

/// The checker's view of the files: what is read, and nothing for what is not yet.
pub struct Cached<'a> {
    pub files: &'a Files,
    pub opts: &'a RunOptions,
}

impl Headers for Cached<'_> {
    fn columns(&self, name: &str, path: &str, how: &ReadAs) -> Result<Vec<String>, String> {
        match self.files.get(name, path, how, false, self.opts) {
            Some(r) => r.names,
            None => Err(String::new()),
        }
    }

    fn refuse(&self, name: &str, path: &str) -> Option<String> {
        metodika::paths::confinement(name, path, self.opts)
    }

    fn record_schema(
        &self,
        name: &str,
        path: &str,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Vec<(String, ColType)>, String> {
        let how = ReadAs {
            encoding,
            ..ReadAs::default()
        };
        match self.files.get(name, path, &how, true, self.opts) {
            Some(r) => r.names.map(|_| r.types),
            None => Err(String::new()),
        }
    }
}
