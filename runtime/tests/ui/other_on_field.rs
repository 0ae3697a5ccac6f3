use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Login {
    #[xml(other)]
    user: String,
}

fn main() {}
