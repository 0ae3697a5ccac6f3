use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(choice)]
enum Contact {
    Email(String),
    Phone(String, u32),
}

fn main() {}
