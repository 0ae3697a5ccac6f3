use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Item {
    #[xml(attribute, xsi_type(name = "int"))]
    id: i32,
}

fn main() {}
