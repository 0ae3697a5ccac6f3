//! Placeholder until the OASIS catalog reader lands: `uri` and `system` entries only.

use std::path::{Path, PathBuf};

use crate::{Error, ErrorKind};

#[derive(Debug, Default)]
pub(crate) struct Catalog {
    entries: Vec<(String, PathBuf)>,
}

impl Catalog {
    pub(crate) fn load_all(paths: &[PathBuf]) -> Result<Catalog, Error> {
        let mut out = Catalog::default();
        for path in paths {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(path.clone(), "cannot read catalog", e))?;
            let doc = roxmltree::Document::parse(&text)
                .map_err(|e| Error::new(ErrorKind::Xml, path.clone(), e.to_string()))?;
            let dir = path.parent().unwrap_or_else(|| Path::new(""));
            for n in doc.descendants().filter(|n| n.is_element()) {
                let (key, value) = match n.tag_name().name() {
                    "uri" => (n.attribute("name"), n.attribute("uri")),
                    "system" => (n.attribute("systemId"), n.attribute("uri")),
                    _ => continue,
                };
                if let (Some(k), Some(v)) = (key, value) {
                    out.entries.push((k.to_owned(), dir.join(v)));
                }
            }
        }
        Ok(out)
    }

    pub(crate) fn resolve(&self, uri: &str) -> Option<PathBuf> {
        self.entries
            .iter()
            .find(|(k, _)| k == uri)
            .map(|(_, p)| p.clone())
    }
}
