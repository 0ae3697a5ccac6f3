use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Item {
    #[xml(xsi_type(ns = "http://www.w3.org/2001/XMLSchema"))]
    id: i32,
}

fn main() {}
