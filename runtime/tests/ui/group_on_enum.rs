use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(choice, group)]
enum Mark {
    Star(String),
}

fn main() {}
