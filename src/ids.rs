//! The contract's id vocabularies (gateway, cause and tip ids) as one-byte enums. Ids kept as
//! `&'static str` cost 8 bytes of pointer and length in every table entry (bytes gzip barely
//! shrinks) and compile every comparison to a chain of byte compares; an enum is one byte, and
//! its names are one joined string read only where the Report is written out.

/// A fieldless enum of ids, each with its name: `as_str`, `Display` and `Serialize` give the
/// name (the contract's spelling), so the JSON is the same as with string ids.
macro_rules! id_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        $vis enum $name {
            $($variant,)*
        }

        impl $name {
            /// Every id, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The id as the contract spells it.
            pub fn as_str(self) -> &'static str {
                $crate::ids::line($crate::i18n::joined!([$($text),*]), self as usize)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

pub(crate) use id_enum;

/// Line `index` of a joined table ("" past its end).
pub(crate) fn line(table: &'static str, index: usize) -> &'static str {
    crate::i18n::lines(table).nth(index).unwrap_or("")
}
