//! What every command receives: the printer, the confirmation switch, and the settings
//! resolved once in `main`.

use crate::error::Result;
use crate::output::Printer;
use crate::settings::Settings;

pub struct Context {
    pub out: Printer,
    pub yes: bool,
    settings: Result<Settings>,
}

impl Context {
    pub fn new(out: Printer, yes: bool, settings: Result<Settings>) -> Self {
        Context { out, yes, settings }
    }

    /// The resolved settings; a broken profile surfaces here, only for commands that need it.
    pub fn settings(&self) -> Result<&Settings> {
        self.settings.as_ref().map_err(Clone::clone)
    }
}
