use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(choice)]
enum Value {
    #[xml(xsi_type(name = "int", ns = "http://www.w3.org/2001/XMLSchema"))]
    Number(i32),
}

fn main() {}
