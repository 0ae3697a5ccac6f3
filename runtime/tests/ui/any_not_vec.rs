use soap_runtime::{AnyElement, XmlContent};

#[derive(XmlContent)]
struct Open {
    #[xml(any)]
    extension: Option<AnyElement>,
}

fn main() {}
