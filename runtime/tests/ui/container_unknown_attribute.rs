use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(namespace = "urn:example")]
struct Login {
    user: String,
}

fn main() {}
