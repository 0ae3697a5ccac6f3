use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Login {
    #[xml(attribute, items = "string")]
    groups: Vec<String>,
}

fn main() {}
