//! The output file of a batch, written whole or not at all: the rows go to a
//! temporary file beside the target, renamed over it only when the batch is
//! complete. A run that fails or is interrupted leaves the previous file, or
//! none, never a truncated row.

use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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
            Kind::Replacing { writer, target } => {
                let file = writer
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)?;
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
        writer: BufWriter::with_capacity(1 << 16, file),
        target,
    })
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
            Kind::Replacing { writer, .. } => writer.write(buffer),
            Kind::Direct(writer) => writer.write(buffer),
        }
    }

    fn write_all(&mut self, buffer: &[u8]) -> io::Result<()> {
        match &mut self.kind {
            Kind::Replacing { writer, .. } => writer.write_all(buffer),
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
