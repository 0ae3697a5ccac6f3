use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Amount {
    #[xml(attribute, text)]
    value: String,
}

fn main() {}
