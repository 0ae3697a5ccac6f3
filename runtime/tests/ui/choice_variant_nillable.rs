use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(choice)]
enum Contact {
    Email(String),
    #[xml(rename = "phone", nillable)]
    Phone(String),
}

fn main() {}
