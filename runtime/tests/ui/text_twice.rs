use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Amount {
    #[xml(text)]
    value: String,
    #[xml(text)]
    note: String,
}

fn main() {}
