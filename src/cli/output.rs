//! Where a command's results go, and what a failed write means for its exit
//! status.
//!
//! A reader that leaves early (`provisio test | head`) closes the pipe: the
//! rest of the output is dropped quietly and the command still finishes its
//! work, so its exit status says whether the work succeeded. Any other write
//! error (a full disk, `/dev/full`) is reported on stderr once and makes the
//! command exit 1. Nothing here panics when stderr itself cannot be written.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Writes formatted text to stderr, like `eprint!`, without panicking when
/// stderr cannot be written: the exit status still tells what happened.
pub(crate) fn write_stderr(args: fmt::Arguments<'_>) {
    let mut stderr = io::stderr().lock();
    // Nowhere is left to report a failure to write to stderr.
    let _ = stderr.write_fmt(args).and_then(|()| stderr.flush());
}

/// What a write error means: the reader left, or the output is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteFailure {
    /// The reading end of a pipe was closed (EPIPE): the reader wanted no
    /// more, which is not the command's failure.
    ReaderLeft,
    /// Anything else, such as a full disk: what was written is incomplete.
    Lost,
}

impl WriteFailure {
    /// Classifies an error from writing a command's output.
    pub(crate) fn of(error: &io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            WriteFailure::ReaderLeft
        } else {
            WriteFailure::Lost
        }
    }
}

/// How writing to an [`Output`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// Everything written reached its destination.
    Whole,
    /// The reader closed the pipe; the rest was dropped, quietly.
    ReaderLeft,
    /// A write failed and the error was reported on stderr.
    Failed,
}

impl Written {
    /// The exit code of a command whose work ended with `work`: a failed
    /// write turns success into failure, a reader that left changes nothing.
    pub(crate) fn exit_code(self, work: ExitCode) -> ExitCode {
        match self {
            Written::Whole | Written::ReaderLeft => work,
            Written::Failed => ExitCode::FAILURE,
        }
    }
}

/// A destination for a command's results, standard output or a file.
///
/// It implements [`Write`]: after the reader closes the pipe, writes succeed
/// and are dropped, so the command goes on with its work; after another
/// error, reported at once on stderr as `error: cannot write to NAME: ...`,
/// writes fail, so a caller that stops on errors stops.
pub(crate) struct Output {
    writer: Box<dyn Write>,
    /// "standard output", or the file's path as given.
    name: String,
    state: Written,
    /// Says a write error; stderr, except in unit tests.
    report: fn(fmt::Arguments<'_>),
}

impl Output {
    /// Standard output.
    pub(crate) fn stdout() -> Self {
        Output::new("standard output", io::stdout())
    }

    /// Creates (or truncates) the file at `path`, buffered. When it cannot be
    /// created, the error is reported now and the output is already failed.
    pub(crate) fn create(path: &Path) -> Self {
        let name = path.display().to_string();
        match std::fs::File::create(path) {
            Ok(file) => Output::new(name, io::BufWriter::new(file)),
            Err(error) => {
                let mut output = Output::new(name, io::sink());
                output.fail(&error);
                output
            }
        }
    }

    /// Wraps any writer; `name` is how error messages call it.
    pub(crate) fn new(name: impl Into<String>, writer: impl Write + 'static) -> Self {
        Output {
            writer: Box::new(writer),
            name: name.into(),
            state: Written::Whole,
            report: write_stderr,
        }
    }

    /// Writes text; a failure is recorded (and reported), so there is
    /// nothing for the caller to handle until [`Output::finish`].
    pub(crate) fn write_text(&mut self, text: &str) {
        // The error has been reported and is remembered in `state`.
        let _ = self.write_all(text.as_bytes());
    }

    /// Flushes what is buffered and says how writing ended; a failure has
    /// been reported on stderr.
    pub(crate) fn finish(mut self) -> Written {
        // As for `write_text`, the outcome is in `state`.
        let _ = self.flush();
        self.state
    }

    /// Records a write error, reporting it unless the reader left.
    fn fail(&mut self, error: &io::Error) {
        match WriteFailure::of(error) {
            WriteFailure::ReaderLeft => self.state = Written::ReaderLeft,
            WriteFailure::Lost => {
                self.state = Written::Failed;
                (self.report)(format_args!(
                    "error: cannot write to {}: {error}\n",
                    self.name
                ));
            }
        }
    }

    /// The error for a write after an earlier one failed.
    fn failed_before(&self) -> io::Error {
        io::Error::other(format!("an earlier write to {} failed", self.name))
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.state {
            Written::Whole => match self.writer.write(buf) {
                Ok(n) => Ok(n),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => Err(error),
                Err(error) => {
                    self.fail(&error);
                    match self.state {
                        Written::Failed => Err(error),
                        Written::Whole | Written::ReaderLeft => Ok(buf.len()),
                    }
                }
            },
            Written::ReaderLeft => Ok(buf.len()),
            Written::Failed => Err(self.failed_before()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.state {
            Written::Whole => match self.writer.flush() {
                Ok(()) => Ok(()),
                Err(error) => {
                    self.fail(&error);
                    match self.state {
                        Written::Failed => Err(error),
                        Written::Whole | Written::ReaderLeft => Ok(()),
                    }
                }
            },
            Written::ReaderLeft => Ok(()),
            Written::Failed => Err(self.failed_before()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write with one kind of error.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// An output whose errors are not shown, so that the tests' own output
    /// stays readable.
    fn quiet(name: &str, writer: impl Write + 'static) -> Output {
        let mut output = Output::new(name, writer);
        output.report = |_| {};
        output
    }

    #[test]
    fn a_closed_pipe_drops_the_rest_quietly_and_keeps_the_works_status() {
        let mut output = quiet("standard output", Failing(io::ErrorKind::BrokenPipe));
        assert!(output.write_all(b"first\n").is_ok());
        assert_ne!(output.state, Written::Whole);
        assert!(output.write_all(b"second\n").is_ok());
        let written = output.finish();
        assert_eq!(written, Written::ReaderLeft);
        assert_eq!(written.exit_code(ExitCode::FAILURE), ExitCode::FAILURE);
        assert_eq!(written.exit_code(ExitCode::SUCCESS), ExitCode::SUCCESS);
    }

    #[test]
    fn another_write_error_fails_every_later_write_and_the_command() {
        let mut output = quiet("out.txt", Failing(io::ErrorKind::StorageFull));
        assert!(output.write_all(b"first\n").is_err());
        let later = output.write_all(b"second\n").map_err(|e| e.to_string());
        assert_eq!(
            later,
            Err(String::from("an earlier write to out.txt failed"))
        );
        let written = output.finish();
        assert_eq!(written, Written::Failed);
        assert_eq!(written.exit_code(ExitCode::SUCCESS), ExitCode::FAILURE);
    }

    #[test]
    fn an_interrupted_write_is_retried_by_write_all() {
        struct InterruptedOnce(bool, Vec<u8>);
        impl Write for InterruptedOnce {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if !self.0 {
                    self.0 = true;
                    return Err(io::Error::from(io::ErrorKind::Interrupted));
                }
                self.1.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut output = quiet("x", InterruptedOnce(false, Vec::new()));
        assert!(output.write_all(b"text").is_ok());
        assert_eq!(output.finish(), Written::Whole);
    }
}
