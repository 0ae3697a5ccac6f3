use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Amount {
    #[xml(attribute)]
    currency: String,
    #[xml(text, fixed = "0")]
    value: String,
}

fn main() {}
