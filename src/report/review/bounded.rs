//! Texts and lists with a size limit, for a document that is read back
//! from a file anyone could have written: the writer clips what is over
//! (a text ends with `…`, a list keeps its first items), the reader refuses
//! it, so what one writes the other always reads.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A string of at most `MAX` bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text<const MAX: usize>(String);

impl<const MAX: usize> Text<MAX> {
    /// `text`, cut at a character's edge and ended with `…` when it is over.
    pub fn clipped(text: &str) -> Self {
        if text.len() <= MAX {
            return Self(text.to_string());
        }
        let mut end = MAX.saturating_sub('…'.len_utf8());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Self(format!("{}…", &text[..end]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> std::ops::Deref for Text<MAX> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for Text<MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.len() > MAX {
            return Err(de::Error::custom(format!(
                "a text of {} bytes, where at most {MAX} are allowed",
                text.len()
            )));
        }
        Ok(Self(text))
    }
}

/// A list of at most `MAX` items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct List<T, const MAX: usize>(Vec<T>);

impl<T, const MAX: usize> List<T, MAX> {
    /// The first `MAX` of `items`.
    pub fn clipped(items: impl IntoIterator<Item = T>) -> Self {
        Self(items.into_iter().take(MAX).collect())
    }
}

impl<T, const MAX: usize> Default for List<T, MAX> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T, const MAX: usize> std::ops::Deref for List<T, MAX> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for List<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(Items::<T, MAX>(PhantomData))
    }
}

/// Reads a list item by item, and stops at the first one over `MAX`.
struct Items<T, const MAX: usize>(PhantomData<T>);

impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for Items<T, MAX> {
    type Value = List<T, MAX>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of at most {MAX} items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            if items.len() == MAX {
                return Err(de::Error::custom(format!(
                    "a list of more than {MAX} items"
                )));
            }
            items.push(item);
        }
        Ok(List(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_clip_and_readers_refuse() {
        let t = Text::<8>::clipped("abcdéfghij");
        assert_eq!(t.as_str(), "abcd…");
        assert!(t.len() <= 8);
        assert_eq!(Text::<8>::clipped("short").as_str(), "short");
        assert!(serde_json::from_str::<Text<8>>("\"abcdefghi\"").is_err());
        assert!(serde_json::from_str::<Text<8>>("\"abcdefgh\"").is_ok());
        let list = List::<u8, 2>::clipped([1, 2, 3]);
        assert_eq!(&*list, &[1, 2]);
        assert!(serde_json::from_str::<List<u8, 2>>("[1,2,3]").is_err());
        assert_eq!(
            &*serde_json::from_str::<List<u8, 2>>("[1,2]").expect("list"),
            &[1, 2]
        );
    }
}
