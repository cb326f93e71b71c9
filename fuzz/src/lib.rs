//! The parsers of livedbctl that read outside input, compiled from the main crate's own
//! source files (`#[path]`) under a crate root that gives them the `crate::` paths they
//! use. The main crate stays one binary with its module tree untouched; only these files
//! (and what they name) are built here.

#[path = "../../src/error.rs"]
pub mod error;
#[path = "../../src/json_path.rs"]
pub mod json_path;
#[path = "../../src/profile/mod.rs"]
pub mod profile;
#[path = "../../src/settings.rs"]
pub mod settings;

// An inline module's `#[path]` names the directory its nested modules are read from.
#[path = "../../src/pg"]
pub mod pg {
    pub mod conninfo;
}

#[path = "../../src/kafka"]
pub mod kafka {
    pub mod tail {
        pub mod decode;
        pub mod offsets;
        pub mod template;
    }
}

#[path = "../../src/cdc"]
pub mod cdc {
    pub mod pgoutput;
}

#[path = "../../src/pipeline"]
pub mod pipeline {
    /// The one variant `seed/file.rs` names of the real `PipelineError`
    /// (src/pipeline/mod.rs), which lives beside the producer this crate does not build.
    #[derive(Debug, thiserror::Error)]
    pub enum PipelineError {
        #[error("cannot read seed file {path}")]
        SeedFile {
            path: std::path::PathBuf,
            #[source]
            source: std::io::Error,
        },
    }

    pub mod seed {
        pub mod file;
    }
}

// The conversions the command layer (src/commands/errors.rs) gives these domain errors.
impl From<profile::ProfileError> for error::Error {
    fn from(e: profile::ProfileError) -> Self {
        error::Error::from_domain(error::ErrorKind::Config, e)
    }
}
impl From<pipeline::PipelineError> for error::Error {
    fn from(e: pipeline::PipelineError) -> Self {
        error::Error::from_domain(error::ErrorKind::Usage, e)
    }
}

/// Split fuzz input in two at the first NUL byte (the second part empty without one).
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}
