//! [`StateError`]: what can go wrong with hot fields.

/// An error from the hot-field operations of a
/// [`LiveMemoryState`](super::LiveMemoryState).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    /// The name is not a declared hot field.
    #[error("no hot field {name:?} (declared: {declared})")]
    UnknownField {
        /// The name asked for.
        name: String,
        /// The declared hot fields, comma-separated.
        declared: String,
    },
    /// Hot fields were already declared, differently.
    #[error("hot fields already declared as [{declared}], cannot declare [{requested}]")]
    AlreadyDeclared {
        /// The fields declared first, comma-separated.
        declared: String,
        /// The fields of the refused declaration, comma-separated.
        requested: String,
    },
    /// The name is already a key of the JSON map (or listed twice).
    #[error("cannot declare hot field {name:?}: the name is already in use")]
    NameInUse {
        /// The name.
        name: String,
    },
}
