use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Login {
    #[xml(nillable)]
    locale: String,
}

fn main() {}
