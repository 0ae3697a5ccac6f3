use soap_runtime::{AnyElement, XmlContent};

#[derive(XmlContent)]
struct Open {
    #[xml(any(namespace = "##other"))]
    rest: Vec<AnyElement>,
}

fn main() {}
