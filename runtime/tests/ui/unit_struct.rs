use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Empty;

fn main() {}
