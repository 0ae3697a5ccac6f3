use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Login {
    #[xml(default = "1")]
    version: u32,
}

fn main() {}
