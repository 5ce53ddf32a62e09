//! Input that ends when the batch is asked to stop, even while a read blocks
//! (a pipe whose writer is quiet, a terminal): a thread of its own reads the
//! real input, and the batch reads what it hands on.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

/// How often a reader waiting for input looks at the stop flag.
const POLL: Duration = Duration::from_millis(20);

/// Blocks of this size are handed on, a few at a time.
const BLOCK: usize = 1 << 16;

/// Input read on a thread of its own, which reads as the end of the input
/// once `stop` is set, without waiting for the real input to give more.
///
/// The reading thread is left to finish on its own: it stops when the
/// real input ends or when it has a block no one takes.
pub struct StoppableInput {
    blocks: Receiver<io::Result<Vec<u8>>>,
    block: Vec<u8>,
    position: usize,
    stop: Arc<AtomicBool>,
    ended: bool,
}

impl StoppableInput {
    /// Starts reading `input` on a thread of its own.
    pub fn new(mut input: impl Read + Send + 'static, stop: Arc<AtomicBool>) -> Self {
        let (sender, blocks) = sync_channel(4);
        std::thread::spawn(move || {
            loop {
                let mut block = vec![0; BLOCK];
                let read = match input.read(&mut block) {
                    Ok(0) => break,
                    Ok(n) => {
                        block.truncate(n);
                        Ok(block)
                    }
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                    Err(error) => Err(error),
                };
                let failed = read.is_err();
                if sender.send(read).is_err() || failed {
                    break;
                }
            }
        });
        StoppableInput {
            blocks,
            block: Vec::new(),
            position: 0,
            stop,
            ended: false,
        }
    }
}

impl Read for StoppableInput {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        while self.position == self.block.len() {
            if self.ended || self.stop.load(Ordering::Relaxed) {
                return Ok(0);
            }
            match self.blocks.recv_timeout(POLL) {
                Ok(block) => {
                    self.block = block?;
                    self.position = 0;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => self.ended = true,
            }
        }
        let n = buffer.len().min(self.block.len() - self.position);
        buffer[..n].copy_from_slice(&self.block[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}
