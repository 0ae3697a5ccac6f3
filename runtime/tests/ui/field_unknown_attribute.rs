use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Login {
    #[xml(atribute)]
    user: String,
}

fn main() {}
