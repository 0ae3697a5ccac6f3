use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(ns = "urn:example", choice)]
struct Contact {
    email: Option<String>,
    phone: Option<String>,
}

fn main() {}
