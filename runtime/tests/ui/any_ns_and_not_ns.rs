use soap_runtime::{AnyElement, XmlContent};

#[derive(XmlContent)]
struct Open {
    #[xml(any(ns = ["urn:a"], not_ns = "urn:b"))]
    rest: Vec<AnyElement>,
}

fn main() {}
