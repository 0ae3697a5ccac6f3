use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Numbers {
    #[xml(soap_array(item_type = "int"), xsi_type(name = "Array"))]
    values: Vec<i32>,
}

fn main() {}
