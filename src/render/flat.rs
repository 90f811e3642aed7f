//! Struct serialization with its first field's fields laid flat among its
//! own, as `#[serde(flatten)]` lays them, without its cost: flatten makes
//! the struct a map of unknown size, so the template engine copies every
//! key and grows the map field by field, and list pages serialize
//! hundreds of such structs (an article card per entry) per page.

use serde::ser::SerializeStruct;

/// A struct whose fields another lays among its own.
pub trait Fields {
    /// How many fields it writes.
    fn count(&self) -> usize;
    fn write_fields<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error>;
}

/// Implements [`Fields`] for `$name`, which must list every field (the
/// pattern is exhaustive, so a field added later cannot be forgotten).
macro_rules! fields {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::render::flat::Fields for $name<'_> {
            fn count(&self) -> usize {
                [$(stringify!($field)),*].len()
            }

            fn write_fields<S: serde::ser::SerializeStruct>(
                &self,
                out: &mut S,
            ) -> Result<(), S::Error> {
                let $name { $($field),* } = self;
                $(out.serialize_field(stringify!($field), $field)?;)*
                Ok(())
            }
        }
    };
}

/// Implements `Serialize` for `$name`: the fields of `$inner` (its first
/// field, which implements [`Fields`]) first, then its own, every one named
/// (the pattern is exhaustive).
macro_rules! serialize_flat {
    ($name:ident { $inner:ident; $($field:ident),* $(,)? }) => {
        impl serde::Serialize for $name<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                use $crate::render::flat::Fields;
                let $name { $inner, $($field),* } = self;
                let own = [$(stringify!($field)),*].len();
                let mut out = serializer.serialize_struct(stringify!($name), $inner.count() + own)?;
                $inner.write_fields(&mut out)?;
                $(out.serialize_field(stringify!($field), $field)?;)*
                out.end()
            }
        }
    };
}

pub(crate) use {fields, serialize_flat};

#[cfg(test)]
mod tests {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Card<'a> {
        title: &'a str,
        url: Option<String>,
    }
    fields!(Card { title, url });

    #[derive(Serialize)]
    struct WithFlatten<'a> {
        #[serde(flatten)]
        card: Card<'a>,
        count: u32,
        tags: Vec<&'a str>,
    }

    struct Flat<'a> {
        card: Card<'a>,
        count: u32,
        tags: Vec<&'a str>,
    }
    serialize_flat!(Flat { card; count, tags });

    #[test]
    fn lays_the_fields_out_as_flatten_does() {
        for url in [None, Some("a/b/".to_string())] {
            let card = || Card {
                title: "Tô Lâm",
                url: url.clone(),
            };
            let tags = vec!["x", "y"];
            let flatten = WithFlatten {
                card: card(),
                count: 3,
                tags: tags.clone(),
            };
            let flat = Flat {
                card: card(),
                count: 3,
                tags,
            };
            let expected = serde_json::to_string(&flatten).unwrap();
            assert_eq!(serde_json::to_string(&flat).unwrap(), expected);
            let value = tera::Value::try_from_serializable(&flat).unwrap();
            let expected = tera::Value::try_from_serializable(&flatten).unwrap();
            assert_eq!(value, expected);
        }
    }
}
