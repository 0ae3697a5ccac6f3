use soap_runtime::XmlContent;

#[derive(XmlContent)]
enum Colour {
    Red,
    Green,
}

fn main() {}
