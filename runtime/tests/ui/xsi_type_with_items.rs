use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Numbers {
    #[xml(items = "int", xsi_type(name = "ArrayOfInt"))]
    values: Vec<i32>,
}

fn main() {}
