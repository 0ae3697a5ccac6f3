use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(ns = 1 + 2)]
struct Login {
    user: String,
}

fn main() {}
