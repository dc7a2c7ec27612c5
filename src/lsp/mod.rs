//! `hotc lsp`: a language server over stdio. It publishes the diagnostics of
//! `hotc check` for each open buffer as a member of its tree (open buffers
//! shadow the disk), and answers hover, go to definition, completion and quick
//! fixes from the same syntax tree and catalog.
//!
//! Layers: `transport` (framing), `server` (message loop, initialize,
//! dispatch), `documents` (open buffers, file URIs), `position` (UTF-16 and
//! UTF-8 columns), `worker` (checks off the message loop, coalesced),
//! `diagnostics` (one check, converted), `cursor` (what is under the cursor),
//! and one file per request.

pub mod code_action;
pub mod completion;
pub mod cursor;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod position;
pub mod server;
pub mod transport;
pub mod worker;

pub use server::serve;
