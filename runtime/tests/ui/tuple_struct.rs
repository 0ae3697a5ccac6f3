use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct UserName(String);

fn main() {}
