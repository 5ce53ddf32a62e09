//! The output file of a batch, written whole or not at all: the rows go to a
//! temporary file beside the target, renamed over it only when the batch is
//! complete. A run that fails or is interrupted leaves the previous file, or
//! none, never a truncated row.

use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;

use tempfile::NamedTempFile;

/// A file being written by a batch: `commit` puts it in place; dropped
/// without `commit`, it leaves the target as it was.
pub struct OutputFile {
    kind: Kind,
}

enum Kind {
    /// A regular file, or none yet: written beside it, then renamed over it.
    Replacing {
        writer: BufWriter<NamedTempFile>,
        target: PathBuf,
        syncer: Syncer,
    },
    /// A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO): written to
    /// directly, since it cannot be replaced.
    Direct(BufWriter<File>),
}

impl OutputFile {
    /// Gets ready to write `path`: a temporary file in its folder, or the
    /// file itself when it is not a regular file. A link is followed, so the
    /// file it points to is the one replaced.
    pub fn create(path: &Path) -> io::Result<OutputFile> {
        let existing = match fs::metadata(path) {
            Ok(metadata) => Some(metadata),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(error),
        };
        let kind = match existing {
            Some(metadata) if metadata.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "it is a folder",
                ));
            }
            Some(metadata) if !metadata.is_file() => Kind::Direct(BufWriter::with_capacity(
                1 << 16,
                fs::OpenOptions::new().write(true).open(path)?,
            )),
            Some(metadata) => {
                let target = fs::canonicalize(path)?;
                replacing(target, Some(&metadata))?
            }
            None => replacing(path.to_path_buf(), None)?,
        };
        Ok(OutputFile { kind })
    }

    /// Flushes the rows, makes them durable, and puts the file in place.
    pub fn commit(self) -> io::Result<()> {
        match self.kind {
            Kind::Replacing {
                writer,
                target,
                syncer,
            } => {
                let file = writer
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)?;
                syncer.finish()?;
                file.as_file().sync_all()?;
                file.persist(&target).map_err(|e| e.error)?;
                Ok(())
            }
            Kind::Direct(mut writer) => writer.flush(),
        }
    }
}

/// A temporary file beside `target`, with the permissions of the file it
/// replaces, or those of a new file.
fn replacing(target: PathBuf, existing: Option<&Metadata>) -> io::Result<Kind> {
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    let new_file = {
        use std::os::unix::fs::PermissionsExt;
        fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    if existing.is_none() {
        builder.permissions(new_file);
    }
    // The error names the operating system's reason, not the temporary name.
    let file = builder
        .tempfile_in(&folder)
        .map_err(without_temporary_name)?;
    if let Some(metadata) = existing {
        file.as_file().set_permissions(metadata.permissions())?;
    }
    Ok(Kind::Replacing {
        syncer: Syncer::start(file.as_file()),
        writer: BufWriter::with_capacity(1 << 16, file),
        target,
    })
}

/// How many bytes are written between two requests to make them durable.
const SYNC_EVERY: u64 = 8 << 20;

/// Makes the rows durable while the batch runs: each time another
/// [`SYNC_EVERY`] bytes are written, a thread of its own asks the operating
/// system to put the file's data on disk, so that the sync at the end,
/// before the file is put in place, waits for the last part only rather
/// than for the whole output (measured: a sixth of a large batch's time).
/// The thread mostly waits for the disk; a failure is reported at the end.
struct Syncer {
    /// Where requests go; `None` when the thread could not be started (the
    /// sync at the end then does it all).
    requests: Option<mpsc::SyncSender<()>>,
    thread: Option<thread::JoinHandle<io::Result<()>>>,
    /// Bytes written since the last request.
    pending: u64,
}

impl Syncer {
    /// A thread that syncs `file` on request, on a handle of its own.
    fn start(file: &File) -> Syncer {
        let idle = Syncer {
            requests: None,
            thread: None,
            pending: 0,
        };
        let Ok(file) = file.try_clone() else {
            return idle;
        };
        // One request waits at most: while a sync runs, later ones merge.
        let (requests, received) = mpsc::sync_channel::<()>(1);
        let thread = thread::Builder::new()
            .name(String::from("provisio-sync"))
            .spawn(move || {
                for () in received {
                    file.sync_data()?;
                }
                Ok(())
            });
        match thread {
            Ok(thread) => Syncer {
                requests: Some(requests),
                thread: Some(thread),
                pending: 0,
            },
            Err(_) => idle,
        }
    }

    /// Counts bytes written, asking for a sync every [`SYNC_EVERY`].
    fn wrote(&mut self, bytes: usize) {
        self.pending += bytes as u64;
        if self.pending >= SYNC_EVERY
            && let Some(requests) = &self.requests
        {
            self.pending = 0;
            // A request already waiting covers this one.
            let _ = requests.try_send(());
        }
    }

    /// Waits for the syncs asked for, with the first failure.
    fn finish(mut self) -> io::Result<()> {
        self.requests = None;
        match self.thread.take().map(thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the thread that syncs the output stopped")),
            None => Ok(()),
        }
    }
}

/// An error of the temporary file as the operating system gave it, without
/// the temporary name tempfile adds to it (` at path "..."`).
fn without_temporary_name(error: io::Error) -> io::Error {
    let text = error.to_string();
    match text.rfind(" at path ") {
        Some(end) => io::Error::new(error.kind(), &text[..end]),
        None => error,
    }
}

impl Write for OutputFile {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        match &mut self.kind {
            Kind::Replacing { writer, syncer, .. } => {
                let written = writer.write(buffer)?;
                syncer.wrote(written);
                Ok(written)
            }
            Kind::Direct(writer) => writer.write(buffer),
        }
    }

    fn write_all(&mut self, buffer: &[u8]) -> io::Result<()> {
        match &mut self.kind {
            Kind::Replacing { writer, syncer, .. } => {
                writer.write_all(buffer)?;
                syncer.wrote(buffer.len());
                Ok(())
            }
            Kind::Direct(writer) => writer.write_all(buffer),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.kind {
            Kind::Replacing { writer, .. } => writer.flush(),
            Kind::Direct(writer) => writer.flush(),
        }
    }
}

/// Whether two paths name the same regular file: the same path, through a
/// link, or a hard link (the same device and inode, on unix). Only a regular
/// file can be lost by writing over it, so devices and pipes are never the same.
pub fn same_file(input: &Path, output: &Path) -> bool {
    let (Ok(a), Ok(b)) = (fs::metadata(input), fs::metadata(output)) else {
        return false;
    };
    if !a.is_file() || !b.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (a.dev(), a.ino()) == (b.dev(), b.ino()) {
            return true;
        }
    }
    matches!(
        (fs::canonicalize(input), fs::canonicalize(output)),
        (Ok(a), Ok(b)) if a == b
    )
}

#[cfg(test)]
mod tests {
    use super::{OutputFile, SYNC_EVERY};
    use std::io::Write;

    /// Rows of a large batch, past several syncs in the background.
    fn rows() -> Vec<u8> {
        let row = b"{\"line\":1,\"verdicts\":{\"moratorium_in_force\":true}}\n";
        let count = (3 * SYNC_EVERY as usize) / row.len() + 7;
        row.repeat(count)
    }

    #[test]
    fn a_file_synced_while_written_is_put_in_place_whole() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("out.jsonl");
        std::fs::write(&path, b"the previous output\n").expect("a previous output");
        let rows = rows();
        let mut output = OutputFile::create(&path).expect("the output");
        for piece in rows.chunks(40_000) {
            output.write_all(piece).expect("written");
        }
        // Until the batch is complete, the previous output stays.
        assert_eq!(
            std::fs::read(&path).expect("read"),
            b"the previous output\n"
        );
        output.commit().expect("committed");
        assert_eq!(std::fs::read(&path).expect("read"), rows);
        let left: Vec<_> = std::fs::read_dir(folder.path())
            .expect("listed")
            .map(|entry| entry.expect("an entry").file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("out.jsonl")]);
    }

    #[test]
    fn a_file_synced_while_written_and_dropped_leaves_nothing() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("out.jsonl");
        let mut output = OutputFile::create(&path).expect("the output");
        output.write_all(&rows()).expect("written");
        drop(output);
        assert_eq!(std::fs::read_dir(folder.path()).expect("listed").count(), 0);
    }
}
